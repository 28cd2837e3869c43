import { buildSearchText, type Properties, slugify } from '../graph/index.js';
import { clusterName, COLLABORATION_DOMAINS, companyName, eventName, schoolName } from './names.js';
import type { SyntheticPlan } from './plan.js';
import { normal, pick, randomInt, randomStream, shuffled, WeightedSampler, type Random } from './random.js';
import { SYNTHETIC_PROPS } from './source.js';

/** A real kommune the synthetic graph hangs on (read from the seeded database). */
export interface KommuneInput {
  id: string;
  nr: string;
  name: string;
  fylkeNr: string;
  fylkeName: string;
  /** Residents; drives where companies, clusters, schools and events are. */
  population: number;
}

/** A national rank the real seeds already hold; the synthetic table leaves its kommune and rank alone. */
export interface PublishedRank {
  indicatorKey: string;
  edition: number;
  kommuneId: string;
  rank: number;
}

export interface GeneratorInput {
  seed: string;
  plan: SyntheticPlan;
  kommuner: readonly KommuneInput[];
  /** Clusters of the real seeds that synthetic companies and schools may join too. */
  existingClusterIds?: readonly string[];
  publishedRanks?: readonly PublishedRank[];
  /** Rows per batch (default 5,000); relationship batches derived from a node batch may be larger. */
  batchSize?: number;
}

export type Props = Properties;

export type SyntheticLabel = 'Company' | 'Cluster' | 'School' | 'Event' | 'Collaboration' | 'RankingEntry';
/** Labels whose nodes are written with their LOCATED_IN relationship in the same statement. */
export const LOCATED_LABELS: ReadonlySet<SyntheticLabel> = new Set(['Company', 'Cluster', 'School', 'Event']);

export interface NodeRow {
  props: Props;
  /** Id of the kommune the node is LOCATED_IN (labels in LOCATED_LABELS only). */
  locatedIn?: string;
}

export interface NodeBatch {
  kind: 'nodes';
  label: SyntheticLabel;
  rows: NodeRow[];
}

export interface RelationshipBatch {
  kind: 'relationships';
  type: string;
  fromLabel: string;
  toLabel: string;
  /** Properties of every relationship of the batch. */
  props: Props;
  rows: { from: string; to: string }[];
}

export type SyntheticBatch = NodeBatch | RelationshipBatch;

/** Company locations follow population^1.2: a few large cities hold most companies. */
const COMPANY_SKEW = 1.2;
const CLUSTER_SKEW = 1.2;
const EVENT_SKEW = 1.1;
const SCHOOL_SKEW = 0.8;
/** Zipf exponent of cluster sizes: a few networks have thousands of members, most have dozens. */
const CLUSTER_SIZE_EXPONENT = 0.8;

const CLUSTER_KINDS: readonly [string, number][] = [
  ['NCE', 8], ['GCE', 3], ['ARENA', 20], ['ARENA_PRO', 5], ['CATAPULT', 3], ['INDUSTRY_NETWORK', 36], ['BUSINESS_ASSOCIATION', 25],
];
/** School kinds with their share and how many industry partners each kind has relative to the mean. */
const SCHOOL_KINDS: readonly [string, number, number][] = [
  ['UNIVERSITY', 1, 3], ['UNIVERSITY_COLLEGE', 3, 2], ['VOCATIONAL_COLLEGE', 10, 1.5], ['TRAINING_CENTRE', 16, 2], ['UPPER_SECONDARY', 70, 0.7],
];
/** Share of companies with 0, 1, 2, … memberships: mean 1.8. */
const COMPANY_MEMBERSHIPS = [20, 30, 22, 14, 8, 4, 2];
/** Share of schools with 0, 1, 2, 3 memberships. */
const SCHOOL_MEMBERSHIPS = [35, 40, 17, 8];

const pad = (i: number): string => String(i + 1).padStart(7, '0');
const companyId = (i: number): string => `Company:synthetic-${pad(i)}`;
const clusterId = (i: number): string => `Cluster:synthetic-${pad(i)}`;
const schoolId = (i: number): string => `School:synthetic-${pad(i)}`;
const eventId = (i: number): string => `Event:synthetic-${pad(i)}`;

function entityProps(label: SyntheticLabel, key: string, name: string): Props {
  return { id: `${label}:${key}`, key, name, searchText: buildSearchText([name]), ...SYNTHETIC_PROPS };
}

/** Index lists grouped by a key, as flat typed arrays (bounded memory at a million companies). */
class Groups {
  readonly offsets: Int32Array;
  readonly members: Int32Array;

