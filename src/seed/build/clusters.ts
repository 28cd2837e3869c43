import type { ClusterFactRow } from '../files.js';
import { type GraphBuilder, GraphFactError } from '../../graph/index.js';
import type { KommuneNumbers } from '../kommuneNumbers.js';
import { slugify } from '../../graph/index.js';

type ClusterKind = 'NCE' | 'GCE' | 'ARENA' | 'ARENA_PRO' | 'CATAPULT';

/**
 * The cluster programme level a source writes, as a kind. "Arena (2017); NCE (Nov 2018)"
 * lists the levels in order, so the last one is the current one.
 */
export function clusterKind(programmeLevel: string): ClusterKind {
  const latest = programmeLevel.split(';').at(-1)!.replace(/\(.*?\)/g, '').trim().toLowerCase();
  if (latest === 'nce') return 'NCE';
  if (latest === 'gce') return 'GCE';
  if (latest === 'arena') return 'ARENA';
  if (latest === 'arena pro') return 'ARENA_PRO';
  if (latest === 'norsk katapult' || latest === 'catapult') return 'CATAPULT';
  throw new GraphFactError(`unknown cluster programme level "${programmeLevel}"`);
}

/**
 * "NCE Energy Technology (formerly Arena Subsea Valley)" → name and aliases; a trailing
 * parenthesis holds an earlier name or an abbreviation.
 */
export function splitClusterName(text: string): { name: string; aliases: string[] } {
  const match = /^(.*?)\s*\((?:formerly\s+)?([^)]+)\)$/.exec(text.trim());
  return match ? { name: match[1]!, aliases: [match[2]!] } : { name: text.trim(), aliases: [] };
}

/** Clusters and catapults of the national programmes, hosted where the source names a kommune. */
export function addClusters(graph: GraphBuilder, clusters: readonly ClusterFactRow[], numbers: KommuneNumbers): void {
  for (const cluster of clusters) {
    const { name, aliases } = splitClusterName(cluster.name);
    const sourceIds = [graph.sourceByUrl(cluster.sourceUrl)];
    const clusterId = graph.node('Cluster', slugify(name), {
      name,
      kind: clusterKind(cluster.programmeLevel),
      programmeLevel: cluster.programmeLevel,
      statusYear: cluster.statusYear,
      hostPlace: cluster.hostPlace,
      aliases,
      note: cluster.note,
    }, sourceIds, { names: [name, ...aliases] });
    if (cluster.hostKommuneNr === null) continue;
    const resolved = numbers.resolve(cluster.hostKommuneNr);
    if (resolved.era !== '2020-2023') {
      throw new GraphFactError(`clusters line ${cluster.line}: host ${cluster.hostKommuneNr} is not a kommune number of 2020–2023`);
    }
    graph.relationship('LOCATED_IN', clusterId, `Kommune:${cluster.hostKommuneNr}`, hostMapping(cluster, numbers.kommune(cluster.hostKommuneNr)!.name), sourceIds);
  }
}

/**
 * The sources name a place ("Bergen", "Bergen region", "Raufoss"), never a kommune number, so the
 * host kommune is inferred here from the place name, and the note says from what.
 */
function hostMapping(cluster: ClusterFactRow, kommuneName: string): { inferred: true | null; note: string } {
  const kommune = `${cluster.hostKommuneNr} ${kommuneName}`;
  if (cluster.hostPlace === null) return { inferred: null, note: `host kommune ${kommune}` };
  if (cluster.hostPlace === kommuneName) {
    return { inferred: true, note: `the source names the place "${cluster.hostPlace}"; inferred to be kommune ${kommune}, which has that name` };
  }
  return {
    inferred: true,
    note: `the source names "${cluster.hostPlace}", not a kommune; inferred to be ${kommune}, the kommune the place lies in or centres on`,
  };
}
