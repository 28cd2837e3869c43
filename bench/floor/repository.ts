import neo4j, { type Driver } from 'neo4j-driver';

/**
 * The floor: for each named benchmark query, the one Cypher statement a careful engineer would
 * hand-write for exactly the JSON our API answers. Same indexes as our API (no extra ones),
 * read transactions with the same timeout, one round trip per request.
 */

type Row = Record<string, unknown>;

async function read<T extends Row>(driver: Driver, cypher: string, params: Row): Promise<T[]> {
  const session = driver.session({ database: 'neo4j', defaultAccessMode: neo4j.session.READ });
  try {
    return await session.executeRead(async (tx) => (await tx.run(cypher, params)).records.map((record) => record.toObject() as T), { timeout: 10_000 });
  } finally {
    await session.close();
  }
}

export interface KommuneDetailRow extends Row {
  kommune: { id: string; nr: string; name: string; population: number | null };
  fylke: { id: string; nr: string; name: string };
  rankings: { id: string; edition: number; rank: number; scope: string; indicator: { key: string; name: string } }[];
  clusters: { id: string; name: string; kind: string }[];
  companies: { id: string; name: string; memberships: { id: string; name: string }[] }[];
}

/** A kommune by a number of any era, its fylke, rankings, hosted clusters and the first companies by name. */
export function findKommuneDetail(driver: Driver, nr: string, first: number): Promise<KommuneDetailRow[]> {
  return read(driver, `
    MATCH (k:Kommune) WHERE k.nr = $nr OR $nr IN k.formerNrs OR $nr IN k.nr2024
    WITH k ORDER BY CASE WHEN k.nr = $nr THEN 0 ELSE 1 END, k.nr LIMIT 1
    MATCH (k)-[:IN_FYLKE]->(f:Fylke)
    RETURN k{.id, .nr, .name, population: coalesce(k.population2022, k.population2021, k.population2020)} AS kommune,
      f{.id, .nr, .name} AS fylke,
      COLLECT { MATCH (k)<-[:RANKS]-(e:RankingEntry)-[:FOR_INDICATOR]->(i:Indicator)
                WITH e, i ORDER BY e.edition DESC, i.key, e.scope, e.rank
                RETURN e{.id, .edition, .rank, .scope, indicator: i{.key, .name}} } AS rankings,
      COLLECT { MATCH (c:Cluster)-[:LOCATED_IN]->(k) WITH DISTINCT c ORDER BY c.name, c.id RETURN c{.id, .name, .kind} } AS clusters,
      COLLECT { MATCH (c:Company)-[:LOCATED_IN]->(k) WITH c ORDER BY c.name, c.id LIMIT toInteger($first)
                RETURN c{.id, .name, memberships: COLLECT { MATCH (c)-[:MEMBER_OF]->(m:Cluster) WITH DISTINCT m ORDER BY m.name, m.id RETURN m{.id, .name} }} } AS companies`,
  { nr, first: first + 1 });
}

export interface RankingPageRow extends Row {
  indicator: { key: string; name: string; kind: string };
  entries: { id: string; rank: number; edition: number; score: number | null; kommune: { id: string; nr: string; name: string } }[];
}

export function findRankingPage(driver: Driver, indicator: string, edition: number, first: number): Promise<RankingPageRow[]> {
  return read(driver, `
    MATCH (i:Indicator {key: $indicator})
    RETURN i{.key, .name, .kind} AS indicator,
      COLLECT { MATCH (i)<-[:FOR_INDICATOR]-(e:RankingEntry {edition: $edition, scope: 'NATIONAL'})-[:RANKS]->(k:Kommune)
                WITH e, k ORDER BY e.rank, e.id LIMIT toInteger($first)
                RETURN {id: e.id, rank: e.rank, edition: e.edition, score: e.score, kommune: k{.id, .nr, .name}} } AS entries`,
  { indicator, edition: neo4j.int(edition), first: first + 1 });
}

export interface ClusterMembersRow extends Row {
  id: string;
  name: string;
  memberCount: number;
  members: { labels: string[]; id: string; name: string }[];
}

/** One page of a cluster's members by name, after a keyset cursor (name, id). */
export function findClusterMembersPage(driver: Driver, id: string, first: number, after: { name: string; id: string } | null): Promise<ClusterMembersRow[]> {
  return read(driver, `
    MATCH (c:Cluster {id: $id})
    RETURN c.id AS id, c.name AS name,
      COUNT { MATCH (m:Entity)-[:MEMBER_OF]->(c) RETURN DISTINCT m } AS memberCount,
      COLLECT { MATCH (m:Entity)-[:MEMBER_OF]->(c)
                WITH DISTINCT m
                WHERE $afterId IS NULL OR m.name > $afterName OR (m.name = $afterName AND m.id > $afterId)
                WITH m ORDER BY m.name, m.id LIMIT toInteger($first)
                RETURN {labels: labels(m), id: m.id, name: m.name} } AS members`,
  { id, first: first + 1, afterName: after?.name ?? null, afterId: after?.id ?? null });
}

