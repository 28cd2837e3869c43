import type { Database } from '../../db/database.js';
import { notFound } from '../../errors.js';
import { findNodesByIds } from '../entity/repository.js';
import type { RawNode } from '../common/records.js';
import { toGraphView, type GraphViewRecord } from './mappers.js';
import { findNeighbourhoodRows, findShortestPath, HIDDEN_LABELS, type ViewFilters } from './repository.js';

export interface NeighbourhoodRequest extends ViewFilters {
  center: string;
  depth: number;
  limit: number;
  /** Whether node and edge properties are needed (false: the view's `properties` are left empty). */
  properties: boolean;
}

async function loadEntity(db: Database, id: string, argumentName: string): Promise<RawNode> {
  const node = (await findNodesByIds(db, [id]))[0];
  if (!node || (node.labels ?? []).some((label) => HIDDEN_LABELS.includes(label))) {
    throw notFound(`No entity has the id "${id.slice(0, 80)}" (argument ${argumentName}).`);
  }
  return node;
}

/**
 * Breadth-first from the center, so the nodes kept under `limit` are the nearest ones, and every
 * relationship among them: one round trip (see `findNeighbourhoodRows`).
 */
export async function findNeighbourhood(db: Database, request: NeighbourhoodRequest): Promise<GraphViewRecord> {
  const found = await findNeighbourhoodRows(db, request);
  if (!found) throw notFound(`No entity has the id "${request.center.slice(0, 80)}" (argument center).`);
  return toGraphView(found.nodes, found.edges, found.truncated);
}

export interface PathRequest {
  from: string;
  to: string;
  maxLength: number;
  types: readonly string[] | null;
  exclude: readonly string[];
  year: number | null;
  includeReference: boolean;
}

export async function findPath(db: Database, request: PathRequest): Promise<GraphViewRecord | null> {
  const { from, to } = request;
  const start = await loadEntity(db, from, 'from');
  if (from === to) return toGraphView([start], [], false);
  await loadEntity(db, to, 'to');
  const path = await findShortestPath(db, request);
  return path ? toGraphView(path.nodes, path.edges, false) : null;
}
