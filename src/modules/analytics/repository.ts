import { logger } from '../../logger.js';
import type { Database } from '../../db/database.js';
import type { RawNode } from '../common/records.js';
import { COOPERATION_GRAPH_TYPES, ECOSYSTEM_CURATED_PROPERTY, labelsWithRole } from '../../graph/index.js';

/** Raw cooperation counts of one kommune, as `findCooperationCounts` returns them. */
export interface CooperationCountsRow {
  kommuneId: string;
  population: number | null;
  companies: number;
  clusterMemberships: number;
  distinctClusters: number;
  schoolIndustryLinks: number;
  eventsHosted: number;
  eventsJoined: number;
  collaborations: number;
  crossKommuneLinks: number;
  networkDegree: number;
  neighbours: number;
  /** Whether the kommune's ecosystem has been curated (`ECOSYSTEM_CURATED_PROPERTY`). */
  ecosystemCurated: boolean;
  pageRank: number | null;
  betweenness: number | null;
  /** The kommune node's own degree as the analyze job stored it (node property `networkDegree`). */
  nodeDegree: number | null;
}

/** The counts a kommune has, by the field names of `CooperationMetrics`. */
export type CountName = 'companies' | 'clusterMemberships' | 'distinctClusters' | 'schoolIndustryLinks'
  | 'eventsHosted' | 'eventsJoined' | 'collaborations' | 'crossKommuneLinks' | 'networkDegree' | 'neighbours';

/** Labels a network degree never counts: reference hubs (fylke, commuting region) and statistics. */
const NOT_NETWORK_LABELS = [...labelsWithRole('reference'), ...labelsWithRole('statistics')];

/**
 * One Cypher expression per count, over the kommune `k`. "Actors" of a kommune are the nodes
 * LOCATED_IN it; `[:LOCATED_IN*0..1]` reaches the kommune itself and its actors in one pattern.
 * UNION inside COLLECT removes duplicates, so `size()` counts distinct values. The definitions
 * are the schema's (`CooperationMetrics`); keep the two in step.
 */
export const COUNT_EXPRESSIONS: Record<CountName, string> = {
  companies: 'COUNT { (:Company)-[:LOCATED_IN]->(k) }',
  clusterMemberships: `COUNT { MATCH (a)-[:LOCATED_IN]->(k) WHERE a:Company OR a:School
      MATCH (a)-[m:MEMBER_OF]->(:Cluster) RETURN m }`,
  distinctClusters: `size(COLLECT {
      MATCH (a)-[:LOCATED_IN]->(k) WHERE a:Company OR a:School MATCH (a)-[:MEMBER_OF]->(cl:Cluster) RETURN cl.id AS cluster
      UNION MATCH (cl:Cluster)-[:LOCATED_IN]->(k) RETURN cl.id AS cluster })`,
  schoolIndustryLinks: `size(COLLECT {
      MATCH (s:School)-[:LOCATED_IN]->(k) MATCH (s)-[:COLLABORATES_WITH]-(c:Company) RETURN s.id + '|' + c.id AS pair
      UNION MATCH (c:Company)-[:LOCATED_IN]->(k) MATCH (c)-[:COLLABORATES_WITH]-(s:School) RETURN s.id + '|' + c.id AS pair
      UNION MATCH (s:School)-[:LOCATED_IN]->(k) MATCH (s)-[:MEMBER_OF]->(:Cluster)<-[:MEMBER_OF]-(c:Company) RETURN s.id + '|' + c.id AS pair
      UNION MATCH (c:Company)-[:LOCATED_IN]->(k) MATCH (c)-[:MEMBER_OF]->(:Cluster)<-[:MEMBER_OF]-(s:School) RETURN s.id + '|' + c.id AS pair })`,
  eventsHosted: 'COUNT { (:Event)-[:LOCATED_IN]->(k) }',
  eventsJoined: `size(COLLECT { MATCH (a)-[:LOCATED_IN*0..1]->(k) MATCH (a)-[:PARTNER_OF]->(e:Event) RETURN DISTINCT e.id })`,
  collaborations: 'COUNT { (k)-[:PARTICIPATES_IN]->(:Collaboration) }',
  crossKommuneLinks: `COUNT { MATCH (a)-[:LOCATED_IN*0..1]->(k)
        MATCH (a)-[r]-(b)-[:LOCATED_IN]->(other:Kommune)
        WHERE other <> k AND type(r) <> 'LOCATED_IN'
        RETURN DISTINCT r } +
      COUNT { MATCH (k)-[:PARTICIPATES_IN]->(c:Collaboration)<-[:PARTICIPATES_IN]-(other:Kommune)
        WHERE other <> k RETURN DISTINCT c, other }`,
  networkDegree: `COUNT { MATCH (a)-[:LOCATED_IN*0..1]->(k) MATCH (a)-[r]-(b:Entity)
      WHERE b <> k AND NOT (${NOT_NETWORK_LABELS.map((label) => `b:${label}`).join(' OR ')})
        AND type(r) IN [${COOPERATION_GRAPH_TYPES.map((type) => `'${type}'`).join(', ')}]
      RETURN DISTINCT b }`,
  neighbours: 'COUNT { (k)-[:NEIGHBOUR_OF]-(:Kommune) }',
};

