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
 * relationship among them: one round trip (see `findNeighbourhoodRows`). The center is walked
 * from as given first, because an id that exists is its own canonical id; only when it does not
 * (`Kommune:0604`, a number of another era) is `canonicalCenter` asked and the walk repeated
 * from the id it names.
 */
export async function findNeighbourhood(
  db: Database,
  request: NeighbourhoodRequest,
  canonicalCenter: () => Promise<string>,
): Promise<GraphViewRecord> {
  let found = await findNeighbourhoodRows(db, request);
  let { center } = request;
  if (!found) {
    center = await canonicalCenter();
    if (center !== request.center) found = await findNeighbourhoodRows(db, { ...request, center });
  }
  if (!found) throw notFound(`No entity has the id "${center.slice(0, 80)}" (argument center).`);
  return toGraphView(found.nodes, found.edges, found.truncated, request.properties);
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