  constructor(groupOf: Uint16Array, groups: number) {
    this.offsets = new Int32Array(groups + 1);
    for (const g of groupOf) this.offsets[g + 1]! += 1;
    for (let g = 0; g < groups; g += 1) this.offsets[g + 1]! += this.offsets[g]!;
    this.members = new Int32Array(groupOf.length);
    const next = this.offsets.slice(0, groups);
    groupOf.forEach((g, i) => { this.members[next[g]!++] = i; });
  }

  size(group: number): number {
    return this.offsets[group + 1]! - this.offsets[group]!;
  }

  /** A random member of the group, or -1 when it is empty. */
  pick(random: Random, group: number): number {
    const size = this.size(group);
    return size === 0 ? -1 : this.members[this.offsets[group]! + Math.floor(random() * size)]!;
  }
}

/** Everything the phases share: the kommuner, who is where, and the samplers. */
interface World {
  seed: string;
  plan: SyntheticPlan;
  batchSize: number;
  kommuner: KommuneInput[];
  fylkeOf: Uint16Array;
  kommunerByFylke: number[][];
  companyKommune: Uint16Array;
  companiesByKommune: Groups;
  clusterKommune: Uint16Array;
  clustersByFylke: Groups;
  /** Ids of the clusters members can join (synthetic, then existing) and the Zipf sampler over them. */
  clusterTargets: string[];
  clusterSizes: WeightedSampler;
  schoolKommune: Uint16Array;
  /** Index into SCHOOL_KINDS; the school and school–industry phases both need it. */
  schoolKind: Uint8Array;
  schoolsByKommune: Groups;
  schoolsByFylke: Groups;
}

function locate(seed: string, purpose: string, count: number, sampler: WeightedSampler): Uint16Array {
  const random = randomStream(seed, purpose);
  const where = new Uint16Array(count);
  for (let i = 0; i < count; i += 1) where[i] = sampler.next(random);
  return where;
}

function buildWorld(input: GeneratorInput): World {
  const { seed, plan } = input;
  const kommuner = [...input.kommuner].sort((a, b) => (a.nr < b.nr ? -1 : a.nr > b.nr ? 1 : 0));
  if (kommuner.length === 0 || kommuner.length > 65_535) throw new Error('the generator needs between 1 and 65,535 kommuner');
  const fylker = [...new Set(kommuner.map((k) => k.fylkeNr))].sort();
  const fylkeOf = Uint16Array.from(kommuner, (k) => fylker.indexOf(k.fylkeNr));
  const kommunerByFylke = fylker.map(() => [] as number[]);
  fylkeOf.forEach((f, k) => kommunerByFylke[f]!.push(k));

  const weights = (exponent: number) => kommuner.map((k) => Math.max(1, k.population) ** exponent);
  const companyKommune = locate(seed, 'company-locations', plan.companies, new WeightedSampler(weights(COMPANY_SKEW)));
  const clusterKommune = locate(seed, 'cluster-locations', plan.clusters, new WeightedSampler(weights(CLUSTER_SKEW)));
  const schoolKommune = locate(seed, 'school-locations', plan.schools, new WeightedSampler(weights(SCHOOL_SKEW)));

  const existing = [...(input.existingClusterIds ?? [])].sort();
  const clusterTargets = [...Array.from({ length: plan.clusters }, (_, i) => clusterId(i)), ...existing];
  // Which cluster is big is random, not the first ones generated.
  const sizeRanks = shuffled(randomStream(seed, 'cluster-sizes'), clusterTargets.map((_, i) => i));
  const zipf = new Array<number>(clusterTargets.length);
  sizeRanks.forEach((target, rank) => { zipf[target] = 1 / (rank + 1) ** CLUSTER_SIZE_EXPONENT; });

  return {
    seed,
    plan,
    batchSize: input.batchSize ?? 5000,
    kommuner,
    fylkeOf,
    kommunerByFylke,
    companyKommune,
    companiesByKommune: new Groups(companyKommune, kommuner.length),
    clusterKommune,
    clustersByFylke: new Groups(Uint16Array.from(clusterKommune, (k) => fylkeOf[k]!), fylker.length),
    clusterTargets,
    clusterSizes: new WeightedSampler(zipf),
    schoolKommune,
    schoolKind: kindsOf(randomStream(seed, 'school-kinds'), plan.schools),
    schoolsByKommune: new Groups(schoolKommune, kommuner.length),
    schoolsByFylke: new Groups(Uint16Array.from(schoolKommune, (k) => fylkeOf[k]!), fylker.length),
  };
}

