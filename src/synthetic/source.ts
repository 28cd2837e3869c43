import { sourceId } from '../graph/index.js';

/** The one source every synthetic node and relationship cites, so no one mistakes it for a fact. */
export const SYNTHETIC_SOURCE = (() => {
  const fields = {
    title: 'Synthetic benchmark data (generated, not real)',
    url: null,
    publisher: 'regional-cooperation-graph benchmark generator',
    note: 'Made up by a seeded random generator for load tests; no company, cluster, school, event, collaboration or rank in it exists.',
  };
  return { id: sourceId(fields), ...fields, licence: null, synthetic: true };
})();

/** What every synthetic node and relationship carries besides its own facts. */
export const SYNTHETIC_PROPS = { synthetic: true, sourceIds: [SYNTHETIC_SOURCE.id] } as const;
