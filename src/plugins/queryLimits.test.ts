import { parse, specifiedRules, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as explorerQueries from '../explorer/lib/queries.js';
import { DEFAULTS } from '../config/index.js';
import { EXAMPLE_QUERIES } from '../http/examples.js';
import { buildSchema } from '../server.js';
import { operationLimits } from './operationLimits.js';
import { operationCost } from './queryCost.js';

const schema = buildSchema();
const { validationRules } = operationLimits(DEFAULTS.limits);

function limitErrors(query: string) {
  return validate(schema, parse(query), [...specifiedRules, ...validationRules]).map((error) => ({
    message: error.message, code: (error.extensions.code as string | undefined) ?? null,
  }));
}

const cost = (query: string, variables: Record<string, unknown> = {}) => operationCost({ schema, query: parse(query), variables });

const shipped = [
  ...EXAMPLE_QUERIES.map((example) => example.query),
  ...(Object.values(explorerQueries) as unknown[]).filter((value): value is string => typeof value === 'string' && /^\s*query\b/.test(value)),
];

/** The largest values the explorer sends. */
const EXPLORER_VARIABLES = {
  text: 'kongsberg', center: 'Kommune:3006', depth: 3, from: 'Kommune:3006', to: 'Fylke:30', id: 'Kommune:3006', nr: '3006',
  indicator: 'kommune-nm/total', edition: 2021, year: 2018, metric: 'COMPANIES', fylke: null, first: 500,
};

describe('the default limits', () => {
  it.each(shipped.map((query) => [query.slice(0, 60).replace(/\s+/g, ' '), query]))('let the shipped query %s through', (_name, query) => {
    expect(limitErrors(query)).toEqual([]);
    expect(cost(query, EXPLORER_VARIABLES)).toBeLessThanOrEqual(DEFAULTS.limits.maxCost);
  });

  it('refuse depth, aliases and directives with QUERY_TOO_COMPLEX', () => {
    let deep = 'id';
    for (let i = 0; i < 6; i += 1) deep = `fylke { kommuner { ${deep} } }`;
    expect(limitErrors(`{ kommune(nr: "3006") { ${deep} } }`)).toEqual([expect.objectContaining({ code: 'QUERY_TOO_COMPLEX' })]);
    const aliases = Array.from({ length: DEFAULTS.limits.maxAliases + 1 }, (_, i) => `a${i}: fylker { nr }`).join(' ');
    expect(limitErrors(`{ ${aliases} }`)).toEqual([expect.objectContaining({ code: 'QUERY_TOO_COMPLEX' })]);
    const directives = Array.from({ length: DEFAULTS.limits.maxDirectives + 1 }, () => 'nr @skip(if: false)').join(' ');
    expect(limitErrors(`{ fylker { ${directives} } }`)).toEqual([expect.objectContaining({ code: 'QUERY_TOO_COMPLEX' })]);
  });

  it('do not count introspection towards depth', () => {
    expect(limitErrors('{ __schema { types { fields { type { ofType { ofType { ofType { ofType { name } } } } } } } } }')).toEqual([]);
  });
});

describe('operationCost', () => {
  it('multiplies plain lists by their assumed size, so cycles grow fast', () => {
    const two = cost('{ fylker { kommuner { fylke { name } } } }');
    const four = cost('{ fylker { kommuner { fylke { kommuner { fylke { name } } } } } }');
    expect(four).toBeGreaterThan(two * 50);
    expect(four).toBeGreaterThan(DEFAULTS.limits.maxCost);
  });

  it('takes page sizes from variables and schema defaults', () => {
    const query = 'query($n: Int) { kommuner(first: $n) { edges { node { name } } } }';
    expect(cost(query, { n: 10 })).toBeLessThan(cost(query, { n: 400 }));
    expect(cost('{ kommuner { edges { node { name } } } }')).toBe(cost(query, { n: 50 }));
  });

  it('costs nothing for scalars', () => {
    expect(cost('{ kommune(nr: "3006") { name nr population } }')).toBe(1);
  });

  it('costs a correlation by the series it reads, so 30 aliased ones with a covariate are refused', () => {
    const correlation = (alias: string) => `${alias}: correlation(metric: COMMUTING_PARTNERS, indicator: "ssb/long-higher-education-share", year: 2021, controlFor: [{ kind: LOG_POPULATION }]) { n pearson }`;
    const one = cost(`{ ${correlation('a')} }`);
    expect(one).toBeGreaterThan(cost('{ correlation(metric: COMMUTING_PARTNERS, indicator: "x", year: 2021) { n } }'));
    const thirty = cost(`{ ${Array.from({ length: 30 }, (_, i) => correlation(`c${i}`)).join(' ')} }`);
    expect(thirty).toBe(30 * one);
    expect(thirty).toBeGreaterThan(DEFAULTS.limits.maxCost);
  });

  it('costs a graph view by its depth and limit, deeper views far more', () => {
    const view = (depth: number, limit: number) => cost(`{ graph(center: "Kommune:3006", depth: ${depth}, limit: ${limit}) { nodes { id } } }`);
    expect(view(3, 200)).toBe(view(1, 200) + 4 * 1000 + 2 * 200);
    expect(view(3, 2000)).toBeGreaterThan(view(3, 200) * 2);
    expect(view(2, 200)).toBeLessThan(view(3, 200) / 2);
  });

  it('costs the measures of a whole page of kommuner beyond one request', () => {
    const measures = (first: number) => cost(`{ kommuner(first: ${first}) { edges { node { cooperation { measures(year: 2021) { value } } } } } }`);
    expect(measures(500)).toBeGreaterThan(DEFAULTS.limits.maxCost);
    expect(measures(100)).toBeLessThan(DEFAULTS.limits.maxCost);
  });
});

describe('aliases of __typename', () => {
  it('count like any other alias', () => {
    const aliases = Array.from({ length: DEFAULTS.limits.maxAliases + 1 }, (_, i) => `t${i}: __typename`).join(' ');
    expect(limitErrors(`{ kommuner(first: 500) { edges { node { ${aliases} } } } }`)).toEqual([expect.objectContaining({ code: 'QUERY_TOO_COMPLEX' })]);
  });
});

