import type { Database } from '../src/db/database.js';
import type { QueryParameters } from './queries.js';

/** Rank (by member count) of the cluster whose members are paged: big, but not the biggest. */
const MEMBERS_CLUSTER_RANK = 10;
const GRAPH_CENTER = 'Cluster:nce-systems-engineering';

const keysetCursor = (name: string, id: string) => Buffer.from(JSON.stringify([name, id]), 'utf8').toString('base64url');

/**
 * Picks the ids the queries ask about from the loaded graph, the same way for every size:
 * Kongsberg (the project's example), the kommune with most companies, the tenth-largest cluster,
 * and a real cluster as the center of the graph view. The peer's cursor comes from the peer.
 */
export async function pickParameters(db: Database, peerCursor: (clusterId: string) => Promise<string>): Promise<QueryParameters> {
  const [largest] = await db.read<{ nr: string }>(
    `MATCH (k:Kommune) RETURN k.nr AS nr ORDER BY COUNT { (:Company)-[:LOCATED_IN]->(k) } DESC, k.nr LIMIT 1`,
  );
  const clusters = await db.read<{ id: string }>(
    `MATCH (c:Cluster) RETURN c.id AS id ORDER BY COUNT { (:Entity)-[:MEMBER_OF]->(c) } DESC, c.id LIMIT toInteger($rank)`,
    { rank: MEMBERS_CLUSTER_RANK },
  );
  const clusterId = clusters.at(-1)!.id;
  const [fortieth] = await db.read<{ name: string; id: string }>(
    `MATCH (m:Entity)-[:MEMBER_OF]->(:Cluster {id: $clusterId})
     WITH DISTINCT m ORDER BY m.name, m.id SKIP 39 LIMIT 1
     RETURN m.name AS name, m.id AS id`,
    { clusterId },
  );
  const [center] = await db.read<{ found: boolean }>('RETURN EXISTS { MATCH (:Cluster {id: $id}) } AS found', { id: GRAPH_CENTER });
  return {
    kommuneNr: '3006',
    largeKommuneNr: largest!.nr,
    indicator: 'kommune-nm/kompetanse',
    edition: 2022,
    clusterId,
    floorMembersAfter: fortieth ? keysetCursor(fortieth.name, fortieth.id) : '',
    peerMembersAfter: await peerCursor(clusterId),
    graphCenter: center?.found ? GRAPH_CENTER : clusters[0]!.id,
    searchText: 'kongsberg',
  };
}
