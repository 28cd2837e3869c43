import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Database } from '../src/db/database.js';
import { repoRoot } from '../src/db/localNeo4j.js';
import { runLoad, warmUp } from './load.js';
import { bodyTarget, type BenchOptions, type BodyTarget, type Target } from './options.js';
import { readParameterPool, seededDraw, type ParameterPool } from './parameters.js';
import { summariseProfile, type CpuProfile } from './profile.js';
import { benchQueries, type BenchQuery, type DrawnRequest, type RequestBody } from './queries.js';
import { assess, machine, markdownTable, sizeTable, TARGETS_SET, type QueryResult } from './report.js';
import type { LoadedDataset } from './scratchDatabase.js';
import { startServer, type ServerProcess } from './serverProcess.js';

export const log = (message: string) => process.stderr.write(`${message}\n`);

async function post(url: string, body: RequestBody | { query: string }): Promise<{ text: string; json: { data?: unknown; errors?: unknown[] } }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  return { text, json: JSON.parse(text) as { data?: unknown; errors?: unknown[] } };
}

async function schemaTypes(server: ServerProcess | undefined): Promise<number | null> {
  if (!server) return null;
  const { json } = await post(server.url, { query: '{ __schema { types { name } } }' });
  return (json.data as { __schema: { types: unknown[] } }).__schema.types.length;
}

/** Equal up to floating-point noise in the statistics. */
function sameAnswer(a: unknown, b: unknown): boolean {
  const round = (value: unknown): unknown => {
    if (typeof value === 'number' && !Number.isInteger(value)) return Number(value.toPrecision(10));
    if (Array.isArray(value)) return value.map(round);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, round(v)]));
    return value;
  };
  return isDeepStrictEqual(round(a), round(b));
}

/** Where two answers first differ (a path and both values), to say why a check failed. */
function firstDifference(a: unknown, b: unknown, at = ''): string | null {
  if (sameAnswer(a, b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const key of keys) {
      const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${at}.${key}`);
      if (found) return found;
    }
  }
  return `${at || '.'}: ${JSON.stringify(a)?.slice(0, 120)} against ${JSON.stringify(b)?.slice(0, 120)}`;
}

/** The drawn sequence of one query: the same parameters, in the same order, for every contender. */
export interface Sequence {
  query: BenchQuery;
  requests: DrawnRequest[];
  /** JSON bodies per contender, ready to send. */
  bodies: Partial<Record<BodyTarget, string[]>>;
}

export function drawSequence(query: BenchQuery, pool: ParameterPool, seed: string, length: number): Sequence {
  const d = seededDraw(`${seed}/${query.name}`);
  const requests = Array.from({ length }, () => query.draw(pool, d));
  const bodies: Sequence['bodies'] = {};
  for (const target of query.answeredBy) bodies[target] = requests.map((request) => JSON.stringify(request.bodies[target]));
  return { query, requests, bodies };
}

/**
 * A sample of drawn requests per query, sent to every contender before any load: errors and
 * different answers (ours, uncached and the floor) surface here, with the parameters that made them.
 */
async function checkAnswers(samples: readonly Sequence[], servers: Partial<Record<Target, ServerProcess>>) {
  const bytes = new Map<string, number>();
  const matches = new Map<string, boolean | null>();
  const notes = new Map<string, string[]>();
  for (const { query, requests } of samples) {
    const queryNotes: string[] = [];
    const totals = new Map<Target, number>();
    let match: boolean | null = null;
    for (const request of requests) {
      const answers: Partial<Record<Target, unknown>> = {};
      for (const [target, server] of Object.entries(servers) as [Target, ServerProcess][]) {
        const requestBody = request.bodies[bodyTarget(target)];
        if (!requestBody) continue;
        const { text, json } = await post(server.url, requestBody);
        totals.set(target, (totals.get(target) ?? 0) + Buffer.byteLength(text));
        if (json.errors) queryNotes.push(`${target} answered ${JSON.stringify(request.parameters)} with errors: ${JSON.stringify(json.errors).slice(0, 300)}`);
        answers[target] = json.data;
      }
      const reference = answers.uncached ?? answers.ours;
      if (answers.ours !== undefined && answers.uncached !== undefined && !sameAnswer(answers.ours, answers.uncached)) {
        queryNotes.push(`the uncached answer differs from ours for ${JSON.stringify(request.parameters)} at ${firstDifference(answers.ours, answers.uncached)}`);
      }
      if (query.floorMatchesOurs && reference !== undefined && answers.floor !== undefined) {
        const same = sameAnswer(reference, answers.floor);
        match = (match ?? true) && same;
        if (!same) queryNotes.push(`the floor's answer differs from ours for ${JSON.stringify(request.parameters)} at ${firstDifference(reference, answers.floor)}`);
      }
    }
    for (const [target, total] of totals) bytes.set(`${query.name}/${target}`, Math.round(total / Math.max(1, requests.length)));
    for (const note of queryNotes) log(`  ${query.name}: ${note}`);
    matches.set(query.name, match);
    notes.set(query.name, queryNotes);
  }
  return { bytes, matches, notes };
}

