import neo4j, { type Driver } from 'neo4j-driver';
import { COUNT_EXPRESSIONS, COUNT_NAMES, type CountName } from '../../src/modules/analytics/repository.js';

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
  edges: { source: string; target: string; type: string; weight: number | null; year: number | null }[];
  truncated: boolean;
}

/**
 * The relationships a view follows from the node bound to `a`, as rows `r, b`: to entities that
 * are neither statistics, provenance nor reference hubs (fylke, commuting region), of the types
 * asked; of a dated type only the node's latest year; of COMMUTES_TO (weighted by `employed`)
 * only those of at least `$minWeight` persons and the `$topPartners` heaviest. Written out once
 * here and used for every ring and for the edges of the same statement.
 */
function followed(a: string): string {
  return `CALL (${a}) {
      MATCH (${a})-[r]-(b:Entity)
      WHERE b <> ${a} AND NOT (b:Indicator OR b:RankingEntry OR b:Source OR b:Fylke OR b:CommutingRegion)
        AND ($types IS NULL OR type(r) IN $types)
        AND ($minWeight IS NULL OR type(r) <> 'COMMUTES_TO' OR r.employed IS NULL OR r.employed >= $minWeight)
      WITH type(r) AS t, collect({r: r, b: b, y: r.year, w: CASE type(r) WHEN 'COMMUTES_TO' THEN toFloat(r.employed) END}) AS rows, max(r.year) AS latest
      UNWIND rows AS row
      WITH row WHERE row.y IS NULL OR row.y = latest
      WITH row ORDER BY row.w DESC, row.b.id, row.y
      WITH type(row.r) AS t, collect(row) AS ordered
      UNWIND [x IN ordered WHERE x.w IS NULL] + [x IN ordered WHERE x.w IS NOT NULL][..$topPartners] AS kept
      RETURN kept.r AS r, kept.b AS b
    }`;
}

/**
 * Breadth-first to depth 1 or 2 in one statement, keeping the nearest `limit` nodes in the order
 * our API keeps them (ring by ring; within a ring by the smallest id of the node it was reached
 * from, then by id; a ring the limit cuts ends the walk), then every followed relationship among
 * the kept nodes. `types` null: every type.
 */
export function findNeighbourhood(
  driver: Driver,
  request: { center: string; depth: number; limit: number; types: string[] | null; minWeight: number | null; topPartners: number },
): Promise<NeighbourhoodRow[]> {
  return read(driver, `
    MATCH (c:Entity {id: $center}) WHERE NOT (c:Indicator OR c:RankingEntry OR c:Source)
    CALL (c) {
      ${followed('c')}
      WITH DISTINCT b ORDER BY b.id LIMIT $limit
      RETURN collect(b) AS found1
    }
    WITH c, found1[..$limit - 1] AS ring1, size(found1) > $limit - 1 AS cut1
    CALL (c, ring1, cut1) {
      UNWIND CASE WHEN cut1 OR $depth < 2 THEN [] ELSE ring1 END AS a
      ${followed('a')}
      WITH a, b WHERE b <> c AND NOT b IN ring1
      WITH b, min(a.id) AS via ORDER BY via, b.id LIMIT $limit
      RETURN collect(b) AS found2
    }
    WITH c, ring1, found2[..$limit - 1 - size(ring1)] AS ring2, cut1 OR size(found2) > $limit - 1 - size(ring1) AS truncated
    WITH [c] + ring1 + ring2 AS kept, truncated
    CALL (kept) {
      UNWIND kept AS a
      ${followed('a')}
      WITH DISTINCT r, b WHERE b IN kept
      RETURN collect({source: startNode(r).id, target: endNode(r).id, type: type(r), year: r.year,
                      weight: CASE type(r) WHEN 'COMMUTES_TO' THEN toFloat(r.employed) END}) AS edges
    }
    RETURN [n IN kept | n{.id, .name, labels: labels(n)}] AS nodes, edges, truncated`,
  {
    center: request.center, depth: neo4j.int(request.depth), limit: neo4j.int(request.limit), types: request.types,
    minWeight: request.minWeight, topPartners: neo4j.int(request.topPartners),
  });
}

/** The held year nearest `$year` among `years` (ties: the earlier), as Cypher: how every series of a correlation picks its year. */
const nearestYear = (years: string) => `reduce(best = null, y IN ${years} |
      CASE WHEN best IS NULL OR abs(y - $year) < abs(best - $year) OR (abs(y - $year) = abs(best - $year) AND y < best) THEN y ELSE best END)`;