function kindsOf(random: Random, count: number): Uint8Array {
  const indices = SCHOOL_KINDS.map(([, share], index) => [index, share] as const);
  return Uint8Array.from({ length: count }, () => weightedChoice(random, indices));
}

function weightedChoice<T>(random: Random, options: readonly (readonly [T, number, ...unknown[]])[]): T {
  const total = options.reduce((sum, option) => sum + option[1], 0);
  let x = random() * total;
  for (const option of options) {
    x -= option[1];
    if (x < 0) return option[0];
  }
  return options[options.length - 1]![0];
}

function countFrom(random: Random, shares: readonly number[]): number {
  return weightedChoice(random, shares.map((share, count) => [count, share] as const));
}

/** A cluster for a member in `fylke`: half the time a network of its own region, else any by size. */
function memberCluster(w: World, random: Random, fylke: number): string {
  if (random() < 0.5) {
    const local = w.clustersByFylke.pick(random, fylke);
    if (local >= 0) return w.clusterTargets[local]!;
  }
  return w.clusterTargets[w.clusterSizes.next(random)]!;
}

/** Collects relationship rows per (type, from, to) and hands them out in batches. */
class RelationshipBuffer {
  private readonly pending = new Map<string, RelationshipBatch>();

  constructor(private readonly batchSize: number) {}

  add(type: string, fromLabel: string, toLabel: string, from: string, to: string): RelationshipBatch | null {
    const key = `${type}|${fromLabel}|${toLabel}`;
    let batch = this.pending.get(key);
    if (!batch) {
      batch = { kind: 'relationships', type, fromLabel, toLabel, props: SYNTHETIC_PROPS, rows: [] };
      this.pending.set(key, batch);
    }
    batch.rows.push({ from, to });
    if (batch.rows.length < this.batchSize) return null;
    this.pending.delete(key);
    return batch;
  }

  *flush(): Generator<RelationshipBatch> {
    for (const batch of this.pending.values()) if (batch.rows.length > 0) yield batch;
    this.pending.clear();
  }
}

function* nodeBatches(label: SyntheticLabel, rows: NodeRow[], batchSize: number): Generator<NodeBatch> {
  for (let start = 0; start < rows.length; start += batchSize) yield { kind: 'nodes', label, rows: rows.slice(start, start + batchSize) };
}

function* collaborationPhase(w: World): Generator<SyntheticBatch> {
  const random = randomStream(w.seed, 'collaborations');
  const rows: NodeRow[] = [];
  const relationships = new RelationshipBuffer(w.batchSize);
  const full: RelationshipBatch[] = [];
  for (let i = 0; i < w.plan.collaborations; i += 1) {
    const first = randomInt(random, 0, w.kommuner.length - 1);
    const region = w.kommunerByFylke[w.fylkeOf[first]!]!;
    const size = Math.min(region.length, randomInt(random, 2, 8));
    const members = [first, ...shuffled(random, region.filter((k) => k !== first)).slice(0, size - 1)];
    const domain = pick(random, COLLABORATION_DOMAINS);
    const fylkeName = w.kommuner[first]!.fylkeName;
    const key = `synthetic-${slugify(domain)}-${pad(i)}`;
    const id = `Collaboration:${key}`;
    const props = {
      ...entityProps('Collaboration', key, `Interkommunalt samarbeid om ${domain}, ${fylkeName} ${i + 1}`),
      domain,
      year: randomInt(random, 2015, 2023),
      memberNames: members.map((k) => w.kommuner[k]!.name),
      publishedFylke: fylkeName,
    };
    rows.push({ props });
    for (const k of members) {
      const batch = relationships.add('PARTICIPATES_IN', 'Kommune', 'Collaboration', w.kommuner[k]!.id, id);
      if (batch) full.push(batch);
    }
  }
  yield* nodeBatches('Collaboration', rows, w.batchSize);
  yield* full;
  yield* relationships.flush();
}

