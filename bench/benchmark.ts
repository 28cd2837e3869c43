import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Database } from '../src/db/database.js';
import { repoRoot } from '../src/db/localNeo4j.js';
import { runLoad, warmUp } from './load.js';
import { bodyTarget, type BenchOptions, type Target } from './options.js';
import { pickParameters } from './parameters.js';
import { benchQueries, type BenchQuery, type RequestBody } from './queries.js';
import { assess, machine, markdownTable, TARGETS_SET, type QueryResult } from './report.js';
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

/** The peer's own cursor after the 40th member: pages 1 and 2, as a client would get there. */
async function peerCursor(peer: ServerProcess | undefined, clusterId: string): Promise<string> {
  if (!peer) return '';
  let after: string | null = null;
  for (let pageNumber = 1; pageNumber <= 2; pageNumber += 1) {
    const { json } = await post(peer.url, {
      operationName: 'Page',
      query: 'query Page($id: ID!, $after: String) { clusters(where: { id: { eq: $id } }) { membersConnection(first: 20, after: $after, sort: [{ node: { name: ASC } }, { node: { id: ASC } }]) { pageInfo { endCursor } } } }',
      variables: { id: clusterId, after },
    });
    after = (json.data as { clusters: { membersConnection: { pageInfo: { endCursor: string } } }[] }).clusters[0]!.membersConnection.pageInfo.endCursor;
  }
  return after!;
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

/** One request per query and target before any load: errors and different answers surface here. */
async function checkAnswers(queries: readonly BenchQuery[], servers: Partial<Record<Target, ServerProcess>>) {
  const bytes = new Map<string, number>();
  const matches = new Map<string, boolean | null>();
  const notes = new Map<string, string[]>();
  for (const query of queries) {
    const answers: Partial<Record<Target, unknown>> = {};
    const queryNotes: string[] = [];
    for (const [target, server] of Object.entries(servers) as [Target, ServerProcess][]) {
      const { text, json } = await post(server.url, query.bodies[bodyTarget(target)]);
      bytes.set(`${query.name}/${target}`, Buffer.byteLength(text));
      if (json.errors) queryNotes.push(`${target} answered with errors: ${JSON.stringify(json.errors).slice(0, 300)}`);
      answers[target] = json.data;
    }
    let match: boolean | null = null;
    if (query.floorMatchesOurs && answers.ours !== undefined && answers.floor !== undefined) {
      match = sameAnswer(answers.ours, answers.floor);
      if (!match) queryNotes.push('the floor\'s answer differs from ours (see --queries to debug)');
    }
    if (answers.ours !== undefined && answers.uncached !== undefined && !sameAnswer(answers.ours, answers.uncached)) {
      queryNotes.push('the uncached answer differs from ours');
    }
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

/**
 * The measured part of `npm run bench`: starts the contenders against a loaded graph,
 * checks their answers, runs the load query by query, writes the results file and prints the
 * table. Stops the servers it started, whatever happens.
 */
export async function runBenchmark(options: BenchOptions, graph: LoadedGraph, started: Date): Promise<void> {
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
    const types = { ours: await schemaTypes(servers.ours), peer: await schemaTypes(servers.peer) };

    const parameters = await pickParameters(db, (clusterId) => peerCursor(servers.peer, clusterId));
    const queries = benchQueries(parameters).filter((q) => options.queries.length === 0 || options.queries.includes(q.name));
    if (queries.length === 0) throw new Error(`no query is named ${options.queries.join(', ')}`);
    log('checking answers ...');
    const checks = await checkAnswers(queries, servers);

    const results: QueryResult[] = [];
    for (const [index, query] of queries.entries()) {
      // Rotating the order spreads drift (caches warming, other load on the machine) over all targets.
      const order = options.targets.map((_, i) => options.targets[(i + index) % options.targets.length]!);
      const measured: Partial<Record<Target, QueryResult['ours']>> = {};
      for (const target of order) {
        const server = servers[target]!;
        const body = JSON.stringify(query.bodies[bodyTarget(target)]);
        await warmUp(server, body, { connections: options.connections, duration: options.warmup });
        const load = await runLoad(server, body, { connections: options.connections, duration: options.duration });
        measured[target] = { ...load, bytes: checks.bytes.get(`${query.name}/${target}`) ?? 0 };
        log(`  ${query.name.padEnd(24)} ${target.padEnd(8)} p50 ${String(load.p50_ms).padStart(6)} ms  p99 ${String(load.p99_ms).padStart(6)} ms  ${String(load.rps).padStart(7)} req/s  errors ${load.errors}`);
      }
      results.push(assess({
        name: query.name,
        description: query.description,
        ...measured,
        floor_matches_ours: checks.matches.get(query.name) ?? null,
        notes: [...(query.oursNote ? [`ours: ${query.oursNote}`] : []), `peer: ${query.peerNote}`, ...(checks.notes.get(query.name) ?? [])],
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
      settings: { connections: options.connections, duration_s: options.duration, warmup_s: options.warmup, seed: options.seed, pagecache: options.pagecache },
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
      load_seconds: Math.round(loadSeconds * 10) / 10,
      load_nodes_per_s: Math.round(dataset.synthetic.nodes / loadSeconds),
      load_relationships_per_s: Math.round(dataset.synthetic.relationships / loadSeconds),
      load_records_per_s: Math.round((dataset.synthetic.nodes + dataset.synthetic.relationships) / loadSeconds),
      rss_mb: rssByTarget.ours ?? null,
      rss_mb_by_target: rssByTarget,
      startup_ms: startup,
      schema_types: types,
      parameters,
      targets: TARGETS_SET,
      queries: results,
    };
    const out = path.resolve(repoRoot, options.out);
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, `${JSON.stringify(output, null, 2)}\n`);

    process.stdout.write(`\n${markdownTable(results, options.targets)}\n\n`);
    process.stdout.write(`load: ${output.load_records_per_s.toLocaleString('en')} records/s (${output.load_nodes_per_s.toLocaleString('en')} nodes/s, ${output.load_relationships_per_s.toLocaleString('en')} relationships/s)\n`);
    process.stdout.write(`peak RSS under load (MB): ${JSON.stringify(rssByTarget)}; start to ready (ms): ${JSON.stringify(startup)}; schema types: ${JSON.stringify(types)}\n`);
    for (const result of results) if (result.missed.length > 0) process.stdout.write(`missed: ${result.name}: ${result.missed.join('; ')}\n`);
    process.stdout.write(`results: ${path.relative(process.cwd(), out)}\n`);
  } finally {
    for (const server of Object.values(servers)) await server.stop().catch(() => undefined);
  }
}