export const COUNT_NAMES = Object.keys(COUNT_EXPRESSIONS) as CountName[];

/** Every cooperation count for the given kommuner (all kommuner when `ids` is null) in one round trip. */
export async function findCooperationCounts(db: Database, ids: readonly string[] | null): Promise<CooperationCountsRow[]> {
  return db.read<CooperationCountsRow & Record<string, unknown>>(
    `MATCH (k:Kommune) WHERE $ids IS NULL OR k.id IN $ids
     RETURN k.id AS kommuneId, k.population2022 AS population,
       ${COUNT_NAMES.map((name) => `${COUNT_EXPRESSIONS[name]} AS ${name}`).join(',\n       ')},
       coalesce(k.${ECOSYSTEM_CURATED_PROPERTY}, false) AS ecosystemCurated,
       k.pageRank AS pageRank, k.betweenness AS betweenness, k.networkDegree AS nodeDegree
     ORDER BY k.nr`,
    { ids },
  );
}

/**
 * One count (or a stored network measure) for every kommune: what a correlation needs, without
 * computing the counts it does not use.
 */
export async function findCountSeries(
  db: Database,
  measure: CountName | 'pageRank' | 'betweenness',
): Promise<{ kommuneId: string; population: number | null; value: number | null }[]> {
  const expression = measure === 'pageRank' || measure === 'betweenness' ? `k.${measure}` : COUNT_EXPRESSIONS[measure];
  return db.read(
    `MATCH (k:Kommune)
     RETURN k.id AS kommuneId, k.population2022 AS population, ${expression} AS value
     ORDER BY k.nr`,
  );
}

export interface NetworkRow {
  kommuneId: string;
  pageRank: number | null;
  betweenness: number | null;
}

/** Every value of the given VALUE indicators for the given kommuner, all years: what per-kommune measures are read from. */
export async function findMeasureValues(
  db: Database, ids: readonly string[], keys: readonly string[],
): Promise<{ kommuneId: string; key: string; year: number; value: number }[]> {
  return db.read(
    `MATCH (k:Kommune)-[v:HAS_VALUE]->(i:Indicator)
     WHERE k.id IN $ids AND i.key IN $keys AND v.year IS NOT NULL AND v.value IS NOT NULL
     RETURN k.id AS kommuneId, i.key AS key, v.year AS year, toFloat(v.value) AS value
     ORDER BY kommuneId, key, year`,
    { ids, keys },
  );
}

/** What stored count series are checked against (see `countStore.ts`). */
export interface CountsState {
  /** Audit entries: every mutation that changes the graph writes one in its own transaction. */
  audits: number;
  /** Id of the newest audit entry, so that removing old entries cannot bring a count back. */
  lastAudit: string | null;
  /** Relationships of any type. */
  relationships: number;
  /** Every kommune by number, with its population and how many relationships are LOCATED_IN it. */
  kommuner: { kommuneId: string; population: number | null; located: number }[];
}