function* clusterPhase(w: World): Generator<SyntheticBatch> {
  const random = randomStream(w.seed, 'clusters');
  const kinds: string[] = [];
  const rows: NodeRow[] = [];
  for (let i = 0; i < w.plan.clusters; i += 1) {
    const kommune = w.kommuner[w.clusterKommune[i]!]!;
    const kind = weightedChoice(random, CLUSTER_KINDS);
    const regional = kind === 'NCE' || kind === 'ARENA' || kind === 'ARENA_PRO' || kind === 'CATAPULT';
    const name = clusterName(random, kind, regional ? kommune.fylkeName : kommune.name);
    const statusYear = randomInt(random, 1995, 2024);
    const programme = kind === 'ARENA_PRO' ? 'Arena Pro' : kind === 'ARENA' ? 'Arena' : kind;
    kinds.push(kind);
    rows.push({
      props: {
        ...entityProps('Cluster', clusterId(i).slice('Cluster:'.length), name),
        kind,
        programmeLevel: ['NCE', 'GCE', 'ARENA', 'ARENA_PRO'].includes(kind) ? `${programme} (${statusYear})` : null,
        statusYear,
        hostPlace: kommune.name,
      },
      locatedIn: kommune.id,
    });
  }
  yield* nodeBatches('Cluster', rows, w.batchSize);

  const relationships = new RelationshipBuffer(w.batchSize);
  const full: RelationshipBatch[] = [];
  const seen = new Set<string>();
  const add = (type: string, toLabel: string, from: string, to: string) => {
    if (from === to || seen.has(`${type}|${from}|${to}`)) return;
    seen.add(`${type}|${from}|${to}`);
    const batch = relationships.add(type, 'Cluster', toLabel, from, to);
    if (batch) full.push(batch);
  };
  for (let i = 0; i < w.plan.clusters; i += 1) {
    const kommune = w.clusterKommune[i]!;
    const fylke = w.fylkeOf[kommune]!;
    if (random() < 0.15) add('MEMBER_OF', 'Cluster', clusterId(i), w.clusterTargets[w.clusterSizes.next(random)]!);
    if (kinds[i] === 'INDUSTRY_NETWORK' && random() < 0.3) {
      const host = w.clustersByFylke.pick(random, fylke);
      if (host >= 0 && kinds[host] === 'BUSINESS_ASSOCIATION') add('FACILITATED_BY', 'Cluster', clusterId(i), clusterId(host));
    }
    if (random() < 0.5) add('COLLABORATES_WITH', 'Cluster', clusterId(i), clusterId(randomInt(random, 0, w.plan.clusters - 1)));
    if (random() < 0.6) add('MEETS', 'Kommune', clusterId(i), w.kommuner[kommune]!.id);
    if (random() < 0.2) add('MEETS', 'Kommune', clusterId(i), w.kommuner[pick(random, w.kommunerByFylke[fylke]!)]!.id);
  }
  yield* full;
  yield* relationships.flush();
}

function* schoolPhase(w: World): Generator<SyntheticBatch> {
  const random = randomStream(w.seed, 'schools');
  const rows: NodeRow[] = [];
  const institutions: { index: number; name: string }[] = [];
  const campusOf: [number, number][] = [];
  for (let i = 0; i < w.plan.schools; i += 1) {
    const kommune = w.kommuner[w.schoolKommune[i]!]!;
    const kind = SCHOOL_KINDS[w.schoolKind[i]!]![0];
    let name = schoolName(random, kind, kommune.name);
    if ((kind === 'UNIVERSITY' || kind === 'UNIVERSITY_COLLEGE') && institutions.length > 0 && random() < 0.3) {
      const parent = pick(random, institutions);
      name = `${parent.name}, campus ${kommune.name}`;
      campusOf.push([i, parent.index]);
    } else if (kind === 'UNIVERSITY' || kind === 'UNIVERSITY_COLLEGE') {
      institutions.push({ index: i, name });
    }
    rows.push({
      props: { ...entityProps('School', schoolId(i).slice('School:'.length), name), kind, orgnr: null, postalPlace: kommune.name },
      locatedIn: kommune.id,
    });
  }
  yield* nodeBatches('School', rows, w.batchSize);

  const relationships = new RelationshipBuffer(w.batchSize);
  const full: RelationshipBatch[] = [];
  for (const [campus, parent] of campusOf) {
    const batch = relationships.add('CAMPUS_OF', 'School', 'School', schoolId(campus), schoolId(parent));
    if (batch) full.push(batch);
  }
  for (let i = 0; i < w.plan.schools; i += 1) {
    const joined = new Set<string>();
    for (let m = countFrom(random, SCHOOL_MEMBERSHIPS); m > 0; m -= 1) joined.add(memberCluster(w, random, w.fylkeOf[w.schoolKommune[i]!]!));
    for (const cluster of joined) {
      const batch = relationships.add('MEMBER_OF', 'School', 'Cluster', schoolId(i), cluster);
      if (batch) full.push(batch);
    }
  }
  yield* full;
  yield* relationships.flush();
}

