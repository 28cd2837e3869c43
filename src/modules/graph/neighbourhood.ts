import type { Database } from '../../db/database.js';
import { notFound } from '../../errors.js';
import { findNodesByIds } from '../entity/repository.js';
import type { RawNode } from '../common/records.js';
import { toGraphView, type GraphViewRecord } from './mappers.js';
import { findEdgesAmong, findNeighbours, findShortestPath, HIDDEN_LABELS } from './repository.js';

export interface NeighbourhoodRequest {
  center: string;
  depth: number;
  labels: string[] | null;
  types: string[] | null;
  limit: number;
}

async function loadEntity(db: Database, id: string, argumentName: string): Promise<RawNode> {
  const node = (await findNodesByIds(db, [id]))[0];
  if (!node || (node.labels ?? []).some((label) => HIDDEN_LABELS.includes(label))) {
    throw notFound(`No entity has the id "${id.slice(0, 80)}" (argument ${argumentName}).`);
  }
  return node;
}

/**
 * Breadth-first from the center, one round trip per ring, so the nodes kept under `limit` are
 * the nearest ones; then one round trip for every relationship among the kept nodes.
 */
export async function findNeighbourhood(db: Database, request: NeighbourhoodRequest): Promise<GraphViewRecord> {
  const center = await loadEntity(db, request.center, 'center');
  const kept = new Map<string, RawNode>([[center.id, center]]);
  let frontier = [center.id];
  let truncated = false;
  for (let ring = 1; ring <= request.depth && frontier.length > 0 && !truncated; ring += 1) {
    const room = request.limit - kept.size;
    // One row more than there is room for tells whether the limit cut the ring.
    const ring = await findNeighbours(db, frontier, [...kept.keys()], request.labels, request.types, room + 1);
    truncated = ring.length > room;
    const next: string[] = [];
    for (const { node } of ring.slice(0, room)) {
      kept.set(node.id, node);
      next.push(node.id);
    }
    frontier = next;
  }
  const edges = await findEdgesAmong(db, [...kept.keys()], request.types);
  return toGraphView([...kept.values()], edges, truncated);
}

export async function findPath(db: Database, from: string, to: string, maxLength: number): Promise<GraphViewRecord | null> {
  const start = await loadEntity(db, from, 'from');
  if (from === to) return toGraphView([start], [], false);
  await loadEntity(db, to, 'to');
  const path = await findShortestPath(db, from, to, maxLength);
  return path ? toGraphView(path.nodes, path.edges, false) : null;
}