/** A kommune's figure of an indicator for `year` (bound in the enclosing query): the best-supported national rank, or the value of the year. */
const INDICATOR_SERIES = `COLLECT {
      CALL (i) {
        MATCH (i)<-[:FOR_INDICATOR]-(e:RankingEntry {scope: 'NATIONAL', edition: $year})-[:RANKS]->(k:Kommune)
        WITH k, e ORDER BY size(e.sourceIds) DESC, e.rank
        WITH k, collect(e.rank) AS ranks
        RETURN k, toFloat(ranks[0]) AS value, size(ranks) AS claims
        UNION
        MATCH (k:Kommune)-[v:HAS_VALUE {year: $year}]->(i)
        RETURN k, toFloat(v.value) AS value, 1 AS claims
      }
      WITH k, value, claims ORDER BY k.nr
      RETURN {kommuneId: k.id, value: value, claims: claims}
    }`;

/** How the floor reads a measure (bench/floor/handlers.ts picks it from the measure's declaration). */
export type FloorMeasure =
  /** Companies located in each curated kommune: the only kommuner a CURATED count covers. */
  | { kind: 'curatedCompanies' }
  /** A stored VALUE indicator, in its held year nearest the correlation's. */
  | { kind: 'indicator'; key: string };

export interface CorrelationRow extends Row {
  indicator: Record<string, unknown> & { id: string };
  /** Every kommune by number: the scope. */
  kommuner: { kommuneId: string; name: string; curated: boolean }[];
  series: { kommuneId: string; value: number | null; claims: number }[];
  populationYear: number | null;
  population: { kommuneId: string; value: number | null }[];
  measureYears: number[];
  measureYear: number | null;
  measure: { kommuneId: string; value: number | null }[];
}

/**
 * Everything one correlation is computed from, in one statement: the indicator, its figure per
 * kommune for the year, the measure per kommune it covers (its held year nearest), the
 * population of the held year nearest (for log population) and every kommune with its curation flag.
 */
