import type { AnyRecord } from '../entity/mappers.js';

export interface SearchHitRecord {
  entity: AnyRecord;
  score: number;
}
