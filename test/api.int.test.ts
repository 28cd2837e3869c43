import { describe, expect, it } from 'vitest';
import { codesOf, countedQuery, useTestApi } from './support/api.js';
import { mapRankingEntry } from '../src/modules/ranking/mappers.js';
import { findRankingsBySubject } from '../src/modules/ranking/repository.js';

const context = useTestApi();

describe('kommune lookup', () => {
  it('answers the foundation question for Kongsberg', async () => {
    const result = await context.api.query(`{ kommune(nr:"3006"){ name fylke{ name } nr2024 population(year:2022) } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.kommune).toEqual({ name: 'Kongsberg', fylke: { name: 'Viken' }, nr2024: '3303', population: 27879 });
  });

  it.each(['0604', '3303', '3006'])('resolves %s, a number of any era, to Kongsberg', async (nr) => {
    const result = await context.api.query(`query($nr:String!){ kommune(nr:$nr){ id nr formerNrs successors { nr name } } }`, { nr });
    expect(result.data.kommune).toMatchObject({ id: 'Kommune:3006', nr: '3006', successors: [{ nr: '3303', name: 'Kongsberg' }] });
    expect(result.data.kommune.formerNrs).toContain('0604');
  });

  it('gives both successors of a kommune split in 2024', async () => {
    const result = await context.api.query(`{ kommune(nr:"1507"){ name nr2024 successors { nr name } } }`);
    expect(result.data.kommune.successors.map((s: { nr: string }) => s.nr).sort()).toEqual(['1508', '1580']);
    expect(result.data.kommune.nr2024).toBe('1508');
  });

  it('names Ålesund\'s 2024 successors Ålesund and Haram, and finds Ålesund 1507 by "Haram"', async () => {
    const result = await context.api.query(`{ kommune(nr:"1507"){ successors { nr name } } search(text:"Haram", types:[KOMMUNE]) { id } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.kommune.successors).toEqual(expect.arrayContaining([{ nr: '1508', name: 'Ålesund' }, { nr: '1580', name: 'Haram' }]));
    expect(result.data.kommune.successors).toHaveLength(2);
    expect(result.data.search.map((hit: { id: string }) => hit.id)).toContain('Kommune:1507');
  });

  it('returns null for an unknown number and BAD_USER_INPUT for a malformed one', async () => {
    expect((await context.api.query(`{ kommune(nr:"9998"){ id } }`)).data.kommune).toBeNull();
    for (const nr of ['30', '30066', 'abcd', '', "3006' OR 1=1"]) {
      const result = await context.api.query(`query($nr:String!){ kommune(nr:$nr){ id } }`, { nr });
      expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.data?.kommune ?? null).toBeNull();
    }
  });

  it('holds names in every language Kartverket lists', async () => {
    const result = await context.api.query(`{ kommune(nr:"5437"){ name officialName validNames samiArea } }`);
    expect(result.data.kommune.samiArea).toBe(true);
    expect(result.data.kommune.validNames.length).toBeGreaterThan(1);
    expect(result.data.kommune.officialName).toContain(' - ');
  });
});