export interface NeighbourhoodRow extends Row {
  nodes: { id: string; labels: string[]; name: string | null }[];
  edges: { source: string; target: string; type: string }[];
  truncated: boolean;
}

/**
 * Breadth-first to depth 2 in one statement, keeping the nearest `limit` nodes in the order
 * our API keeps them (ring by ring; within a ring by the id of the node it was reached from,
 * then by id), then every relationship among the kept nodes.
 */
export function findNeighbourhood(driver: Driver, center: string, limit: number): Promise<NeighbourhoodRow[]> {
  return read(driver, `
    MATCH (c:Entity {id: $center}) WHERE NOT (c:Indicator OR c:RankingEntry)
    CALL (c) {
      MATCH (c)--(b:Entity) WHERE NOT (b:Indicator OR b:RankingEntry) AND b <> c
      WITH DISTINCT b ORDER BY b.id
      RETURN collect(b) AS ring1
    }
    WITH c, ring1[0..$room] AS r1, size(ring1) > $room AS cut1
    CALL (c, r1, cut1) {
      UNWIND CASE WHEN cut1 THEN [] ELSE r1 END AS a
      MATCH (a)--(b:Entity) WHERE NOT (b:Indicator OR b:RankingEntry) AND b <> c AND NOT b IN r1
      WITH b, min(a.id) AS via ORDER BY via, b.id
      RETURN collect(b) AS ring2
    }
    WITH c, r1, ring2[0..$room - size(r1)] AS r2, cut1 OR size(ring2) > $room - size(r1) AS truncated
    WITH [c] + r1 + r2 AS kept, truncated
    CALL (kept) {
      UNWIND kept AS a
      MATCH (a)-[r]->(b) WHERE b IN kept
      WITH DISTINCT a.id AS source, type(r) AS type, b.id AS target
      ORDER BY source + '-' + type + '->' + target
      RETURN collect({source: source, target: target, type: type}) AS edges
    }
    RETURN [n IN kept | {id: n.id, labels: labels(n), name: n.name}] AS nodes, edges, truncated`,
  { center, room: neo4j.int(limit - 1) });
}

export interface CorrelationRow extends Row {
  kind: string;
  populationYear: number | null;
  kommuneId: string;
  name: string;
  x: number;
  y: number;
  claims: number;
  population: number | null;
}

/**
 * Per kommune with a national rank in the edition: companies located there (x), the rank (y;
 * the claim with most sources, then the better rank) and the population of the year nearest
 * the edition (for log population as covariate).
 */
export function findCompaniesVersusRank(driver: Driver, indicator: string, year: number): Promise<CorrelationRow[]> {
  return read(driver, `
    MATCH (i:Indicator {key: $indicator}), (p:Indicator {key: 'ssb/population'})
    WITH i, p, COLLECT { MATCH (:Kommune)-[v:HAS_VALUE]->(p) RETURN DISTINCT v.year } AS years
    WITH i, p, reduce(best = null, y IN years |
      CASE WHEN best IS NULL OR abs(y - $year) < abs(best - $year) OR (abs(y - $year) = abs(best - $year) AND y < best) THEN y ELSE best END) AS populationYear
    CALL (i) {
      MATCH (i)<-[:FOR_INDICATOR]-(e:RankingEntry {edition: $year, scope: 'NATIONAL'})-[:RANKS]->(k:Kommune)
      WITH k, e ORDER BY size(e.sourceIds) DESC, e.rank
      WITH k, collect(e.rank) AS ranks
      RETURN k, toFloat(ranks[0]) AS y, size(ranks) AS claims
    }
    OPTIONAL MATCH (k)-[v:HAS_VALUE {year: populationYear}]->(p)
    RETURN i.kind AS kind, populationYear, k.id AS kommuneId, k.name AS name,
      COUNT { (:Company)-[:LOCATED_IN]->(k) } AS x, y, claims, v.value AS population
    ORDER BY k.nr`,
  { indicator, year: neo4j.int(year) });
}

export interface SearchRow extends Row {
  id: string;
  labels: string[];
  name: string | null;
  score: number;
}

export function searchEntities(driver: Driver, lucene: string, first: number): Promise<SearchRow[]> {
  return read(driver, `
    CALL db.index.fulltext.queryNodes('entitySearch', $lucene) YIELD node, score
    WITH node, score ORDER BY score DESC, node.id LIMIT toInteger($first)
    RETURN node.id AS id, labels(node) AS labels, node.name AS name, score`,
  { lucene, first });
}