export interface LoadedGraph {
  uri: string;
  neo4jVersion: string;
  db: Database;
  dataset: LoadedDataset;
}

const round = (value: number) => Math.round(value * 10) / 10;

/** How a query's requests vary: the distinct parameter sets of its sequence and the first few. */
function parameterSet(sequence: Sequence) {
  const distinct = new Set(sequence.requests.map((request) => JSON.stringify(request.parameters))).size;
  return { varies: sequence.query.description, distinct, sequence: sequence.requests.length, first: sequence.requests.slice(0, 5).map((request) => request.parameters) };
}

export interface BenchmarkRun {
  results: QueryResult[];
  /** The results file's content (bench/results/latest.json). */
  output: Record<string, unknown>;
}

/**
 * The measured part of `npm run bench`: starts the contenders against a loaded graph, draws
 * each query's varied sequence, checks a sample of answers, runs the load query by query and
 * returns the results. Stops the servers it started, whatever happens.
 */
export async function runBenchmark(options: BenchOptions, graph: LoadedGraph, started: Date, only: (query: BenchQuery) => boolean = () => true): Promise<BenchmarkRun> {
  const { dataset, db } = graph;
  const command = process.argv.length > 2 ? `npm run bench -- ${process.argv.slice(2).join(' ')}` : 'npm run bench';
  const servers: Partial<Record<Target, ServerProcess>> = {};
  try {
    const startup: Partial<Record<Target, number>> = {};
    for (const target of options.targets) {
      servers[target] = await startServer(target, graph.uri);
      startup[target] = servers[target]!.startupMs;
      log(`${target} ready in ${startup[target]} ms`);
    }
    const types = { ours: await schemaTypes(servers.ours ?? servers.uncached), peer: await schemaTypes(servers.peer) };

    const pool = await readParameterPool(db);
    log(`parameters: ${pool.kommuneNrs.length} kommuner, ${pool.rankings.length} ranking editions, ${pool.membersPages.length} member pages, ${pool.searchWords.length} search words, ${pool.graphCenters.length} graph centres, ${pool.commutingKommuneIds.length} commuting kommuner`);
    const queries = benchQueries().filter((q) => only(q) && (options.queries.length === 0 || options.queries.includes(q.name)));
    if (queries.length === 0) throw new Error(`no query is named ${options.queries.join(', ')}`);
    const sequences = queries.map((query) => drawSequence(query, pool, options.seed, options.sequence));
    // The warm-up draws a sequence of its own, so ours' cache holds none of the measured answers beforehand.
    const warmups = queries.map((query) => drawSequence(query, pool, `${options.seed}/warm-up`, Math.min(options.sequence, 200)));
    log(`checking answers on ${options.sample} drawn requests per query ...`);
    const checks = await checkAnswers(queries.map((query) => drawSequence(query, pool, `${options.seed}/check`, options.sample)), servers);

    const results: QueryResult[] = [];
    for (const [index, sequence] of sequences.entries()) {
      const { query } = sequence;
      const targets = options.targets.filter((target) => query.answeredBy.includes(bodyTarget(target)));
      // Rotating the order spreads drift (caches warming, other load on the machine) over all targets.
      const order = targets.map((_, i) => targets[(i + index) % targets.length]!);
      const measured: Partial<Record<Target, QueryResult['ours']>> = {};
      for (const target of order) {
        const server = servers[target]!;
        await warmUp(server, warmups[index]!.bodies[bodyTarget(target)]!, { connections: options.connections, duration: options.warmup });
        const load = await runLoad(server, sequence.bodies[bodyTarget(target)]!, { connections: options.connections, duration: Math.max(options.duration, query.minSeconds ?? 0) });
        measured[target] = { ...load, bytes: checks.bytes.get(`${query.name}/${target}`) ?? 0 };
        const extra = [load.cache_hit_rate !== null && target === 'ours' ? `hits ${Math.round(load.cache_hit_rate * 100)} %` : '', load.statements_per_request !== null ? `Cypher/req ${load.statements_per_request}` : '', load.cpu_ms_per_request !== null ? `CPU ${load.cpu_ms_per_request} ms/req` : ''].filter(Boolean).join('  ');
        log(`  ${query.name.padEnd(24)} ${target.padEnd(8)} p50 ${String(load.p50_ms).padStart(6)} ms  p99 ${String(load.p99_ms).padStart(6)} ms  ${String(load.rps).padStart(7)} req/s  errors ${load.errors}  ${extra}`);
      }
      results.push(assess({
        name: query.name,
        description: query.description,
        ...measured,
        floor_matches_ours: checks.matches.get(query.name) ?? null,
        parameter_set: parameterSet(sequence),
        size_series: null,
        notes: [
          ...(query.oursNote ? [`ours: ${query.oursNote}`] : []),
          ...(query.floorNote ? [`floor: ${query.floorNote}`] : []),
          `peer: ${query.peerNote}`,
          ...(checks.notes.get(query.name) ?? []),
        ],
      }));
    }

    const loadSeconds = dataset.synthetic.ms / 1000;
    const rssByTarget = Object.fromEntries(options.targets.map((t) => [t, Math.max(...results.map((r) => r[t]?.rss_mb ?? 0))]));
    const output = {
      machine: machine(),
      date: started.toISOString(),
      node: process.version,
      neo4j: graph.neo4jVersion,
      command,
      settings: { connections: options.connections, duration_s: options.duration, warmup_s: options.warmup, seed: options.seed, pagecache: options.pagecache, sequence: options.sequence, sample: options.sample },
      dataset: {
        companies: dataset.plan.companies,
        clusters: dataset.plan.clusters,
        schools: dataset.plan.schools,
        events: dataset.plan.events,
        collaborations: dataset.plan.collaborations,
        ranking_entries: dataset.syntheticByLabel.RankingEntry ?? 0,
        nodes: dataset.nodes,
        relationships: dataset.relationships,
        synthetic_nodes: dataset.syntheticNodes,
        synthetic_relationships: dataset.syntheticRelationships,
        synthetic_nodes_by_label: dataset.syntheticByLabel,
        synthetic_relationships_by_type: dataset.syntheticByType,
        network_measures: dataset.analysis,
      },
      load_seconds: round(loadSeconds),
      load_nodes_per_s: Math.round(dataset.synthetic.nodes / loadSeconds),
      load_relationships_per_s: Math.round(dataset.synthetic.relationships / loadSeconds),
      load_records_per_s: Math.round((dataset.synthetic.nodes + dataset.synthetic.relationships) / loadSeconds),
      rss_mb: rssByTarget.ours ?? rssByTarget.uncached ?? null,
      rss_mb_by_target: rssByTarget,
      startup_ms: startup,
      schema_types: types,
      parameters: { kommuner: pool.kommuneNrs.length, ranking_editions: pool.rankings, member_pages: pool.membersPages.length, search_words: pool.searchWords.length, graph_centres: pool.graphCenters.length, commuting_kommuner: pool.commutingKommuneIds.length },
      targets: TARGETS_SET,
      queries: results,
      profile: null as unknown,
    };
    for (const server of Object.values(servers)) await server.stop().catch(() => undefined);
    if (options.profile) output.profile = await profileUncached(options, graph.uri, sequences, warmups);
    return { results, output };
  } finally {
    for (const server of Object.values(servers)) await server.stop().catch(() => undefined);
  }
}

