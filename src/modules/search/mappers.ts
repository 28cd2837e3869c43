import type { AnyRecord } from '../node/mappers.js';

export interface SearchHitRecord {
  entity: AnyRecord;
  score: number;
}