/** One count for every kommune as the analyze job or an earlier request stored it, with the state it was computed from. */
export interface StoredSeries {
  measure: string;
  stamp: string;
  kommuneIds: string[];
  values: number[];
}

/**
 * The state of the graph that the counts depend on, and the stored series of the counts given
 * (none when the list is empty), in one round trip. The totals come from Neo4j's count store and the
 * LOCATED_IN figures from each kommune's relationship-group degrees, so this costs the same at
 * any size: no relationship is expanded.
 */
export async function findCountsState(db: Database, measures: readonly CountName[]): Promise<{ state: CountsState; stored: StoredSeries[] }> {
  const rows = await db.read<Omit<CountsState, 'kommuner'> & { kommuner: Tuple[]; stored: StoredSeries[] } & Record<string, unknown>>(
    `${COUNTS_STATE_BLOCKS}
     RETURN audits, lastAudit, relationships, kommuner, stored`,
    { measures },
  );
  const { stored, kommuner, ...totals } = rows[0]!;
  return { state: { ...totals, kommuner: stateKommuner(kommuner) }, stored };
}

/*
 * Lists of many kommuner come back as tuples (`[id, value, …]`), not maps: the driver decodes a
 * map's keys as strings on every row, which cost more than the rest of a statistic's read.
 */
type Tuple = readonly unknown[];

function stateKommuner(tuples: readonly Tuple[]): CountsState['kommuner'] {
  return tuples.map(([kommuneId, population, located]) => ({ kommuneId: kommuneId as string, population: population as number | null, located: located as number }));
}

function seriesRows(tuples: readonly Tuple[]): SeriesRow[] {
  return tuples.map(([kommuneId, value, claims]) => ({ kommuneId: kommuneId as string, value: value as number, claims: claims as number }));
}

/** The subqueries of `findCountsState`, over `$measures`; they bind audits, lastAudit, relationships, kommuner and stored. */
const COUNTS_STATE_BLOCKS = `CALL () { MATCH (a:AuditEntry) RETURN count(a) AS audits }
     CALL () {
       RETURN COLLECT { MATCH (a:AuditEntry) WHERE a.at IS NOT NULL WITH a ORDER BY a.at DESC, a.id DESC LIMIT 1 RETURN a.id }[0] AS lastAudit
     }
     CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
     CALL () {
       MATCH (k:Kommune)
       WITH k ORDER BY k.nr
       RETURN collect([k.id, k.population2022, COUNT { (k)<-[:LOCATED_IN]-() }]) AS kommuner
     }
     CALL () {
       MATCH (s:CooperationSeries) WHERE s.measure IN $measures
       RETURN collect(s{.measure, .stamp, .kommuneIds, .values}) AS stored
     }`;

/**
 * Replaces the stored series of each measure given. `:CooperationSeries` nodes carry no
 * `Entity` label, so no read of the graph, search or view meets them. Two writers racing may
 * leave two nodes for a measure; readers take one whose stamp is current, and the next write
 * removes both.
 */
export async function storeCountSeries(
  db: Database,
  stamp: string,
  series: readonly { measure: CountName; kommuneIds: string[]; values: number[] }[],
  computedAt: string,
): Promise<void> {
  await db.write(
    `UNWIND $series AS row
     OPTIONAL MATCH (old:CooperationSeries {measure: row.measure})
     WITH row, collect(old) AS old
     FOREACH (node IN old | DELETE node)
     CREATE (s:CooperationSeries)
     SET s.measure = row.measure, s.stamp = $stamp, s.kommuneIds = row.kommuneIds, s.values = row.values, s.computedAt = $computedAt`,
    { series, stamp, computedAt },
  );
}

interface SeriesRow {
  kommuneId: string;
  value: number;
  /** How many claims or values were combined (more than one: conflicting published ranks). */
  claims: number;
}

/**
 * One indicator's figure per kommune for one year: the national rank of that edition for
 * RANK indicators (the best-supported claim when sources disagree: most sources, then the
 * better rank), the value of that statistics year for VALUE indicators.
 */
