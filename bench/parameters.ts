import seedrandom from 'seedrandom';
import type { Database } from '../src/db/database.js';
import { encodeCursor, listKey } from '../src/modules/common/pagination.js';

/** A page of a cluster's members, with the cursor each contender needs to get there. */
export interface MembersPage {
  clusterId: string;
  memberCount: number;
  /** 1-based page of 20 by name. */
  page: number;
  /** Keyset cursor (name, id) after the last member of the page before, for ours and the floor; null on page 1. */
  floorAfter: string | null;
  /** The peer's offset cursor to the same place (graphql-relay's `arrayconnection:N`). */
  peerAfter: string | null;
}

/** A ranking edition held in the data, for an indicator ranked by rank. */
export type RankingEdition = {
  indicator: string;
  edition: number;
};

/**
 * What the varied requests draw from, read from the loaded graph: every kommune, clusters of
 * every size (with page cursors), every held ranking edition, words from entity names, and graph
 * centres of every entity type.
 */
export interface ParameterPool {
  kommuneNrs: string[];
  /** Kommuner by companies located there, most first (the top ones make the "large" page). */
  largestKommuneNrs: string[];
  rankings: RankingEdition[];
  membersPages: MembersPage[];
  searchWords: string[];
  /** Entity ids by type (label), a few of each. */
  graphCenters: { type: string; id: string }[];
  /** Kommune ids with at least one commuting relationship. */
  commutingKommuneIds: string[];
}

const PAGE = 20;
/** Clusters sampled by member count, evenly over the sizes held. */
const CLUSTER_SAMPLE = 40;
const CENTERS_PER_TYPE = 8;
const SEARCH_WORDS = 200;
const CENTER_TYPES = ['Kommune', 'Fylke', 'Company', 'Cluster', 'School', 'Event', 'Initiative', 'Collaboration'];

/** Our cursor after a member, as ours issues it (the floor reads the same). */
const keysetCursor = (clusterId: string, name: string, id: string) => encodeCursor(listKey('Cluster.membersConnection', { cluster: clusterId }), { sortValue: name, id });
const peerCursor = (offset: number) => Buffer.from(`arrayconnection:${offset}`, 'utf8').toString('base64');

/** Every `step`-th element, so a sample spans the whole sorted list. */
function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return Array.from({ length: count }, (_, i) => items[Math.floor((i * (items.length - 1)) / (count - 1))]!);
}

export async function readParameterPool(db: Database): Promise<ParameterPool> {
  const kommuner = await db.read<{ nr: string; companies: number }>(
    `MATCH (k:Kommune) WHERE k.nr IS NOT NULL
     RETURN k.nr AS nr, COUNT { (:Company)-[:LOCATED_IN]->(k) } AS companies ORDER BY companies DESC, k.nr`,
  );
  const rankings = await db.read<RankingEdition>(
    `MATCH (i:Indicator {kind: 'RANK'})<-[:FOR_INDICATOR]-(e:RankingEntry {scope: 'NATIONAL'})
     RETURN DISTINCT i.key AS indicator, e.edition AS edition ORDER BY indicator, edition`,
  );
  const clusters = await db.read<{ id: string; members: number }>(
    `MATCH (c:Cluster) RETURN c.id AS id, COUNT { MATCH (m:Entity)-[:MEMBER_OF]->(c) RETURN DISTINCT m } AS members ORDER BY members, c.id`,
  );
  const membersPages: MembersPage[] = [];
  for (const cluster of spread(clusters.filter((c) => c.members > 0), CLUSTER_SAMPLE)) {
    const pages = Math.min(3, Math.ceil(cluster.members / PAGE));
    const ends = await db.read<{ name: string; id: string }>(
      `MATCH (m:Entity)-[:MEMBER_OF]->(:Cluster {id: $clusterId})
       WITH DISTINCT m ORDER BY m.name, m.id LIMIT toInteger($limit)
       RETURN m.name AS name, m.id AS id`,
      { clusterId: cluster.id, limit: (pages - 1) * PAGE },
    );
    for (let page = 1; page <= pages; page += 1) {
      const last = page === 1 ? undefined : ends[(page - 1) * PAGE - 1];
      if (page > 1 && !last) break;
      membersPages.push({
        clusterId: cluster.id, memberCount: cluster.members, page,
        floorAfter: last ? keysetCursor(cluster.id, last.name, last.id) : null,
        peerAfter: page === 1 ? null : peerCursor((page - 1) * PAGE - 1),
      });
    }
  }
  const names = await db.read<{ name: string }>(
    `MATCH (n:Entity) WHERE n.name IS NOT NULL AND NOT (n:RankingEntry)
     WITH n.name AS name ORDER BY n.id RETURN name`,
  );
  const words = [...new Set(names.flatMap((row) => row.name.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter((word) => word.length >= 4 && word.length <= 20))].sort();
  const centers = await db.read<{ type: string; ids: string[] }>(
    `UNWIND $types AS type
     CALL (type) {
       MATCH (n:Entity) WHERE type IN labels(n)
       WITH n ORDER BY n.id LIMIT 2000
       RETURN collect(n.id) AS ids
     }
     RETURN type, ids`,
    { types: CENTER_TYPES },
  );
  const commuting = await db.read<{ id: string }>(
    `MATCH (k:Kommune) WHERE EXISTS { (k)-[:COMMUTES_TO]-() } RETURN k.id AS id ORDER BY k.id`,
  );
  return {
    kommuneNrs: kommuner.map((k) => k.nr).sort(),
    largestKommuneNrs: kommuner.slice(0, 10).map((k) => k.nr),
    rankings,
    membersPages,
    searchWords: spread(words, SEARCH_WORDS),
    graphCenters: centers.flatMap((row) => spread(row.ids, CENTERS_PER_TYPE).map((id) => ({ type: row.type, id }))),
    commutingKommuneIds: commuting.map((row) => row.id),
  };
}

/** A seeded source of choices: the same seed gives every contender the same sequence. */
export interface Draw {
  pick<T>(items: readonly T[]): T;
  int(min: number, max: number): number;
}

export function seededDraw(seed: string): Draw {
  const random = seedrandom.alea(seed);
  return {
    pick: (items) => {
      if (items.length === 0) throw new Error('nothing to draw from: the loaded graph lacks data a query needs');
      return items[Math.floor(random() * items.length)]!;
    },
    int: (min, max) => min + Math.floor(random() * (max - min + 1)),
  };
}
