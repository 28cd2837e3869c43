import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import betweennessModule from 'graphology-metrics/centrality/betweenness.js';
import pagerankModule from 'graphology-metrics/centrality/pagerank.js';
import seedrandom from 'seedrandom';

// These packages are CommonJS (`module.exports = fn`) with typings that say `export default fn`;
// under NodeNext TypeScript types the default import as the module object, while Node hands
// over the function itself.
const louvain = louvainModule as unknown as (typeof louvainModule)['default'];
const betweennessCentrality = betweennessModule as unknown as (typeof betweennessModule)['default'];
const pagerank = pagerankModule as unknown as (typeof pagerankModule)['default'];

interface Measures {
  id: string;
  degree: number;
  pageRank: number;
  betweenness: number | null;
  community: number;
}

/** Brandes' betweenness is O(nodes × edges); above this many nodes it is left null rather than run for hours. */
const BETWEENNESS_MAX_NODES = 20_000;

/**
 * Degree, PageRank, betweenness (normalised) and Louvain communities over the undirected
 * simple graph of the given nodes and edges. Louvain is seeded, so the same graph always gets
 * the same community numbers.
 */
export function computeMeasures(nodeIds: readonly string[], edges: readonly { source: string; target: string }[]): Measures[] {
  const graph = new UndirectedGraph({ multi: false, allowSelfLoops: false });
  for (const id of nodeIds) graph.mergeNode(id);
  for (const { source, target } of edges) {
    if (source !== target && graph.hasNode(source) && graph.hasNode(target)) graph.mergeEdge(source, target);
  }
  const ranks = graph.size > 0 ? pagerank(graph, { getEdgeWeight: null, alpha: 0.85 }) : {};
  const between = graph.order <= BETWEENNESS_MAX_NODES ? betweennessCentrality(graph, { normalized: true }) : null;
  const communities = graph.size > 0 ? louvain(graph, { rng: seedrandom('regional-cooperation-graph') }) : {};
  const fallbackRank = graph.order > 0 ? 1 / graph.order : 0;
  return graph.mapNodes((id) => ({
    id,
    degree: graph.degree(id),
    pageRank: ranks[id] ?? fallbackRank,
    betweenness: between ? between[id] ?? 0 : null,
    community: communities[id] ?? -1,
  }));
}