export async function findIndicatorSeries(db: Database, key: string, year: number, fylkeNr: string | null): Promise<SeriesRow[]> {
  const rows = await db.read<SeriesRow & Record<string, unknown>>(
    `MATCH (i:Indicator {key: $key})
     CALL (i) {
       MATCH (i)<-[:FOR_INDICATOR]-(e:RankingEntry {scope: 'NATIONAL'})-[:RANKS]->(k:Kommune)
       WHERE e.edition = $year
       WITH k, e ORDER BY size(e.sourceIds) DESC, e.rank
       WITH k, collect(e.rank) AS ranks
       RETURN k, toFloat(ranks[0]) AS value, size(ranks) AS claims
       UNION
       MATCH (k:Kommune)-[v:HAS_VALUE]->(i)
       WHERE v.year = $year
       RETURN k, toFloat(v.value) AS value, 1 AS claims
     }
     WITH k, value, claims
     WHERE $fylkeNr IS NULL OR EXISTS { (k)-[:IN_FYLKE]->(:Fylke {nr: $fylkeNr}) }
     RETURN k.id AS kommuneId, value, claims
     ORDER BY k.nr`,
    { key, year, fylkeNr },
  );
  return finiteOnly(rows, key, year);
}

/**
 * The rows whose value is a finite number. Older imports could store Infinity or NaN; such a
 * kommune is left out of the statistic (unmeasured, not zero) and logged, as the value reads do.
 */
function finiteOnly<T extends SeriesRow>(rows: T[], key: string, year: number | null): T[] {
  const bad = rows.filter((row) => !Number.isFinite(row.value));
  if (bad.length === 0) return rows;
  logger.warn({ indicator: key, year, kommuner: bad.map((row) => row.kommuneId) },
    'stored indicator values that are not finite numbers are left out of the statistic (re-import them to correct it)');
  return rows.filter((row) => Number.isFinite(row.value));
}

/** One series a statistic asks for (see `findStatisticsWave`). */
export interface NearestYearRequest {
  key: string;
  year: number;
  exactYear: number | null;
  fylkeNr: string | null;
}

/**
 * The answer to a `NearestYearRequest`: the years the indicator holds (editions and value years,
 * ascending), the year used (`exactYear`, else the one nearest `year`, ties to the earlier), and
 * that year's series as `findIndicatorSeries` gives it; null when the indicator does not exist.
 */
export type NearestYearSeries = { years: number[]; chosen: number | null; series: SeriesRow[] } | null;

/** What one wave of a statistic reads, all of it in one statement (see `findStatisticsWave`). */
export interface StatisticsWave {
  /** Indicators by key. */
  indicatorKeys: readonly string[];
  /** Every indicator as well. */
  allIndicators: boolean;
  series: readonly NearestYearRequest[];
  /** Kommune scopes by fylke number (null: all kommuner): the kommuner by number and whether each one's ecosystem is curated. */
  scopes: readonly (string | null)[];
  /** The graph state and stored series of these counts, as `findCountsState` gives them; none read when null. */
  counts: readonly CountName[] | null;
  /** Listing years whose collaboration memberships to count for every kommune (0 when none): the dated COLLABORATIONS. */
  listedYears: readonly number[];
  /** Whether to read the network measures the analyze job stored on every kommune. */
  network: boolean;
}

export interface StatisticsWaveAnswer {
  /** The indicators asked for (by key or all), by key. */
  indicators: RawNode[];
  /** In the order of the requests. */
  series: NearestYearSeries[];
  /** In the order of the scopes asked. */
  scopes: { kommuneId: string; curated: boolean }[][];
  counts: { state: CountsState; stored: StoredSeries[] } | null;
  /** In the order of the listing years asked. */
  listed: ListedCollaborationRow[][];
  network: NetworkRow[] | null;
}

export interface ListedCollaborationRow {
  kommuneId: string;
  population: number | null;
  value: number;
}

/** Per listing year of `$listedYears`: every kommune by number with its memberships of collaborations listed that year. */
const LISTED_BLOCK = `CALL () {
       UNWIND range(0, size($listedYears) - 1) AS index
       WITH index, $listedYears[index] AS year
       RETURN collect({index: index, kommuner: COLLECT {
         MATCH (k:Kommune)
         WITH k ORDER BY k.nr
         RETURN [k.id, k.population2022, COUNT { (k)-[r:PARTICIPATES_IN]->(:Collaboration) WHERE year IN r.years }]
       }}) AS listed
     }`;