export function findCorrelationInputs(driver: Driver, measure: FloorMeasure, indicator: string, year: number): Promise<CorrelationRow[]> {
  const measureYears = measure.kind === 'indicator'
    ? 'COLLECT { MATCH (:Kommune)-[v:HAS_VALUE]->(m) WHERE v.year IS NOT NULL RETURN DISTINCT v.year }'
    : '[]';
  const measureSeries = measure.kind === 'indicator'
    ? 'COLLECT { MATCH (k:Kommune)-[v:HAS_VALUE {year: measureYear}]->(m) RETURN {kommuneId: k.id, value: toFloat(v.value)} }'
    : 'COLLECT { MATCH (k:Kommune) WHERE k.ecosystemCurated = true RETURN {kommuneId: k.id, value: COUNT { (:Company)-[:LOCATED_IN]->(k) }} }';
  return read(driver, `
    MATCH (i:Indicator {key: $indicator})
    OPTIONAL MATCH (p:Indicator {key: 'ssb/population'})
    OPTIONAL MATCH (m:Indicator {key: $measureKey})
    WITH i, p, m,
      COLLECT { MATCH (:Kommune)-[v:HAS_VALUE]->(p) WHERE v.year IS NOT NULL RETURN DISTINCT v.year } AS populationYears,
      ${measureYears} AS measureYears
    WITH i, p, m, measureYears, ${nearestYear('populationYears')} AS populationYear, ${nearestYear('measureYears')} AS measureYear
    RETURN i{.*, labels: labels(i)} AS indicator,
      COLLECT { MATCH (k:Kommune) WITH k ORDER BY k.nr RETURN {kommuneId: k.id, name: k.name, curated: coalesce(k.ecosystemCurated, false)} } AS kommuner,
      ${INDICATOR_SERIES} AS series,
      populationYear,
      COLLECT { MATCH (k:Kommune)-[v:HAS_VALUE {year: populationYear}]->(p) RETURN {kommuneId: k.id, value: toFloat(v.value)} } AS population,
      measureYears, measureYear, ${measureSeries} AS measure`,
  { indicator, year: neo4j.int(year), measureKey: measure.kind === 'indicator' ? measure.key : null });
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

export interface AllSeriesRow extends Row {
  /** Every kommune by number, with what the counts and network measures read from the node itself. */
  kommuner: { kommuneId: string; nr: string; name: string; curated: boolean; population: number | null; pageRank: number | null; betweenness: number | null }[];
  /** Every indicator by key: its held years; for a measure's source or the population every value, else the figures of the held year nearest `$target`. */
  indicators: {
    indicator: Record<string, unknown> & { id: string; key: string };
    years: number[];
    chosen: number | null;
    series: { kommuneId: string; value: number | null; claims: number }[];
    /** `[kommune id, year, value]`: lists, not maps, since there are tens of thousands. */
    values: [string, number, number | null][];
  }[];
  /** The curated counts of each curated kommune (only those kommuner are covered by them). */
  counts: ({ kommuneId: string } & Record<CountName, number>)[];
  /** Kommuner sharing a boundary, for every kommune (NEIGHBOURS covers all). */
  neighbours: { kommuneId: string; value: number }[];
  /** Memberships of collaborations per kommune and listing year (absent: none). */
  listed: { kommuneId: string; year: number; value: number }[];
}

/**
 * Every series a screening or a kommune profile reads, in one statement: the kommuner, every
 * indicator (the series of the year nearest `target`, or every value of the ones measures are
 * computed from), the curated counts of the curated kommuner, neighbours and listed collaborations.
 * The counts use the very definitions of our API (`COUNT_EXPRESSIONS`), so the floor counts the same things.
 */
export function findAllSeries(driver: Driver, target: number, valueKeys: readonly string[]): Promise<AllSeriesRow[]> {
  const curatedCounts = COUNT_NAMES.filter((name) => name !== 'neighbours');
  return read(driver, `
    CALL () {
      MATCH (k:Kommune) WITH k ORDER BY k.nr
      RETURN collect({kommuneId: k.id, nr: k.nr, name: k.name, curated: coalesce(k.ecosystemCurated, false), population: k.population2022,
                      pageRank: k.pageRank, betweenness: k.betweenness}) AS kommuner
    }
    CALL () {
      MATCH (i:Indicator) WITH i ORDER BY i.key
      WITH i, COLLECT {
        MATCH (e:RankingEntry)-[:FOR_INDICATOR]->(i) WHERE e.edition IS NOT NULL RETURN e.edition AS year
        UNION MATCH (:Kommune)-[v:HAS_VALUE]->(i) WHERE v.year IS NOT NULL RETURN v.year AS year
      } AS years
      WITH i, years, i.key IN $valueKeys AS everyValue
      WITH i, years, everyValue, CASE WHEN everyValue THEN null ELSE reduce(best = null, y IN years |
        CASE WHEN best IS NULL OR abs(y - $target) < abs(best - $target) OR (abs(y - $target) = abs(best - $target) AND y < best) THEN y ELSE best END) END AS chosen
      WITH i, years, everyValue, chosen, COLLECT {
          CALL (i, chosen) {
            MATCH (i)<-[:FOR_INDICATOR]-(e:RankingEntry {scope: 'NATIONAL'})-[:RANKS]->(k:Kommune)
            WHERE e.edition = chosen
            WITH k, e ORDER BY size(e.sourceIds) DESC, e.rank
            WITH k, collect(e.rank) AS ranks
            RETURN k, toFloat(ranks[0]) AS value, size(ranks) AS claims
            UNION
            MATCH (k:Kommune)-[v:HAS_VALUE]->(i) WHERE v.year = chosen
            RETURN k, toFloat(v.value) AS value, 1 AS claims
          }
          WITH k, value, claims ORDER BY k.nr
          RETURN {kommuneId: k.id, value: value, claims: claims}
        } AS series,
        COLLECT { MATCH (k:Kommune)-[v:HAS_VALUE]->(i) WHERE everyValue AND v.year IS NOT NULL RETURN [k.id, v.year, toFloat(v.value)] } AS values
      RETURN collect({indicator: i{.*, labels: labels(i)}, years: years, chosen: chosen, series: series, values: values}) AS indicators
    }
    CALL () {
      MATCH (k:Kommune) WHERE k.ecosystemCurated = true
      RETURN collect({kommuneId: k.id, ${curatedCounts.map((name) => `${name}: ${COUNT_EXPRESSIONS[name]}`).join(',\n        ')}}) AS counts
    }
    CALL () {
      MATCH (k:Kommune)
      RETURN collect({kommuneId: k.id, value: ${COUNT_EXPRESSIONS.neighbours}}) AS neighbours
    }
    CALL () {
      MATCH (k:Kommune)-[r:PARTICIPATES_IN]->(:Collaboration) WHERE r.years IS NOT NULL
      UNWIND r.years AS year
      WITH k.id AS kommuneId, year, count(*) AS value
      RETURN collect({kommuneId: kommuneId, year: year, value: value}) AS listed
    }
    RETURN kommuner, indicators, counts, neighbours, listed`,
  { target: neo4j.int(target), valueKeys });
}
