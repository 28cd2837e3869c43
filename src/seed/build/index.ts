import type { SeedFiles } from '../files.js';
import { GraphBuilder, type GraphFacts } from '../../graph/index.js';
import { KommuneNumbers } from '../kommuneNumbers.js';
import { addClusters } from './clusters.js';
import { addCollaborations } from './collaborations.js';
import { addCommuting, addNeighbours } from './commuting.js';
import { addEcosystem } from './ecosystem.js';
import { addIndicators, addIndicatorValues } from './indicators.js';
import { addKommuner } from './kommuner.js';
import { addRankings } from './rankings.js';
import { addHigherEducation } from './schools.js';
import { addResearch } from './research.js';

/** The whole seed graph from the parsed seed files. Pure; throws on any inconsistency. */
export function buildSeedGraph(files: SeedFiles): GraphFacts {
  const numbers = new KommuneNumbers(files.kommuner, files.crosswalk2024, files.changes);
  const graph = new GraphBuilder(files.sources);
  addIndicators(graph, files.indicators);
  addKommuner(graph, files.kommuner, numbers);
  addIndicatorValues(graph, files.values, files.indicators);
  addRankings(graph, files.rankingFacts, files.kommuner, numbers);
  addClusters(graph, files.clusters, numbers);
  addEcosystem(graph, files.ecosystem);
  addHigherEducation(graph, files.higherEd, files.postalCodes, numbers);
  addCommuting(graph, files.commuting, files.kommuner.map((kommune) => kommune.nr));
  addNeighbours(graph, files.neighbours);
  addCollaborations(graph, files.collaborations, files.barnevern2021, numbers);
  addResearch(graph, files.h2020, numbers, files.kommuner.map((kommune) => kommune.nr));
  return graph.build();
}