/** Both stored network measures of every kommune, by number. */
const NETWORK_BLOCK = `CALL () {
       MATCH (k:Kommune)
       WITH k ORDER BY k.nr
       RETURN collect([k.id, k.pageRank, k.betweenness]) AS network
     }`;

/** Per request of `$requests`: the indicator's held years, the year chosen and its series (see `NearestYearSeries`). */
const SERIES_BLOCK = `CALL () {
       UNWIND range(0, size($requests) - 1) AS index
       WITH index, $requests[index] AS request
       MATCH (i:Indicator {key: request.key})
       WITH index, request, i, COLLECT {
         MATCH (e:RankingEntry)-[:FOR_INDICATOR]->(i) WHERE e.edition IS NOT NULL RETURN e.edition AS year
         UNION MATCH (:Kommune)-[v:HAS_VALUE]->(i) WHERE v.year IS NOT NULL RETURN v.year AS year
       } AS years
       WITH index, request, i, years, coalesce(request.exactYear, reduce(best = null, y IN years |
         CASE WHEN best IS NULL OR abs(y - request.year) < abs(best - request.year) OR (abs(y - request.year) = abs(best - request.year) AND y < best) THEN y ELSE best END)) AS chosen
       WITH index, years, chosen, COLLECT {
         CALL (i, chosen) {
           MATCH (i)<-[:FOR_INDICATOR]-(e:RankingEntry {scope: 'NATIONAL'})-[:RANKS]->(k:Kommune)
           WHERE e.edition = chosen
           WITH k, e ORDER BY size(e.sourceIds) DESC, e.rank
           WITH k, collect(e.rank) AS ranks
           RETURN k, toFloat(ranks[0]) AS value, size(ranks) AS claims
           UNION
           MATCH (k:Kommune)-[v:HAS_VALUE]->(i)
           WHERE v.year = chosen
           RETURN k, toFloat(v.value) AS value, 1 AS claims
         }
         WITH k, value, claims
         WHERE request.fylkeNr IS NULL OR EXISTS { (k)-[:IN_FYLKE]->(:Fylke {nr: request.fylkeNr}) }
         WITH k, value, claims ORDER BY k.nr
         RETURN [k.id, value, claims]
       } AS rows
       RETURN collect({index: index, years: years, chosen: chosen, series: rows}) AS series
     }`;

/** Per fylke number of `$scopes` (null: all): the kommuner by number and whether each one's ecosystem is curated. */
const SCOPES_BLOCK = `CALL () {
       UNWIND range(0, size($scopes) - 1) AS index
       WITH index, $scopes[index] AS fylkeNr
       RETURN collect({index: index, kommuner: COLLECT {
         MATCH (k:Kommune)
         WHERE fylkeNr IS NULL OR EXISTS { (k)-[:IN_FYLKE]->(:Fylke {nr: fylkeNr}) }
         WITH k ORDER BY k.nr
         RETURN [k.id, coalesce(k.${ECOSYSTEM_CURATED_PROPERTY}, false)]
       }}) AS scopes
     }`;

const INDICATORS_BLOCK = `CALL () {
       MATCH (i:Indicator) WHERE $allIndicators OR i.key IN $indicatorKeys
       WITH i ORDER BY i.key
       RETURN collect(i{.*, labels: labels(i)}) AS indicators
     }`;

/**
 * Everything one wave of a statistic reads (indicators, nearest-year series, kommune scopes,
 * the state of the stored counts) in one round trip: each part is a subquery of one row, and
 * parts nobody asked for are left out of the statement.
 */