function* companyPhase(w: World): Generator<SyntheticBatch> {
  const names = randomStream(w.seed, 'companies');
  const memberships = randomStream(w.seed, 'company-memberships');
  for (let start = 0; start < w.plan.companies; start += w.batchSize) {
    const end = Math.min(w.plan.companies, start + w.batchSize);
    const rows: NodeRow[] = [];
    const relationships: RelationshipBatch = { kind: 'relationships', type: 'MEMBER_OF', fromLabel: 'Company', toLabel: 'Cluster', props: SYNTHETIC_PROPS, rows: [] };
    for (let i = start; i < end; i += 1) {
      const kommune = w.kommuner[w.companyKommune[i]!]!;
      const id = companyId(i);
      rows.push({ props: { ...entityProps('Company', id.slice('Company:'.length), companyName(names, kommune.name)), orgnr: null }, locatedIn: kommune.id });
      const joined = new Set<string>();
      for (let m = countFrom(memberships, COMPANY_MEMBERSHIPS); m > 0; m -= 1) joined.add(memberCluster(w, memberships, w.fylkeOf[w.companyKommune[i]!]!));
      for (const cluster of joined) relationships.rows.push({ from: id, to: cluster });
    }
    yield { kind: 'nodes', label: 'Company', rows };
    if (relationships.rows.length > 0) yield relationships;
  }
}

/** A company near kommune `k`: mostly in it, sometimes elsewhere in its fylke, else anywhere. */
function nearbyCompany(w: World, random: Random, k: number, local: number): number {
  const roll = random();
  if (roll < local) {
    const found = w.companiesByKommune.pick(random, k);
    if (found >= 0) return found;
  } else if (roll < local + (1 - local) * 0.6) {
    const found = w.companiesByKommune.pick(random, pick(random, w.kommunerByFylke[w.fylkeOf[k]!]!));
    if (found >= 0) return found;
  }
  return randomInt(random, 0, w.plan.companies - 1);
}

function* schoolLinkPhase(w: World): Generator<SyntheticBatch> {
  const random = randomStream(w.seed, 'school-links');
  const meanFactor = SCHOOL_KINDS.reduce((sum, [, share, factor]) => sum + share * factor, 0) / SCHOOL_KINDS.reduce((sum, [, share]) => sum + share, 0);
  const relationships = new RelationshipBuffer(w.batchSize);
  for (let i = 0; i < w.plan.schools; i += 1) {
    const factor = SCHOOL_KINDS[w.schoolKind[i]!]![2];
    const count = Math.round((w.plan.linksPerSchool * factor / meanFactor) * (0.5 + random()));
    const partners = new Set<number>();
    for (let n = 0; n < count; n += 1) partners.add(nearbyCompany(w, random, w.schoolKommune[i]!, 0.7));
    for (const company of partners) {
      const batch = relationships.add('COLLABORATES_WITH', 'School', 'Company', schoolId(i), companyId(company));
      if (batch) yield batch;
    }
  }
  yield* relationships.flush();
}

function* eventPhase(w: World): Generator<SyntheticBatch> {
  const random = randomStream(w.seed, 'events');
  const where = new WeightedSampler(w.kommuner.map((k) => Math.max(1, k.population) ** EVENT_SKEW));
  for (let start = 0; start < w.plan.events; start += w.batchSize) {
    const end = Math.min(w.plan.events, start + w.batchSize);
    const rows: NodeRow[] = [];
    const relationships = new RelationshipBuffer(Number.MAX_SAFE_INTEGER);
    for (let i = start; i < end; i += 1) {
      const k = where.next(random);
      const kommune = w.kommuner[k]!;
      const year = randomInt(random, 2015, 2024);
      const firstDay = new Date(Date.UTC(year, randomInt(random, 0, 11), randomInt(random, 1, 28)));
      const lastDay = new Date(firstDay.getTime() + randomInt(random, 0, 2) * 86_400_000);
      const id = eventId(i);
      rows.push({
        props: {
          ...entityProps('Event', id.slice('Event:'.length), eventName(random, kommune.name, year)),
          startDate: firstDay.toISOString().slice(0, 10),
          endDate: lastDay.toISOString().slice(0, 10),
        },
        locatedIn: kommune.id,
      });
      const companies = Math.min(200, 1 + Math.floor(Math.exp(1.75 + 0.8 * normal(random))));
      const partners = new Set<number>();
      for (let n = 0; n < companies; n += 1) partners.add(nearbyCompany(w, random, k, 0.75));
      for (const company of partners) relationships.add('PARTNER_OF', 'Company', 'Event', companyId(company), id);
      if (random() < 0.5) relationships.add('PARTNER_OF', 'Kommune', 'Event', kommune.id, id);
      if (random() < 0.4) relationships.add('PARTNER_OF', 'Cluster', 'Event', memberCluster(w, random, w.fylkeOf[k]!), id);
      if (random() < 0.4) {
        const school = w.schoolsByKommune.size(k) > 0 ? w.schoolsByKommune.pick(random, k) : w.schoolsByFylke.pick(random, w.fylkeOf[k]!);
        if (school >= 0) relationships.add('PARTNER_OF', 'School', 'Event', schoolId(school), id);
      }
    }
    yield { kind: 'nodes', label: 'Event', rows };
    yield* relationships.flush();
  }
}