/**
 * A CPU profile of the uncached server, one process and one load per query, taken over the
 * measured load only (start-up and warm-up left out), so each profile holds one query's work:
 * the top functions by self time, and Cypher statements and CPU per request.
 */
async function profileUncached(options: BenchOptions, uri: string, sequences: readonly Sequence[], warmups: readonly Sequence[]) {
  const folder = path.resolve(repoRoot, options.profile!);
  const summaries: Record<string, unknown> = {};
  for (const [index, sequence] of sequences.entries()) {
    const bodies = sequence.bodies.ours;
    if (!bodies) continue;
    const dir = path.join(folder, sequence.query.name);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    const server = await startServer('uncached', uri);
    const file = path.join(dir, 'load.cpuprofile');
    let load;
    try {
      await warmUp(server, warmups[index]!.bodies.ours!, { connections: options.connections, duration: options.warmup });
      server.startProfile();
      load = await runLoad(server, bodies, { connections: options.connections, duration: options.duration });
      await server.stopProfile(file);
    } finally {
      await server.stop();
    }
    const top = summariseProfile(JSON.parse(await readFile(file, 'utf8')) as CpuProfile);
    summaries[sequence.query.name] = { p50_ms: load.p50_ms, rps: load.rps, statements_per_request: load.statements_per_request, cpu_ms_per_request: load.cpu_ms_per_request, top_self: top.selfTop, top_by_package: top.byArea };
    log(`  profiled ${sequence.query.name}: ${load.statements_per_request} Cypher/req, ${load.cpu_ms_per_request} CPU ms/req; top ${top.selfTop.slice(0, 3).map((f: { function: string; percent: number }) => `${f.function} ${f.percent} %`).join(', ')}; by area ${top.byArea.slice(0, 4).map((a) => `${a.area} ${a.percent} %`).join(', ')}`);
  }
  return summaries;
}