export async function findStatisticsWave(db: Database, wave: StatisticsWave): Promise<StatisticsWaveAnswer> {
  const indicatorsAsked = wave.allIndicators || wave.indicatorKeys.length > 0;
  const blocks = [
    ...(indicatorsAsked ? [INDICATORS_BLOCK] : []),
    ...(wave.series.length > 0 ? [SERIES_BLOCK] : []),
    ...(wave.scopes.length > 0 ? [SCOPES_BLOCK] : []),
    ...(wave.counts ? [COUNTS_STATE_BLOCKS] : []),
    ...(wave.listedYears.length > 0 ? [LISTED_BLOCK] : []),
    ...(wave.network ? [NETWORK_BLOCK] : []),
  ];
  const returned = [
    ...(indicatorsAsked ? ['indicators'] : []),
    ...(wave.series.length > 0 ? ['series'] : []),
    ...(wave.scopes.length > 0 ? ['scopes'] : []),
    ...(wave.counts ? ['audits', 'lastAudit', 'relationships', 'kommuner', 'stored'] : []),
    ...(wave.listedYears.length > 0 ? ['listed'] : []),
    ...(wave.network ? ['network'] : []),
  ];
  if (blocks.length === 0) return { indicators: [], series: [], scopes: [], counts: null, listed: [], network: null };
  type Answer = {
    indicators?: RawNode[];
    series?: { index: number; years: number[]; chosen: number | null; series: Tuple[] }[];
    scopes?: { index: number; kommuner: Tuple[] }[];
    stored?: StoredSeries[];
    listed?: { index: number; kommuner: Tuple[] }[];
    network?: Tuple[];
    kommuner?: Tuple[];
  } & Partial<Omit<CountsState, 'kommuner'>>;
  const row = (await db.read<Answer & Record<string, unknown>>(
    `${blocks.join('\n     ')}
     RETURN ${returned.join(', ')}`,
    {
      indicatorKeys: wave.indicatorKeys,
      allIndicators: wave.allIndicators,
      requests: wave.series.map(({ key, year, exactYear, fylkeNr }) => ({ key, year, exactYear, fylkeNr })),
      scopes: wave.scopes,
      measures: wave.counts ?? [],
      listedYears: wave.listedYears,
    },
  ))[0]!;
  const seriesByIndex = new Map((row.series ?? []).map((answer) => [answer.index, answer]));
  const scopesByIndex = new Map((row.scopes ?? []).map((answer) => [answer.index, answer.kommuner]));
  const listedByIndex = new Map((row.listed ?? []).map((answer) => [answer.index, answer.kommuner]));
  const scopeRows = (tuples: readonly Tuple[]) => tuples.map(([kommuneId, curated]) => ({ kommuneId: kommuneId as string, curated: curated as boolean }));
  const listedRows = (tuples: readonly Tuple[]): ListedCollaborationRow[] =>
    tuples.map(([kommuneId, population, value]) => ({ kommuneId: kommuneId as string, population: population as number | null, value: value as number }));
  return {
    indicators: row.indicators ?? [],
    series: wave.series.map((request, index) => {
      const answer = seriesByIndex.get(index);
      return answer
        ? { series: finiteOnly(seriesRows(answer.series), request.key, answer.chosen), chosen: answer.chosen, years: [...answer.years].sort((a, b) => a - b) }
        : null;
    }),
    scopes: wave.scopes.map((_, index) => scopeRows(scopesByIndex.get(index) ?? [])),
    counts: wave.counts
      ? { state: { audits: row.audits!, lastAudit: row.lastAudit ?? null, relationships: row.relationships!, kommuner: stateKommuner(row.kommuner!) }, stored: row.stored! }
      : null,
    listed: wave.listedYears.map((_, index) => listedRows(listedByIndex.get(index) ?? [])),
    network: row.network
      ? row.network.map(([kommuneId, pageRank, betweenness]) => ({ kommuneId: kommuneId as string, pageRank: pageRank as number | null, betweenness: betweenness as number | null }))
      : null,
  };
}

/** Memberships of collaborations per listing year for the given kommuner (years without any are absent). */
export async function findListedCollaborations(db: Database, ids: readonly string[]): Promise<{ kommuneId: string; year: number; value: number }[]> {
  return db.read(
    `MATCH (k:Kommune)-[r:PARTICIPATES_IN]->(:Collaboration)
     WHERE k.id IN $ids AND r.years IS NOT NULL
     UNWIND r.years AS year
     RETURN k.id AS kommuneId, year, count(*) AS value
     ORDER BY kommuneId, year`,
    { ids },
  );
}