/**
 * A full national table per indicator and edition. Ranks follow size loosely (large kommuner
 * tend to rank higher, as in the real Kommune-NM). Kommuner with a published rank in a table
 * keep it: they and their ranks are left out, so synthetic and real entries never share an id.
 */
function* rankingPhase(w: World, published: readonly PublishedRank[]): Generator<SyntheticBatch> {
  const random = randomStream(w.seed, 'rankings');
  const logPopulation = w.kommuner.map((k) => Math.log(Math.max(1, k.population)));
  const mean = logPopulation.reduce((sum, x) => sum + x, 0) / logPopulation.length;
  const sd = Math.sqrt(logPopulation.reduce((sum, x) => sum + (x - mean) ** 2, 0) / logPopulation.length) || 1;
  const relationships = new RelationshipBuffer(w.batchSize);
  const full: RelationshipBatch[] = [];
  const rows: NodeRow[] = [];
  for (const indicator of w.plan.indicators) {
    for (const edition of w.plan.editions) {
      const claims = published.filter((p) => p.indicatorKey === indicator && p.edition === edition);
      const takenKommuner = new Set(claims.map((p) => p.kommuneId));
      const takenRanks = new Set(claims.map((p) => p.rank));
      const ranked = w.kommuner
        .map((kommune, k) => ({ kommune, score: 0.6 * ((logPopulation[k]! - mean) / sd) + normal(random) }))
        .filter(({ kommune }) => !takenKommuner.has(kommune.id))
        .sort((a, b) => b.score - a.score);
      const freeRanks: number[] = [];
      for (let rank = 1; freeRanks.length < ranked.length; rank += 1) if (!takenRanks.has(rank)) freeRanks.push(rank);
      ranked.forEach(({ kommune }, place) => {
        const rank = freeRanks[place]!;
        const key = `${indicator}/${edition}/${kommune.nr}/NATIONAL/${rank}`;
        const id = `RankingEntry:${key}`;
        rows.push({
          props: {
            id, key, ...SYNTHETIC_PROPS, rank, edition, dataYear: edition - 1, scope: 'NATIONAL', scopeName: 'Norge',
            derived: false, note: 'Synthetic rank for load tests; not a published Kommune-NM result.',
          },
        });
        for (const [type, to, toLabel] of [['FOR_INDICATOR', `Indicator:${indicator}`, 'Indicator'], ['RANKS', kommune.id, 'Kommune']] as const) {
          const batch = relationships.add(type, 'RankingEntry', toLabel, id, to);
          if (batch) full.push(batch);
        }
      });
    }
  }
  yield* nodeBatches('RankingEntry', rows, w.batchSize);
  yield* full;
  yield* relationships.flush();
}

/**
 * The synthetic graph as a stream of batches, nodes always before the relationships that
 * need them. Deterministic for a seed and input: every phase draws from its own seeded stream,
 * so batch sizes and other phases never change what a phase makes. Memory stays bounded at
 * any size: only typed arrays of locations are kept, rows exist one batch at a time (except
 * the few thousand clusters, schools, collaborations and ranking entries).
 */
export function* generateSyntheticGraph(input: GeneratorInput): Generator<SyntheticBatch> {
  const w = buildWorld(input);
  yield* collaborationPhase(w);
  yield* clusterPhase(w);
  yield* schoolPhase(w);
  yield* companyPhase(w);
  yield* schoolLinkPhase(w);
  yield* eventPhase(w);
  yield* rankingPhase(w, input.publishedRanks ?? []);
}
