import DataLoader from 'dataloader';
import type { Database } from '../../db/database.js';
import { mapParticipation, type ProjectParticipationRecord } from './mappers.js';
import { findParticipations } from './repository.js';

export interface ResearchLoaders {
  /** Participations of a project or of a participant, by its id. */
  participations: DataLoader<string, ProjectParticipationRecord[]>;
}

export function createResearchLoaders(db: Database): ResearchLoaders {
  return {
    participations: new DataLoader(async (ids) => {
      const byId = await findParticipations(db, ids);
      return ids.map((id) => (byId.get(id) ?? []).map(mapParticipation));
    }),
  };
}
