import { describe, expect, it } from 'vitest';
import { seededDraw, type ParameterPool } from '../bench/parameters.js';
import { benchQueries } from '../bench/queries.js';
import { useTestApi } from './support/api.js';

/**
 * The API's answers, byte for byte, to the README's examples and the benchmark's queries on the
 * real seeds (full-text scores masked, see below). A change of code that is not meant to change what users get (a refactoring, a
 * faster statement) must leave `test/fixtures/answers/` as it is; a change that is meant to
 * (new data, a new field) updates them on purpose with `npx vitest run test/answers.int.test.ts -u`
 * and shows the difference in review.
 */

const README_EXAMPLES: Record<string, string> = {
  'readme-kommune': `{
  kommune(nr: "3006") {
    name officialName fylke { name } nr2024 population(year: 2022)
    clusters { name kind }
    schools { name kind }
    initiatives { name sources { title url } }
    rankings(indicator: "kommune-nm/kompetanse") { edition rank scopeName sources { publisher url } }
    cooperation { companies clusterMemberships schoolIndustryLinks collaborations networkDegree }
  }
}`,
  'readme-ranking': `{
  ranking(indicator: "kommune-nm/total", edition: 2021, fylke: "30") {
    edges { node { rank placeInFylke kommune { name } sources { title url } } }
  }
}`,
  'readme-correlation': `{
  correlation(metric: COLLABORATIONS, indicator: "ssb/higher-education-share", year: 2018,
              controlFor: [{ kind: LOG_POPULATION }]) {
    n pearson spearman pValue slope intercept higherIsBetter note
    partial { covariates pearson pValue }
    points { kommune { name } x y }
  }
}`,
  'readme-graph-and-search': `{
  graph(center: "Kommune:3006", depth: 2, limit: 300) {
    nodes { id type label } edges { source target type } truncated
  }
  search(text: "baerum") { id type label }
}`,
  'readme-curl': '{ kommune(nr:"3006"){ name fylke{ name } nr2024 population(year:2022) } }',
};

/** The benchmark's query shapes with parameters from the real seeds: one choice each, so every draw is the same. */
const BENCH_POOL: ParameterPool = {
  kommuneNrs: ['3006'],
  largestKommuneNrs: ['0301'],
  rankings: [{ indicator: 'kommune-nm/kompetanse', edition: 2022 }],
  membersPages: [{ clusterId: 'Cluster:industrilederforum', memberCount: 0, page: 1, floorAfter: null, peerAfter: null }],
  searchWords: ['kongsberg'],
  graphCenters: [{ type: 'Kommune', id: 'Kommune:3006' }],
  commutingKommuneIds: ['Kommune:3006'],
};
/** Benchmark query → its answer file (the names the files had when each query sent one fixed request). */
const BENCH_SNAPSHOTS: Record<string, string> = {
  'kommune-detail': 'kommune-detail',
  'kommune-detail-large': 'kommune-detail-large',
  'ranking-page': 'ranking-page',
  'cluster-members-page': 'cluster-members-page-3',
  'graph-depth-2-any': 'graph-depth-2',
  correlation: 'correlation',
  search: 'search',
};

describe('answers to the README examples and the benchmark queries', () => {
  const ctx = useTestApi();

  let url: string | undefined;
  async function answer(body: { query: string; variables?: Record<string, unknown>; operationName?: string }): Promise<string> {
    url ??= await ctx.api.listen();
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify(body),
    });
    // Full-text scores move in the last digits with Lucene's index statistics (deleted versions of
    // updated nodes count until segments merge), so they are compared by the order they give.
    const text = (await response.text()).replace(/"score":-?[0-9.e+-]+/g, '"score":"…"');
    return `${response.status}\n${text}\n`;
  }

  for (const [name, query] of Object.entries(README_EXAMPLES)) {
    it(name, async () => {
      await expect(await answer({ query })).toMatchFileSnapshot(`fixtures/answers/${name}.txt`);
    });
  }

  for (const bench of benchQueries().filter((q) => BENCH_SNAPSHOTS[q.name])) {
    it(`bench ${bench.name}`, async () => {
      const { operationName, query, variables } = bench.draw(BENCH_POOL, seededDraw('answers')).bodies.ours!;
      // The real seeds' clusters have fewer than 40 members: their first page stands in for page 3.
      const vars = bench.name === 'cluster-members-page' ? { ...variables, first: 5, after: null } : variables;
      await expect(await answer({ operationName, query, variables: vars })).toMatchFileSnapshot(`fixtures/answers/bench-${BENCH_SNAPSHOTS[bench.name]}.txt`);
    });
  }
});