/** Writes the results file and prints the table(s). */
export async function report(options: BenchOptions, run: BenchmarkRun): Promise<void> {
  const out = path.resolve(repoRoot, options.out);
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(run.output, null, 2)}\n`);
  const output = run.output as { load_records_per_s: number; load_nodes_per_s: number; load_relationships_per_s: number; rss_mb_by_target: unknown; startup_ms: unknown; schema_types: unknown };
  process.stdout.write(`\n${markdownTable(run.results, options.targets)}\n\n`);
  if (options.sizes.length > 0) process.stdout.write(`growth series:\n\n${sizeTable(run.results, options.targets)}\n\n`);
  process.stdout.write(`load: ${output.load_records_per_s.toLocaleString('en')} records/s (${output.load_nodes_per_s.toLocaleString('en')} nodes/s, ${output.load_relationships_per_s.toLocaleString('en')} relationships/s)\n`);
  process.stdout.write(`peak RSS under load (MB): ${JSON.stringify(output.rss_mb_by_target)}; start to ready (ms): ${JSON.stringify(output.startup_ms)}; schema types: ${JSON.stringify(output.schema_types)}\n`);
  for (const result of run.results) if (result.missed.length > 0) process.stdout.write(`missed: ${result.name}: ${result.missed.join('; ')}\n`);
  process.stdout.write(`results: ${path.relative(process.cwd(), out)}\n`);
}