describe('lists and pagination', () => {
  it('has 11 fylker and 356 kommuner', async () => {
    const result = await context.api.query(`{ fylker { nr name kommuner { nr } } kommuner(first: 0) { totalCount } }`);
    expect(result.data.fylker).toHaveLength(11);
    expect(result.data.kommuner.totalCount).toBe(356);
    const perFylke = result.data.fylker.reduce((sum: number, f: { kommuner: unknown[] }) => sum + f.kommuner.length, 0);
    expect(perFylke).toBe(356);
  });

  it.each(['NR', 'NAME', 'POPULATION_DESC'])('pages through all kommuner ordered by %s without repeats', async (orderBy) => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const result: any = await context.api.query(
        `query($after:String,$orderBy:KommuneOrder){ kommuner(first: 77, after: $after, orderBy: $orderBy) {
          edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`,
        { after, orderBy },
      );
      expect(result.errors).toBeUndefined();
      seen.push(...result.data.kommuner.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!result.data.kommuner.pageInfo.hasNextPage) break;
      after = result.data.kommuner.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(356);
    expect(new Set(seen).size).toBe(356);
  });

  it('orders by population and filters by fylke', async () => {
    const largest = await context.api.query(`{ kommuner(first: 2, orderBy: POPULATION_DESC) { edges { node { name } } } }`);
    expect(largest.data.kommuner.edges.map((e: any) => e.node.name)).toEqual(['Oslo', 'Bergen']);
    const viken = await context.api.query(`{ kommuner(fylke: "30", first: 500) { totalCount edges { node { fylke { nr } } } } }`);
    expect(viken.data.kommuner.totalCount).toBe(viken.data.kommuner.edges.length);
    expect(viken.data.kommuner.edges.every((e: any) => e.node.fylke.nr === '30')).toBe(true);
  });

  it('refuses bad paging arguments with BAD_USER_INPUT', async () => {
    expect(codesOf(await context.api.query(`{ kommuner(first: 501) { totalCount } }`))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await context.api.query(`{ kommuner(first: -1) { totalCount } }`))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await context.api.query(`{ kommuner(after: "not-a-cursor") { totalCount } }`))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await context.api.query(`{ kommuner(fylke: "Viken") { totalCount } }`))).toEqual(['BAD_USER_INPUT']);
  });

  it('lists clusters, schools, events, initiatives and companies as connections', async () => {
    const result = await context.api.query(`{
      clusters(first: 100) { totalCount edges { node { id kind } } }
      nce: clusters(kind: NCE, first: 100) { edges { node { kind } } }
      schools(kommune: "3006", first: 100) { edges { node { id } } }
      events(first: 10) { edges { node { id } } }
      initiatives(kommune: "0604") { totalCount edges { node { id } } }
      companies(search: "kongsberg", first: 50) { totalCount edges { node { id name } } }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.clusters.totalCount).toBe(result.data.clusters.edges.length);
    expect(result.data.nce.edges.every((e: any) => e.node.kind === 'NCE')).toBe(true);
    expect(result.data.schools.edges.map((e: any) => e.node.id)).toContain('School:usn-kongsberg');
    expect(result.data.events.edges.map((e: any) => e.node.id)).toContain('Event:kongsberg-agenda-2022');
    expect(result.data.initiatives.edges.map((e: any) => e.node.id).sort()).toEqual(['Initiative:industripiloten', 'Initiative:kongsbergskolen']);
    expect(result.data.companies.edges.map((e: any) => e.node.id)).toContain('Company:943753709');
  });
});

describe("Kongsberg's cooperation ecosystem", () => {
  it('links the kommune to its clusters, schools, events and initiatives, each with sources', async () => {
    const result = await context.api.query(`{ kommune(nr: "3006") {
      clusters { id name sources { url } }
      schools { id kind }
      events { id }
      initiatives { id sources { url publisher } }
      companies(first: 50) { totalCount edges { node { id memberships { id } } } }
      collaborations { id members { nr } }
    } }`);
    expect(result.errors).toBeUndefined();
    const k = result.data.kommune;
    expect(k.clusters.map((c: any) => c.id)).toContain('Cluster:nce-systems-engineering');
    expect(k.clusters.every((c: any) => c.sources.length > 0)).toBe(true);
    expect(k.schools.map((s: any) => s.id)).toContain('School:usn-kongsberg');
    expect(k.events.map((e: any) => e.id)).toContain('Event:kongsberg-agenda-2022');
    expect(k.initiatives.map((i: any) => i.id)).toEqual(expect.arrayContaining(['Initiative:industripiloten', 'Initiative:kongsbergskolen']));
    expect(k.initiatives.flatMap((i: any) => i.sources.map((s: any) => s.url))).toContain('https://www.kongsberg.no/kongsberg-er-kompetanse/');
    expect(k.companies.totalCount).toBeGreaterThan(0);
    expect(k.collaborations.every((c: any) => c.members.some((m: any) => m.nr === '3006'))).toBe(true);
  });

  it('resolves every contract id through node()', async () => {
    const ids = ['Kommune:3006', 'Fylke:30', 'Company:943753709', 'Cluster:nce-systems-engineering',
      'School:usn-kongsberg', 'Event:kongsberg-agenda-2022', 'Initiative:industripiloten'];
    for (const id of ids) {
      const result = await context.api.query(`query($id:ID!){ node(id:$id){ id __typename ... on Entity { name sources { title publisher } } } }`, { id });
      expect(result.errors, id).toBeUndefined();
      expect(result.data.node.id).toBe(id);
      expect(result.data.node.sources.length, id).toBeGreaterThan(0);
    }
  });

  it('answers null for an unknown id and BAD_USER_INPUT for a malformed one', async () => {
    expect((await context.api.query(`{ node(id: "Kommune:0000") { id } }`)).data.node).toBeNull();
    expect(codesOf(await context.api.query(`{ node(id: "3006") { id } }`))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await context.api.query(`{ node(id: "Planet:earth") { id } }`))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('cluster members', () => {
  it('pages members by name with keyset cursors, consistent with memberCount and the deprecated list', async () => {
    const id = 'Cluster:industrilederforum';
    const all = await context.api.query(`query($id:ID!){ node(id:$id){ ... on Cluster { memberCount members { id } } } }`, { id });
    expect(all.errors).toBeUndefined();
    const { memberCount, members } = all.data.node;
    expect(memberCount).toBe(members.length);
    expect(memberCount).toBeGreaterThan(3);

    const seen: { id: string; name: string }[] = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page += 1) {
      const result: any = await context.api.query(
        `query($id:ID!,$after:String){ node(id:$id){ ... on Cluster { membersConnection(first: 3, after: $after) {
          totalCount edges { cursor node { __typename id name } } pageInfo { hasNextPage hasPreviousPage endCursor } } } } }`,
        { id, after },
      );
      expect(result.errors).toBeUndefined();
      const connection = result.data.node.membersConnection;
      expect(connection.totalCount).toBe(memberCount);
      expect(connection.pageInfo.hasPreviousPage).toBe(after !== null);
      expect(connection.edges.length).toBeLessThanOrEqual(3);
      seen.push(...connection.edges.map((e: any) => e.node));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen.map((m) => m.id).sort()).toEqual(members.map((m: { id: string }) => m.id).sort());
    const byNameThenId = [...seen].sort((a, b) => (a.name === b.name ? (a.id < b.id ? -1 : 1) : a.name < b.name ? -1 : 1));
    expect(seen).toEqual(byNameThenId);
  });

  it('refuses a cursor it did not issue and pages of more than 500', async () => {
    const query = `query($after:String,$first:Int){ node(id:"Cluster:nce-systems-engineering"){ ... on Cluster { membersConnection(first:$first, after:$after) { totalCount } } } }`;
    expect(codesOf(await context.api.query(query, { after: 'not-a-cursor', first: 5 }))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await context.api.query(query, { after: null, first: 501 }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('rankings and indicators', () => {
  it('lists the contract indicators with their kinds', async () => {
    const result = await context.api.query(`{ indicators { key kind unit higherIsBetter years sources { title } } }`);
    const byKey = new Map(result.data.indicators.map((i: any) => [i.key, i]));
    for (const key of ['kommune-nm/total', 'kommune-nm/naeringsliv', 'kommune-nm/arbeidsmarked', 'kommune-nm/demografi', 'kommune-nm/kompetanse', 'kommune-nm/kommuneokonomi']) {
      expect(byKey.get(key), key).toMatchObject({ kind: 'RANK', higherIsBetter: false });
    }
    expect(byKey.get('ssb/higher-education-share')).toMatchObject({ kind: 'VALUE', years: [2018] });
    expect(byKey.get('ssb/long-higher-education-share')).toMatchObject({ kind: 'VALUE', years: [2018, 2021] });
    expect(byKey.get('udir/grunnskolepoeng')).toMatchObject({ kind: 'VALUE', years: [2016, 2017, 2018, 2019, 2020, 2021] });
    expect(byKey.get('kommune-nm/kompetanse')).toMatchObject({ years: expect.arrayContaining([2021, 2022]) });
  });

  it('puts Kongsberg first on Kompetanse in 2022, backed by NHO and the kommune article', async () => {
    const result = await context.api.query(`{ ranking(indicator: "kommune-nm/kompetanse", edition: 2022) {
      totalCount edges { node { rank scope edition dataYear kommune { name } sources { url publisher } } } } }`);
    expect(result.errors).toBeUndefined();
    const first = result.data.ranking.edges[0].node;
    expect(first).toMatchObject({ rank: 1, scope: 'NATIONAL', edition: 2022, dataYear: 2021, kommune: { name: 'Kongsberg' } });
    const urls = first.sources.map((s: any) => s.url);
    expect(urls).toContain('https://www.kongsberg.no/kongsberg-er-kompetanse/');
    expect(urls.some((u: string) => u.startsWith('https://www.nho.no/'))).toBe(true);
    const ranks = result.data.ranking.edges.map((e: any) => e.node.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it("keeps Kongsberg's ranks published under its pre-2020 number", async () => {
    const result = await context.api.query(`{ kommune(nr: "3006") { rankings(indicator: "kommune-nm/total") { edition rank scope publishedNr } } }`);
    const editions = result.data.kommune.rankings.map((r: any) => r.edition);
    expect(editions).toEqual(expect.arrayContaining([2014, 2017, 2021]));
    expect(result.data.kommune.rankings.find((r: any) => r.edition === 2017)).toMatchObject({ rank: 11, publishedNr: '0604' });
  });

  it("shows Kongsberg's history over the editions 2014, 2017, 2021 and 2022, newest first", async () => {
    const result = await context.api.query(`{ kommune(nr: "3303") { rankings { edition indicator { key } rank scopeName mappingNote } } }`);
    const editions = result.data.kommune.rankings.map((r: any) => r.edition);
    expect([...new Set(editions)]).toEqual([2022, 2021, 2017, 2014]);
    expect(result.data.kommune.rankings.filter((r: any) => r.edition < 2020).every((r: any) => r.mappingNote)).toBe(true);
  });

  it('orders a fylke table nationally and gives places within the fylke', async () => {
    const result = await context.api.query(`{ ranking(indicator: "kommune-nm/total", edition: 2021, fylke: "30") {
      edges { node { rank placeInFylke kommune { name } } } } }`);
    const rows = result.data.ranking.edges.map((e: any) => e.node);
    expect(rows[0]).toMatchObject({ rank: 1, placeInFylke: 1, kommune: { name: 'Bærum' } });
    expect(rows.find((r: any) => r.kommune.name === 'Kongsberg')).toMatchObject({ rank: 8, placeInFylke: 2 });
  });

  it('ranks fylker among fylker on request', async () => {
    const result = await context.api.query(`{ ranking(indicator: "kommune-nm/total", edition: 2022, level: FYLKE) { edges { node { rank rankedFylke { name } kommune { name } } } } }`);
    expect(result.data.ranking.edges[0].node).toEqual({ rank: 1, rankedFylke: { name: 'Oslo' }, kommune: null });
  });

  it('refuses an unknown indicator with BAD_USER_INPUT listing the valid keys', async () => {
    expect(codesOf(await context.api.query(`{ ranking(indicator: "nope", edition: 2022) { totalCount } }`))).toEqual(['BAD_USER_INPUT']);
  });

  it('returns measured values with their sources', async () => {
    const result = await context.api.query(`{ kommune(nr: "3006") { values(indicator: "ssb/higher-education-share") { year value sources { publisher } } } }`);
    expect(result.data.kommune.values).toEqual([{ year: 2018, value: 37.8, sources: [expect.objectContaining({ publisher: expect.stringMatching(/SSB|Statistisk/) })] }]);
  });
});

describe('search', () => {
  it.each(['baerum', 'Bærum', 'BÆRUM', 'bæ'])('finds Bærum for "%s"', async (text) => {
    const result = await context.api.query(`query($text:String!){ search(text:$text, types:[KOMMUNE]) { id type label score entity { id } } }`, { text });
    expect(result.errors).toBeUndefined();
    expect(result.data.search[0]).toMatchObject({ id: 'Kommune:3024', type: 'KOMMUNE', label: 'Bærum' });
  });

  it('finds Kongsberg across types, kommune first', async () => {
    const result = await context.api.query(`{ search(text: "kongsberg", first: 30) { id type } }`);
    const ids = result.data.search.map((h: any) => h.id);
    expect(ids[0]).toBe('Kommune:3006');
    expect(new Set(result.data.search.map((h: any) => h.type)).size).toBeGreaterThan(2);
  });

  it('finds Sami names and treats query syntax as text', async () => {
    const sami = await context.api.query(`{ search(text: "Guovdageaidnu") { id } }`);
    expect(sami.data.search.map((h: any) => h.id)).toContain('Kommune:5430');
    const syntax = await context.api.query(`{ search(text: "*:* OR name:x\\") MATCH (n) DETACH DELETE n") { id } }`);
    expect(syntax.errors).toBeUndefined();
    expect(codesOf(await context.api.query(`query($t:String!){ search(text: $t) { id } }`, { t: 'x'.repeat(201) }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('round trips', () => {
  async function roundTrips(first: number): Promise<number> {
    let count = 0;
    const stop = context.db.observe(() => { count += 1; });
    try {
      const result = await context.api.query(`query($first:Int){ kommuner(first:$first){ edges{ node{
        fylke{ name } clusters{ name } rankings{ rank } schools { name } population
        companies(first: 3) { totalCount edges { node { name memberships { name } } } }
        values(indicator: "ssb/population") { value } sources { title }
      } } } }`, { first });
      expect(result.errors).toBeUndefined();
      expect(result.data.kommuner.edges).toHaveLength(first);
    } finally {
      stop();
    }
    return count;
  }

  it('does not grow with the page size (DataLoaders batch with UNWIND)', async () => {
    const small = await roundTrips(5);
    const large = await roundTrips(50);
    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(12);
  });

  const counted = (query: string, variables?: Record<string, unknown>) => countedQuery(context, query, variables);

  const KOMMUNE_PAGE = `
    id nr name population
    fylke { id nr name }
    rankings { id edition rank scope indicator { key name } }
    clusters { id name kind }
    companies(first: 5, after: $after) { edges { cursor node { id name memberships { id name } } } pageInfo { hasNextPage endCursor } }`;

  it('reads a kommune page in one round trip, by number or by id, with the answer the loaders give', async () => {
    const first = await counted(`query($nr:String!,$after:String){ kommune(nr:$nr){ ${KOMMUNE_PAGE} } }`, { nr: '3006', after: null });
    expect(first.trips).toBe(1);
    // `node` plans the same reads from its selection: one round trip too.
    const byId = await counted(`query($id:ID!,$after:String){ node(id:$id){ ... on Kommune { ${KOMMUNE_PAGE} } } }`, { id: 'Kommune:3006', after: null });
    expect(byId.trips).toBe(1);
    // `nodes` reads each field through its loader, batched: the answer the look-ahead must give.
    const loaded = await counted(`query($id:ID!,$after:String){ nodes(ids:[$id]){ ... on Kommune { ${KOMMUNE_PAGE} } } }`, { id: 'Kommune:3006', after: null });
    expect(loaded.trips).toBeGreaterThan(1);
    expect(first.data.kommune).toEqual(loaded.data.nodes[0]);
    expect(byId.data.node).toEqual(loaded.data.nodes[0]);
    expect(first.data.kommune.rankings.length).toBeGreaterThan(0);
    expect(first.data.kommune.companies.edges.some((e: any) => e.node.memberships.length > 0)).toBe(true);

    // The next page, by a number of another era and through a fragment: still one round trip.
    const after = first.data.kommune.companies.pageInfo.endCursor;
    const next = await counted(`query($nr:String!,$after:String){ kommune(nr:$nr){ ...page } }
      fragment page on Kommune { ${KOMMUNE_PAGE} }`, { nr: '0604', after });
    const nextLoaded = await counted(`query($id:ID!,$after:String){ nodes(ids:[$id]){ ... on Kommune { ${KOMMUNE_PAGE} } } }`, { id: 'Kommune:3006', after });
    expect(next.trips).toBe(1);
    expect(next.data.kommune).toEqual(nextLoaded.data.nodes[0]);
  });

  it('prefetches what @skip and @include leave selected: { kommune(nr:"3006") { companies(first: 3) @include(if: $with) { … memberships @skip(if: $with) } } }', async () => {
    const query = `query($with: Boolean!) { kommune(nr: "3006") {
      name
      companies(first: 3) @include(if: $with) { edges { node { id memberships @skip(if: $with) { id } } } }
    } }`;
    const statements: string[] = [];
    const stop = context.db.observe((cypher) => { statements.push(cypher); });
    try {
      const included = await counted(query, { with: true });
      expect(included.trips).toBe(1);
      expect(included.data.kommune.companies.edges).toHaveLength(3);
      const dropped = await counted(query, { with: false });
      expect(dropped.trips).toBe(1);
      expect(dropped.data.kommune.companies).toBeUndefined();
    } finally {
      stop();
    }
    // With the page included its memberships were skipped, so none were read; without it no page was read at all.
    expect(statements).toHaveLength(2);
    expect(statements[0]).toContain('(company:Company)-[:LOCATED_IN]->');
    expect(statements[0]).not.toContain(':MEMBER_OF]');
    expect(statements[1]).not.toContain('(company:Company)');
  });

  it('reads a page of companies with the selected properties only, and whole when a field needs the node', async () => {
    const fields = 'id name orgnr sources { id }';
    const projected = await counted(`{ kommune(nr: "3006") { companies(first: 3) { edges { node { ${fields} } } } } }`);
    expect(projected.statements[0]).toContain('[company.id, company.key, company.name, company.orgnr, company.sourceIds, labels(company)]');
    // `network` reads the analyze job's measures: not in the table, so the companies are read whole.
    const whole = await counted(`{ kommune(nr: "3006") { companies(first: 3) { edges { node { ${fields} network { degree } } } } } }`);
    expect(whole.statements[0]).toContain('company{.*, labels: labels(company)}');
    const withoutNetwork = whole.data.kommune.companies.edges.map(({ node: { network: _network, ...rest } }: any) => rest);
    expect(withoutNetwork).toEqual(projected.data.kommune.companies.edges.map((edge: any) => edge.node));
    expect(projected.data.kommune.companies.edges[0].node.sources.length).toBeGreaterThan(0);
  });

  it('reads a kommune\'s and a fylke\'s rankings with the selected properties only, as the whole entries give them', async () => {
    const fields = 'id edition rank scope indicator { key name }';
    const projected = await counted(`{ kommune(nr: "3006") { rankings { ${fields} } } }`);
    expect(projected.trips).toBe(1);
    expect(projected.statements[0]).toContain('[e.id, e.key, e.name, e.edition, e.rank, e.scope, i.key, s.id, labels(e)]');
    // The same entries, in the same order, as the whole nodes give them.
    const whole = (await findRankingsBySubject(context.db, ['Kommune:3006'])).entries.get('Kommune:3006')!.map(mapRankingEntry);
    expect(projected.data.kommune.rankings.map((entry: any) => [entry.id, entry.edition, entry.rank, entry.scope, entry.indicator.key]))
      .toEqual(whole.map((entry) => [entry.id, entry.edition, entry.rank, entry.scope, entry.indicatorKey]));
    expect(projected.data.kommune.rankings.length).toBeGreaterThan(4);
    expect(projected.data.kommune.rankings).toContainEqual({
      id: expect.any(String), edition: 2022, rank: 1, scope: 'NATIONAL', indicator: { key: 'kommune-nm/kompetanse', name: expect.any(String) },
    });
    // Two aliases asking different fields each get the entries they read; the filters still apply.
    const aliases = await counted(`{ kommune(nr: "3006") {
      a: rankings(indicator: "kommune-nm/kompetanse", edition: 2022) { rank }
      b: rankings(indicator: "kommune-nm/kompetanse", edition: 2022) { rank score note }
      fylke { rankings { edition rank } }
    } }`);
    expect(aliases.data.kommune.a).toEqual([{ rank: 1 }]);
    expect(aliases.data.kommune.b).toHaveLength(1);
    expect(Object.keys(aliases.data.kommune.b[0])).toEqual(['rank', 'score', 'note']);
    expect(aliases.statements.some((cypher) => cypher.includes('e.score, e.note'))).toBe(true);
    expect(aliases.data.kommune.fylke.rankings.every((entry: any) => Number.isInteger(entry.edition) && Number.isInteger(entry.rank))).toBe(true);
  });

  it('leaves a company page that its field refuses to the field, which reports it at its path', async () => {
    const result = await context.api.query('{ kommune(nr: "3006") { name companies(first: 501) { edges { cursor } } } }');
    expect(result.errors?.[0]?.path).toEqual(['kommune', 'companies']);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // `companies` is non-null, so the error nulls the kommune, as GraphQL prescribes.
    expect(result.data?.kommune).toBeNull();
  });

  it('still answers kommune fields the lookup did not prefetch', async () => {
    const result = await counted(`{ kommune(nr:"3006"){
      a: companies(first: 2) { edges { node { id } } }
      b: companies(first: 3) { edges { node { id memberships { id } } } }
      rankings(indicator: "kommune-nm/kompetanse", edition: 2022) { rank indicator { key } }
    } }`);
    expect(result.data.kommune.a.edges).toHaveLength(2);
    expect(result.data.kommune.b.edges.map((e: any) => e.node.id).slice(0, 2)).toEqual(result.data.kommune.a.edges.map((e: any) => e.node.id));
    expect(result.data.kommune.rankings).toEqual([{ rank: 1, indicator: { key: 'kommune-nm/kompetanse' } }]);
  });

  it('answers a search across every entity type in one round trip', async () => {
    const { data, trips } = await counted('{ search(text: "kongsberg", first: 20) { id type label score entity { id ... on Entity { name } } } }');
    expect(trips).toBe(1);
    expect(new Set(data.search.map((hit: any) => hit.type)).size).toBeGreaterThan(2);
  });

  it('reads a ranking page with its kommuner in one wave of two round trips', async () => {
    const { data, trips } = await counted(`{ indicator(key: "kommune-nm/kompetanse") { key name }
      ranking(indicator: "kommune-nm/kompetanse", edition: 2022, first: 50) { edges { node { rank kommune { name } indicator { key } } } } }`);
    expect(trips).toBe(2);
    expect(data.ranking.edges[0].node).toEqual({ rank: 1, kommune: { name: 'Kongsberg' }, indicator: { key: 'kommune-nm/kompetanse' } });
  });

  it('reads only the selected properties of a ranking page and never hands a partial kommune to another field: { ranking { … kommune { name } } node(id: "Kommune:3006") { … population } }', async () => {
    const statements: string[] = [];
    const stop = context.db.observe((cypher) => { statements.push(cypher); });
    let result;
    try {
      result = await context.api.query(`{
        ranking(indicator: "kommune-nm/kompetanse", edition: 2022, first: 3) { edges { node { rank kommune { id name } } } }
        node(id: "Kommune:3006") { ... on Kommune { name officialName population(year: 2022) location { lat } } }
      }`);
    } finally {
      stop();
    }
    expect(result.errors).toBeUndefined();
    expect(result.data.ranking.edges[0].node.kommune).toEqual({ id: 'Kommune:3006', name: 'Kongsberg' });
    expect(result.data.node).toEqual({ name: 'Kongsberg', officialName: 'Kongsberg', population: 27879, location: { lat: expect.any(Number) } });
    const page = statements.find((cypher) => cypher.includes(':RANKS]->(s:Kommune)'))!;
    expect(page).toContain('[s.id, s.key, s.name, s.nr, labels(s)]');
    expect(page).not.toContain('.*');
    // A field that needs the whole kommune (`population`, every year) reads it whole.
    const whole = await countedQuery(context, '{ ranking(indicator: "kommune-nm/kompetanse", edition: 2022, first: 1) { edges { node { kommune { population } } } } }');
    expect(whole.data.ranking.edges[0].node.kommune.population).toBe(27879);
    expect(whole.statements.find((cypher) => cypher.includes(':RANKS]->(s:Kommune)'))).toContain('s{.*, labels: labels(s)}');
  });

  it('reads a page of cluster members and the count without loading every member, in one round trip', async () => {
    const query = `query($id: ID!, $after: String) { node(id: $id) { id ... on Cluster {
      memberCount membersConnection(first: 2, after: $after) { totalCount edges { cursor node { __typename id name } } pageInfo { hasNextPage endCursor } }
      kommune { name } members { id } } } }`;
    const { data, trips } = await counted(query, { id: 'Cluster:industrilederforum', after: null });
    expect(trips).toBe(1);
    expect(data.node.memberCount).toBeGreaterThan(2);
    expect(data.node.membersConnection.totalCount).toBe(data.node.memberCount);
    expect(data.node.membersConnection.edges).toHaveLength(2);
    expect(data.node.members).toHaveLength(data.node.memberCount);
    // The next page, read ahead with the cursor, is the page the loaders give.
    const after = data.node.membersConnection.pageInfo.endCursor;
    const next = await counted(query, { id: 'Cluster:industrilederforum', after });
    const loaded = await counted(query.replace('node(id: $id)', 'nodes(ids: [$id])'), { id: 'Cluster:industrilederforum', after });
    expect(next.trips).toBe(1);
    expect(loaded.trips).toBeGreaterThan(1);
    expect(next.data.node).toEqual(loaded.data.nodes[0]);
    const firstPage = data.node.membersConnection.edges.map((e: any) => e.node.id);
    expect(next.data.node.membersConnection.edges.map((e: any) => e.node.id).some((id: string) => firstPage.includes(id))).toBe(false);
  });

  it('leaves a member page that its field refuses to the field: { node(id: "Cluster:…") { … membersConnection(after: "not a cursor") } }', async () => {
    const result = await context.api.query('{ node(id: "Cluster:industrilederforum") { ... on Cluster { name membersConnection(after: "not a cursor") { edges { cursor } } } } }');
    expect(result.errors?.[0]?.path).toEqual(['node', 'membersConnection']);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('HTTP', () => {
  it('serves health, the start page and GraphQL over GET and POST', async () => {
    const base = await context.api.listen();
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
    const page = await fetch(`${base}/`);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    // Nothing on the page may load from elsewhere: it must work offline.
    expect(await page.text()).not.toMatch(/<(script|link|img)[^>]+(src|href)="(https?:)?\/\//);
    const get = await fetch(`${base}/graphql?query=${encodeURIComponent('{ kommune(nr:"3006"){ name } }')}`, { headers: { accept: 'application/graphql-response+json' } });
    expect(get.status).toBe(200);
    expect(await get.json()).toEqual({ data: { kommune: { name: 'Kongsberg' } } });
    const post = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: '{ fylker { nr } }' }),
    });
    expect(((await post.json()) as any).data.fylker).toHaveLength(11);
  });
});
