import { DirectedGraph, MultiDirectedGraph } from 'graphology';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSearchText } from '../src/graph/text.js';
import { codesOf, useTestApi, type GraphQLResult } from './support/api.js';

const context = useTestApi();

type Notice = { code: string; requested?: string; canonical?: string; message: string; path: (string | number)[] };
const noticesOf = (result: GraphQLResult): Notice[] => (result as { extensions?: { notices?: Notice[] } }).extensions?.notices ?? [];
const errorOf = (result: GraphQLResult) => result.errors?.[0];

describe('one identity rule: ids and numbers of every era', () => {
  it('node(id:"Kommune:0604") resolves to Kommune:3006', async () => {
    const result = await context.api.query(`{ node(id:"Kommune:0604") { id ... on Kommune { name } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.node).toEqual({ id: 'Kommune:3006', name: 'Kongsberg' });
    expect(noticesOf(result)).toEqual([expect.objectContaining({ code: 'CANONICAL_ID', requested: 'Kommune:0604', canonical: 'Kommune:3006', path: ['node'] })]);
  });

  it('node(id:"Kommune:0604") asked twice says so twice (an answer with notices is not served from the response cache)', async () => {
    const query = `{ node(id:"Kommune:0604") { id } }`;
    await context.api.query(query);
    expect(noticesOf(await context.api.query(query))[0]).toMatchObject({ requested: 'Kommune:0604', canonical: 'Kommune:3006' });
  });

  it('node(id:"Kommune:3303") (the 2024 number) resolves to Kommune:3006', async () => {
    const result = await context.api.query(`{ node(id:"Kommune:3303") { id } }`);
    expect(result.data.node).toEqual({ id: 'Kommune:3006' });
    expect(noticesOf(result)[0]).toMatchObject({ requested: 'Kommune:3303', canonical: 'Kommune:3006' });
  });

  it('node(id:"Kommune:3006") answers without a notice', async () => {
    const result = await context.api.query(`{ node(id:"Kommune:3006") { id } }`);
    expect(result.data.node).toEqual({ id: 'Kommune:3006' });
    expect(noticesOf(result)).toEqual([]);
  });

  it('nodes(ids:["Kommune:3006","Kommune:0604","Fylke:33","Kommune:9999","Cluster:nce-systems-engineering"]) answers in order, null where none', async () => {
    const result = await context.api.query(`{ nodes(ids:["Kommune:3006","Kommune:0604","Fylke:33","Kommune:9999","Cluster:nce-systems-engineering"]) { id } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.nodes).toEqual([{ id: 'Kommune:3006' }, { id: 'Kommune:3006' }, { id: 'Fylke:30' }, null, { id: 'Cluster:nce-systems-engineering' }]);
    expect(noticesOf(result).map((notice) => [notice.code, notice.requested])).toEqual([
      ['CANONICAL_ID', 'Kommune:0604'], ['CANONICAL_ID', 'Fylke:33'], ['NOT_FOUND', 'Kommune:9999'],
    ]);
  });

  it('graph(center:"Kommune:0604") is Kongsberg\'s view, centred on Kommune:3006', async () => {
    const result = await context.api.query(`{ graph(center:"Kommune:0604") { nodes { id } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.graph.nodes[0]).toEqual({ id: 'Kommune:3006' });
    expect(noticesOf(result)[0]).toMatchObject({ code: 'CANONICAL_ID', requested: 'Kommune:0604', canonical: 'Kommune:3006', path: ['graph'] });
  });

  it('path(from:"Kommune:0604", to:"Cluster:nce-systems-engineering") starts at Kommune:3006', async () => {
    const result = await context.api.query(`{ path(from:"Kommune:0604", to:"Cluster:nce-systems-engineering") { nodes { id } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.path.nodes.map((node: { id: string }) => node.id)).toContain('Kommune:3006');
  });

  it('companies(kommune:"0604") lists Kongsberg\'s companies, as kommune:"3006" does', async () => {
    const ids = async (nr: string) => (await context.api.query(`{ companies(kommune:"${nr}", first: 100) { edges { node { id } } } }`)).data.companies.edges;
    const current = await ids('3006');
    expect(current.length).toBeGreaterThan(3);
    expect(await ids('0604')).toEqual(current);
  });
});

describe('no silent empties', () => {
  it('kommune(nr:"9999") is null, and a notice says why', async () => {
    const result = await context.api.query(`{ kommune(nr:"9999") { id } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.kommune).toBeNull();
    expect(noticesOf(result)).toEqual([expect.objectContaining({ code: 'NOT_FOUND', requested: '9999', path: ['kommune'] })]);
    expect(noticesOf(result)[0]!.message).toMatch(/No kommune has had the number 9999/);
  });

  it('node(id:"Kommune:9999") is null, and a notice says why', async () => {
    const result = await context.api.query(`{ node(id:"Kommune:9999") { id } }`);
    expect(result.data.node).toBeNull();
    expect(noticesOf(result)[0]).toMatchObject({ code: 'NOT_FOUND', requested: 'Kommune:9999' });
  });

  it('graph(relationships:["MEMBER"]) is BAD_USER_INPUT listing the valid types', async () => {
    const result = await context.api.query(`{ graph(center:"Kommune:3006", relationships:["MEMBER"]) { nodes { id } } }`);
    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    expect(errorOf(result)!.message).toMatch(/valid: .*MEMBER_OF/);
  });

  it('Kommune.rankings(indicator:"kompetanse") is BAD_USER_INPUT listing the RANK indicators', async () => {
    const result = await context.api.query(`{ kommune(nr:"3006") { rankings(indicator:"kompetanse") { rank } } }`);
    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    expect(errorOf(result)!.extensions!.valid).toContain('kommune-nm/kompetanse');
  });

  it('ranking(indicator:"kompetanse", edition: 2021) is BAD_USER_INPUT like Kommune.rankings', async () => {
    const result = await context.api.query(`{ ranking(indicator:"kompetanse", edition: 2021) { totalCount } }`);
    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    expect(errorOf(result)!.extensions!.valid).toContain('kommune-nm/kompetanse');
  });

  it('Kommune.values(indicator:"kommune-nm/total") names the field that reads a RANK indicator', async () => {
    const result = await context.api.query(`{ kommune(nr:"3006") { values(indicator:"kommune-nm/total") { value } } }`);
    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    expect(errorOf(result)!.message).toMatch(/RANK indicator, read with `rankings`/);
  });

  it('ranking(indicator:"kommune-nm/total", edition: 1999) lists the editions held', async () => {
    const result = await context.api.query(`{ ranking(indicator:"kommune-nm/total", edition: 1999) { totalCount } }`);
    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    expect(errorOf(result)!.extensions!.valid).toEqual(expect.arrayContaining([2021, 2022]));
  });

  it('Kommune.rankings(edition: 1999) and Kommune.values(year: 1999) list what is held', async () => {
    const result = await context.api.query(`{ kommune(nr:"3006") { rankings(edition: 1999) { rank } } }`);
    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    expect(errorOf(result)!.extensions).toMatchObject({ argumentName: 'edition' });
    const values = await context.api.query(`{ kommune(nr:"3006") { values(indicator:"ssb/long-higher-education-share", year: 1999) { value } } }`);
    expect(errorOf(values)!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'year', valid: expect.arrayContaining([2021]) });
  });

  it('kommuner(fylke:"99") is BAD_USER_INPUT listing the fylke numbers', async () => {
    const result = await context.api.query(`{ kommuner(fylke:"99") { totalCount } }`);
    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    expect(errorOf(result)!.extensions!.valid).toEqual(expect.arrayContaining(['30', '33', '38']));
  });

  it('correlation(..., fylke:"99") is BAD_USER_INPUT listing the fylke numbers, not n = 0', async () => {
    const result = await context.api.query(`{ correlation(metric: COMMUTING_PARTNERS, indicator:"ssb/long-higher-education-share", year: 2021, fylke:"99") { n } }`);
    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    expect(errorOf(result)!.extensions!.valid).toEqual(expect.arrayContaining(['30', '38']));
  });

  it('correlation(..., fylke:"33") (Buskerud from 2024) is BAD_USER_INPUT naming the 2020–2023 fylke it lies in', async () => {
    const result = await context.api.query(`{ correlation(metric: COMMUTING_PARTNERS, indicator:"ssb/long-higher-education-share", year: 2021, fylke:"33") { n } }`);
    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    expect(errorOf(result)!.message).toMatch(/30 Viken/);
  });

  it('kommuner(fylke:"33") (Buskerud from 2024) lists the kommuner numbered 33xx from 2024, Kongsberg among them', async () => {
    const result = await context.api.query(`{ kommuner(fylke:"33", first: 100) { totalCount edges { node { id nr2024 fylke { nr } } } } }`);
    expect(result.errors).toBeUndefined();
    const nodes = result.data.kommuner.edges.map((edge: { node: unknown }) => edge.node) as { id: string; nr2024: string; fylke: { nr: string } }[];
    expect(nodes.length).toBeGreaterThan(10);
    expect(nodes.map((node) => node.id)).toContain('Kommune:3006');
    for (const node of nodes) {
      expect(node.nr2024.startsWith('33')).toBe(true);
      expect(node.fylke.nr).toBe('30');
    }
  });

  it('ranking(indicator:"kommune-nm/total", edition: 2021, fylke:"33") places Kongsberg among the Buskerud kommuner of 2024', async () => {
    const result = await context.api.query(`{ ranking(indicator:"kommune-nm/total", edition: 2021, fylke:"33") { edges { node { placeInFylke kommune { id nr2024 } } } } }`);
    expect(result.errors).toBeUndefined();
    for (const edge of result.data.ranking.edges) expect(edge.node.kommune.nr2024.startsWith('33')).toBe(true);
  });

  it('companies(kommune:"9999") is BAD_USER_INPUT, not an empty list', async () => {
    expect(codesOf(await context.api.query(`{ companies(kommune:"9999") { totalCount } }`))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('Relay-correct paging', () => {
  const page = `query($after: String, $before: String, $first: Int, $last: Int, $fylke: String) {
    kommuner(fylke: $fylke, first: $first, after: $after, last: $last, before: $before) {
      edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;

  it('kommuner(after: <a cursor of companies>) is BAD_USER_INPUT', async () => {
    const companies = await context.api.query(`{ companies(first: 1) { pageInfo { endCursor } } }`);
    const foreign = companies.data.companies.pageInfo.endCursor;
    const result = await context.api.query(page, { first: 5, after: foreign });
    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    expect(errorOf(result)!.message).toMatch(/another list/);
  });

  it('kommuner(fylke:"38", after: <a cursor of kommuner(fylke:"30")>) is BAD_USER_INPUT', async () => {
    const viken = await context.api.query(page, { fylke: '30', first: 2 });
    const result = await context.api.query(page, { fylke: '38', first: 2, after: viken.data.kommuner.pageInfo.endCursor });
    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
  });

  it('kommuner(first: 0) answers hasNextPage with a cursor to continue from', async () => {
    const empty = await context.api.query(page, { first: 0 });
    expect(empty.data.kommuner.edges).toEqual([]);
    expect(empty.data.kommuner.pageInfo.hasNextPage).toBe(true);
    expect(empty.data.kommuner.pageInfo.endCursor).toEqual(expect.any(String));
    const next = await context.api.query(page, { first: 3, after: empty.data.kommuner.pageInfo.endCursor });
    const fromStart = await context.api.query(page, { first: 3 });
    expect(next.data.kommuner.edges.map((e: { node: unknown }) => e.node)).toEqual(fromStart.data.kommuner.edges.map((e: { node: unknown }) => e.node));
  });

  it('kommuner(last: 5) and kommuner(last: 5, before: …) page backwards through the same order', async () => {
    const all: string[] = (await context.api.query(`{ kommuner(first: 500) { edges { node { id } } } }`)).data.kommuner.edges.map((e: { node: { id: string } }) => e.node.id);
    const last = await context.api.query(page, { last: 5 });
    expect(last.data.kommuner.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(all.slice(-5));
    expect(last.data.kommuner.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const before = await context.api.query(page, { last: 5, before: last.data.kommuner.pageInfo.startCursor });
    expect(before.data.kommuner.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(all.slice(-10, -5));
    expect(before.data.kommuner.pageInfo.hasNextPage).toBe(true);
  });

  it('ranking(indicator:"kommune-nm/total", edition: 2021, last: 2) gives the two lowest ranks held, in rank order', async () => {
    const all = (await context.api.query(`{ ranking(indicator:"kommune-nm/total", edition: 2021, first: 500) { edges { node { id rank } } } }`)).data.ranking.edges;
    const last = (await context.api.query(`{ ranking(indicator:"kommune-nm/total", edition: 2021, last: 2) { edges { node { id rank } } } }`)).data.ranking.edges;
    expect(last).toEqual(all.slice(-2));
  });

  it('kommune(nr:"3006") { companies(last: 3, before: …) } and node(id:"Cluster:industrilederforum") { membersConnection(last: 2) } page backwards', async () => {
    const all = (await context.api.query(`{ kommune(nr:"3006") { companies(first: 500) { edges { node { id } } } } }`)).data.kommune.companies.edges.map((e: { node: { id: string } }) => e.node.id);
    const last = (await context.api.query(`{ kommune(nr:"3006") { companies(last: 3) { edges { node { id } } pageInfo { startCursor hasPreviousPage } } } }`)).data.kommune.companies;
    expect(last.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(all.slice(-3));
    expect(last.pageInfo.hasPreviousPage).toBe(true);
    const before = await context.api.query(`query($before: String) { kommune(nr:"3006") { companies(last: 3, before: $before) { edges { node { id } } } } }`, { before: last.pageInfo.startCursor });
    expect(before.data.kommune.companies.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(all.slice(-6, -3));

    const members = (await context.api.query(`{ node(id:"Cluster:industrilederforum") { ... on Cluster { membersConnection(first: 500) { edges { node { id } } } } } }`)).data.node.membersConnection.edges;
    const lastMembers = (await context.api.query(`{ node(id:"Cluster:industrilederforum") { ... on Cluster { membersConnection(last: 2) { edges { node { id } } } } } }`)).data.node.membersConnection.edges;
    expect(lastMembers).toEqual(members.slice(-2));
  });

  it('kommuner(first: 5, last: 5) is BAD_USER_INPUT (one direction at a time)', async () => {
    expect(codesOf(await context.api.query(page, { first: 5, last: 5 }))).toEqual(['BAD_USER_INPUT']);
  });

  it('nodes(ids: <400 ids>) { … fylke { kommuner { clusters } } } costs per id and is QUERY_TOO_COMPLEX, with 1 id it answers', async () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `Kommune:${String(i).padStart(4, '0')}`);
    const query = `query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Kommune { fylke { kommuner { clusters { name } } } } } }`;
    expect(codesOf(await context.api.query(query, { ids: ids(400) }))).toEqual(['QUERY_TOO_COMPLEX']);
    expect((await context.api.query(query, { ids: ['Kommune:3006'] })).errors).toBeUndefined();
  });

  it('nodes(ids: <100 ids>) answers 100 entries in one request, more than the alias limit allows', async () => {
    const ids = ['Kommune:3006', ...Array.from({ length: 99 }, (_, i) => `Kommune:${String(i).padStart(4, '0')}`)];
    const result = await context.api.query(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids });
    expect(result.errors?.map((error) => error.message)).toBeUndefined();
    expect(result.data.nodes).toHaveLength(100);
    expect(codesOf(await context.api.query(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: Array(501).fill('Kommune:3006') }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('graph payloads', () => {
  // Two relationships between the same pair: a plain graphology Graph() refuses the second.
  const F = 'Company:clients-graph-parallel';
  beforeAll(async () => {
    await context.db.write(
      `MATCH (k:Kommune {id: 'Kommune:3006'})
       CREATE (c:Entity:Company {id: $f, key: 'clients-graph-parallel', name: 'Parallel edges test', sourceIds: []})
       CREATE (c)-[:LOCATED_IN {sourceIds: []}]->(k), (c)-[:PARTNER_OF {sourceIds: []}]->(k)`,
      { f: F },
    );
  });
  afterAll(async () => {
    await context.db.write('MATCH (c:Company {id: $f}) DETACH DELETE c', { f: F });
  });

  it('graph(center:"Company:…") with two edges between one pair loads into graphology as a multigraph', async () => {
    const result = await context.api.query(`{ graph(center:"${F}") { nodes { id type typename label } edges { id source target type } graphology } }`);
    expect(result.errors).toBeUndefined();
    const view = result.data.graph;
    const between = view.edges.filter((edge: { source: string; target: string }) => edge.source === F && edge.target === 'Kommune:3006');
    expect(between.map((edge: { type: string }) => edge.type).sort()).toEqual(['LOCATED_IN', 'PARTNER_OF']);

    // A simple graph refuses the parallel edge: that is why the view says it is a multigraph.
    const plain = new DirectedGraph();
    for (const node of view.nodes) plain.addNode(node.id);
    expect(() => { for (const edge of view.edges) plain.addEdgeWithKey(edge.id, edge.source, edge.target); }).toThrow();

    const fromSerialised = MultiDirectedGraph.from(view.graphology);
    expect(fromSerialised.multi).toBe(true);
    expect(fromSerialised.size).toBe(view.edges.length);
    const multi = new MultiDirectedGraph();
    for (const node of view.nodes) multi.addNode(node.id, { label: node.label, typename: node.typename });
    for (const edge of view.edges) multi.addEdgeWithKey(edge.id, edge.source, edge.target, { type: edge.type });
    expect(multi.edges(F, 'Kommune:3006')).toHaveLength(2);
  });

  it('graph(center:"Kommune:3006") names node types like __typename in `typename`', async () => {
    const result = await context.api.query(`{ graph(center:"Kommune:3006") { nodes { id type typename } graphology cytoscapeElements } node(id:"Kommune:3006") { __typename } }`);
    const center = result.data.graph.nodes[0];
    expect(center).toEqual({ id: 'Kommune:3006', type: 'KOMMUNE', typename: result.data.node.__typename });
    expect(center.typename).toBe('Kommune');
    const graph = MultiDirectedGraph.from(result.data.graph.graphology);
    expect(graph.getNodeAttribute('Kommune:3006', 'typename')).toBe('Kommune');
    const element = result.data.graph.cytoscapeElements.find((e: { data: { id: string } }) => e.data.id === 'Kommune:3006');
    expect(element.data.typename).toBe('Kommune');
  });
});

describe('search that forgives', () => {
  const PREFIX = 'clients-search-';
  const NAMES = ['Kongsberg Maritime AS', 'Nes', 'Å', 'Bø i Telemark', 'Evje og Hornnes'];
  const idOf = (index: number) => `Initiative:${PREFIX}${index}`;
  beforeAll(async () => {
    await context.db.write(
      `UNWIND $rows AS row
       CREATE (n:Entity:Initiative {id: row.id, key: row.key, name: row.name, searchText: row.searchText, sourceIds: []})`,
      { rows: NAMES.map((name, index) => ({ id: idOf(index), key: `${PREFIX}${index}`, name, searchText: buildSearchText([name]) })) },
    );
  });
  afterAll(async () => {
    await context.db.write('MATCH (n:Initiative) WHERE n.id STARTS WITH $prefix DETACH DELETE n', { prefix: `Initiative:${PREFIX}` });
  });

  it.each(NAMES.map((name, index) => [name, index] as const))('search(text:"%s", types:[INITIATIVE]) finds it first, short words kept', async (name, index) => {
    const result = await context.api.query(`query($text: String!) { search(text: $text, types: [INITIATIVE]) { id } }`, { text: name });
    expect(result.errors).toBeUndefined();
    expect(result.data.search[0]).toEqual({ id: idOf(index) });
  });

  it('search(text:"Kongsbreg") finds Kongsberg, ranked below what an exact search scores', async () => {
    const typo = await context.api.query(`{ search(text:"Kongsbreg", types:[KOMMUNE]) { id score } }`);
    expect(typo.data.search[0].id).toBe('Kommune:3006');
    const exact = await context.api.query(`{ search(text:"Kongsberg", types:[KOMMUNE]) { id score } }`);
    expect(exact.data.search[0].id).toBe('Kommune:3006');
    expect(typo.data.search[0].score).toBeLessThan(exact.data.search[0].score);
  });

  it('search(text:"Kongsberg Maritim") ranks the prefix matches of "Maritim" first', async () => {
    const result = await context.api.query(`{ search(text:"Kongsberg Maritim") { id score } }`);
    expect(result.data.search.slice(0, 2).map((hit: { id: string }) => hit.id).sort()).toEqual(['Company:979750730', 'Initiative:clients-search-0']);
  });

  it('kommuner(search:"Kongsbreg") and kommuner(search:"Evje og Hornnes") filter lists the same way', async () => {
    const typo = await context.api.query(`{ kommuner(search:"Kongsbreg") { edges { node { id } } } }`);
    expect(typo.data.kommuner.edges.map((e: { node: { id: string } }) => e.node.id)).toContain('Kommune:3006');
    const withOg = await context.api.query(`{ kommuner(search:"Evje og Hornnes") { edges { node { name } } } }`);
    expect(withOg.data.kommuner.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(['Evje og Hornnes']);
  });

  it('kommuner(search: <a 1,001-character word>) is BAD_USER_INPUT naming the limit, not INTERNAL_SERVER_ERROR', async () => {
    const result = await context.api.query(`query($text: String) { kommuner(search: $text) { totalCount edges { node { id } } } }`, { text: 'x'.repeat(1001) });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/at most 100 characters/);
  });
});
