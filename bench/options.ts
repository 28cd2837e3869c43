import { parseArgs } from 'node:util';

/**
 * ours: our API as `npm start` serves it (response cache on); uncached: the same with the
 * response cache off, so every request runs resolvers and Cypher; floor: hand-written Cypher;
 * peer: @neo4j/graphql.
 */
export const TARGETS = ['ours', 'uncached', 'floor', 'peer'] as const;
export type Target = (typeof TARGETS)[number];
/** Targets with a request body of their own; `uncached` sends ours. */
export type BodyTarget = Exclude<Target, 'uncached'>;
export const bodyTarget = (target: Target): BodyTarget => (target === 'uncached' ? 'ours' : target);

export interface BenchOptions {
  companies: number;
  /** Seconds of measured load per query and target. */
  duration: number;
  /** Seconds of unmeasured load before each measurement (JIT, query caches, page cache). */
  warmup: number;
  /** Concurrent HTTP connections, the same for every target. */
  connections: number;
  seed: string;
  /** Names of the queries to run; all when empty. */
  queries: string[];
  targets: Target[];
  /** Neo4j page cache, in Neo4j's notation. */
  pagecache: string;
  /** Run the network-measures job (degree, PageRank, Louvain) after loading, as `npm start` does after seeding. */
  analyze: boolean;
  out: string;
  /** Distinct requests drawn per query (the sequence wraps when a run outlasts it); 1 is the old fixed-request mode. */
  sequence: number;
  /** Drawn requests per query whose answers are compared across contenders before the load. */
  sample: number;
  /** Growth series: company counts, each loaded into a fresh database; empty for the normal run. */
  sizes: number[];
  /** Folder for a CPU profile of the uncached server (node --cpu-prof), one load per query; none when absent. */
  profile: string | null;
}

const USAGE = `npm run bench -- [options]
  --companies N      synthetic companies (default 100000; 1000000 works, it loads in batches)
  --duration S       seconds of measured load per query and target (default 10)
  --warmup S         seconds of unmeasured load before each measurement (default 2)
  --connections N    concurrent connections, the same for every target (default 4)
  --seed TEXT        generator seed (default bench-1)
  --queries a,b      only these queries (default: all)
  --targets a,b      only these of ours,uncached,floor,peer (default: all)
  --pagecache SIZE   Neo4j page cache (default 512m)
  --analyze          compute network measures after loading (slow above 100,000 companies)
  --sequence N       distinct requests drawn per query, the same for every contender (default 1000;
                     1 repeats one fixed request, the old mode)
  --sample N         drawn requests per query whose answers are checked equal before the load (default 5)
  --sizes a,b,c      growth series: load each company count into a fresh database and run the main
                     queries at each (e.g. 10000,100000,1000000); targets default to uncached,floor,peer
  --profile DIR      also run the uncached server under node --cpu-prof, one load per query, profiles in DIR
  --out FILE         results file (default bench/results/latest.json; bench/results/sizes.json with --sizes)`;

function positive(value: string | undefined, fallback: number, name: string, integer = true): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) throw new Error(`--${name} must be a positive ${integer ? 'whole ' : ''}number, got "${value}"\n\n${USAGE}`);
  return n;
}

function list(value: string | undefined): string[] {
  return value ? value.split(',').map((item) => item.trim()).filter(Boolean) : [];
}

export function parseOptions(argv: readonly string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      companies: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      seed: { type: 'string' },
      queries: { type: 'string' },
      targets: { type: 'string' },
      pagecache: { type: 'string' },
      analyze: { type: 'boolean' },
      out: { type: 'string' },
      sequence: { type: 'string' },
      sample: { type: 'string' },
      sizes: { type: 'string' },
      profile: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const targets = list(values.targets);
  const unknown = targets.filter((target) => !(TARGETS as readonly string[]).includes(target));
  if (unknown.length > 0) throw new Error(`unknown target(s) ${unknown.join(', ')}; choose from ${TARGETS.join(', ')}`);
  const sizes = list(values.sizes).map((size) => positive(size, 0, 'sizes'));
  return {
    companies: positive(values.companies, 100_000, 'companies'),
    duration: positive(values.duration, 10, 'duration', false),
    warmup: values.warmup === '0' ? 0 : positive(values.warmup, 2, 'warmup', false),
    connections: positive(values.connections, 4, 'connections'),
    seed: values.seed ?? 'bench-1',
    queries: list(values.queries),
    targets: targets.length > 0 ? (targets as Target[]) : sizes.length > 0 ? ['uncached', 'floor', 'peer'] : [...TARGETS],
    pagecache: values.pagecache ?? '512m',
    analyze: values.analyze ?? false,
    out: values.out ?? (sizes.length > 0 ? 'bench/results/sizes.json' : 'bench/results/latest.json'),
    sequence: positive(values.sequence, 1000, 'sequence'),
    sample: values.sample === '0' ? 0 : positive(values.sample, 5, 'sample'),
    sizes,
    profile: values.profile ?? null,
  };
}

export { USAGE };
