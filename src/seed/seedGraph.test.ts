import { beforeAll, describe, expect, it } from 'vitest';
import { clusterKind, splitClusterName } from './build/clusters.js';
import { GraphBuilder, NODE_LABELS, RELATIONSHIP_TYPES, type RelationshipType, type GraphFacts, GraphFactError, sourceId } from '../graph/index.js';
import { readSeedGraph } from './loadSeeds.js';
import { assertStorable } from '../graph/validation.js';

const SOURCES = [
  { key: 'a', title: 'A', url: 'https://a/', publisher: 'P', licence: null, note: null },
  { key: 'b', title: 'B', url: 'https://b/', publisher: 'P', licence: null, note: null },
];

describe('sourceId', () => {
  it('depends on title, url, publisher and note only', () => {
    const id = sourceId({ title: 'T', url: null, publisher: 'SSB', note: 'n' });
    expect(id).toMatch(/^Source:[0-9a-f]{16}$/);
    expect(sourceId({ title: 'T', url: null, publisher: 'SSB', note: 'n' })).toBe(id);
    expect(sourceId({ title: 'T', url: null, publisher: 'SSB', note: 'other' })).not.toBe(id);
  });
});

describe('GraphBuilder', () => {
  it('merges a node stated twice and keeps both sources', () => {
    const graph = new GraphBuilder(SOURCES);
    graph.node('Kommune', '3006', { name: 'Kongsberg', note: 'x' }, graph.sources('a'));
    graph.node('Kommune', '3006', { name: 'Kongsberg', note: 'y' }, graph.sources('b'));
    const [node] = graph.build().nodes.Kommune;
    expect(node!.sourceIds).toHaveLength(2);
    expect(node!.props.note).toBe('x | y');
  });

  it('refuses contradicting facts', () => {
    const graph = new GraphBuilder(SOURCES);
    graph.node('Kommune', '3006', { name: 'Kongsberg' }, graph.sources('a'));
    expect(() => graph.node('Kommune', '3006', { name: 'Lier' }, graph.sources('b'))).toThrow(GraphFactError);
  });

  it('counts a relationship as stated when any of its facts states it', () => {
    const graph = new GraphBuilder(SOURCES);
    graph.node('Kommune', '3006', { name: 'Kongsberg' }, graph.sources('a'));
    graph.node('Company', 'x', { name: 'X' }, graph.sources('a', 'b'));
    graph.relationship('LOCATED_IN', 'Company:x', 'Kommune:3006', { inferred: true, note: 'guess' }, graph.sources('a'));
    graph.relationship('LOCATED_IN', 'Company:x', 'Kommune:3006', { note: 'stated' }, graph.sources('b'));
    const [rel] = graph.build().relationships.LOCATED_IN;
    expect(rel!.props).toEqual({ inferred: null, note: 'guess | stated' });
    expect(rel!.sourceIds).toHaveLength(2);
  });

  it('refuses relationships the model does not have, or with a missing end', () => {
    const graph = new GraphBuilder(SOURCES);
    graph.node('Kommune', '3006', { name: 'Kongsberg' }, graph.sources('a', 'b'));
    graph.relationship('LOCATED_IN', 'Kommune:3006', 'Kommune:3006', {}, graph.sources('a'));
    expect(() => graph.build()).toThrow(/no LOCATED_IN from Kommune to Kommune/);
    const other = new GraphBuilder(SOURCES);
    other.node('Kommune', '3006', { name: 'Kongsberg' }, other.sources('a', 'b'));
    other.relationship('IN_FYLKE', 'Kommune:3006', 'Fylke:30', {}, other.sources('a'));
    expect(() => other.build()).toThrow(/Fylke:30 is not a node/);
  });

  it('refuses unknown source keys and unused sources', () => {
    const graph = new GraphBuilder(SOURCES);
    expect(() => graph.sources('nope')).toThrow(/not in seeds\/sources.csv/);
    graph.node('Kommune', '3006', { name: 'Kongsberg' }, graph.sources('a'));
    expect(() => graph.build()).toThrow(/no fact cites: b/);
  });
});

describe('clusterKind', () => {
  it('maps programme levels, taking the latest of several', () => {
    expect(clusterKind('NCE')).toBe('NCE');
    expect(clusterKind('GCE')).toBe('GCE');
    expect(clusterKind('Arena (extended)')).toBe('ARENA');
    expect(clusterKind('Arena Pro')).toBe('ARENA_PRO');
    expect(clusterKind('Norsk katapult')).toBe('CATAPULT');
    expect(clusterKind('Arena (2017); NCE (Nov 2018)')).toBe('NCE');
    expect(() => clusterKind('Cluster of the year')).toThrow(GraphFactError);
  });

  it('splits former names and abbreviations off cluster names', () => {
    expect(splitClusterName('Woodworks (formerly Arena Skog)')).toEqual({ name: 'Woodworks', aliases: ['Arena Skog'] });
    expect(splitClusterName('Manufacturing Technology Norwegian Catapult Centre (NMTC)'))
      .toEqual({ name: 'Manufacturing Technology Norwegian Catapult Centre', aliases: ['NMTC'] });
    expect(splitClusterName('NCE Raufoss')).toEqual({ name: 'NCE Raufoss', aliases: [] });
  });
});

describe('the seed graph', () => {
  let graph: GraphFacts;
  const node = (label: (typeof NODE_LABELS)[number], id: string) => graph.nodes[label].find((n) => n.id === id);

  // Parsing every seed file takes seconds on a busy machine.
  beforeAll(async () => {
    graph = await readSeedGraph();
  }, 120_000);

  it('holds no value the write path would refuse (control characters, over-long names, non-finite numbers)', () => {
    for (const label of NODE_LABELS) {
      for (const n of graph.nodes[label]) assertStorable({ ...n.props, key: n.key, searchText: n.searchText }, n.id);
    }
    for (const type of RELATIONSHIP_TYPES) for (const rel of graph.relationships[type]) assertStorable(rel.props, `${rel.from} -${type}-> ${rel.to}`);
    for (const source of graph.sources) assertStorable({ ...source }, source.id);
  });

  it('has the 2020–2023 division', () => {
    expect(graph.nodes.Kommune).toHaveLength(356);
    expect(graph.nodes.Fylke).toHaveLength(11);
    expect(graph.relationships.IN_FYLKE).toHaveLength(356);
  });

  it('knows Kongsberg in every era', () => {
    expect(node('Kommune', 'Kommune:3006')!.props).toMatchObject({
      name: 'Kongsberg', nr2024: ['3303'], formerNrs: ['0604'], population2022: 27879,
    });
    expect(node('Kommune', 'Kommune:3049')!.props.formerNrs).toEqual(['0626']);
    expect(node('Kommune', 'Kommune:1507')!.props).toMatchObject({ nr2024: ['1508', '1580'], names2024: ['Ålesund', 'Haram'] });
  });

  it('gives every node and relationship a source', () => {
    const sourceIds = new Set(graph.sources.map((s) => s.id));
    for (const label of NODE_LABELS) for (const n of graph.nodes[label]) expect(n.sourceIds.every((id) => sourceIds.has(id)) && n.sourceIds.length > 0).toBe(true);
    for (const type of RELATIONSHIP_TYPES) for (const r of graph.relationships[type]) expect(r.sourceIds.length > 0 && r.sourceIds.every((id) => sourceIds.has(id))).toBe(true);
  });

  it('has the ids the contract names', () => {
    for (const [label, id] of [
      ['Company', 'Company:943753709'], ['Cluster', 'Cluster:nce-systems-engineering'], ['School', 'School:usn-kongsberg'],
      ['School', 'School:usn'], ['Event', 'Event:kongsberg-agenda-2022'], ['Initiative', 'Initiative:industripiloten'],
      ['Initiative', 'Initiative:kongsbergskolen'],
    ] as const) expect(node(label, id), id).toBeDefined();
    expect(graph.relationships.CAMPUS_OF).toContainEqual(expect.objectContaining({ from: 'School:usn-kongsberg', to: 'School:usn' }));
  });

  it('keeps one Kompetanse 2022 entry for Kongsberg with both of its sources', () => {
    const entry = node('RankingEntry', 'RankingEntry:kommune-nm/kompetanse/2022/3006/NATIONAL/1')!;
    const urls = entry.sourceIds.map((id) => graph.sources.find((s) => s.id === id)!.url);
    expect(urls).toEqual(expect.arrayContaining([
      'https://www.nho.no/tema/okonomisk-politikk-og-analyse/artikler/2022/nhos-kommune-nm-sola-kommune-vant-kommune-nm-2022/',
      'https://www.kongsberg.no/kongsberg-er-kompetanse/',
    ]));
    expect(entry.props).toMatchObject({ derived: false, inferred: null, scope: 'NATIONAL', dataYear: 2021 });
  });

  it('marks the derived and the inferred ranks', () => {
    expect(node('RankingEntry', 'RankingEntry:kommune-nm/total/2021/3006/FYLKE/2')!.props).toMatchObject({ derived: true, scopeFylkeNr: '30' });
    expect(node('RankingEntry', 'RankingEntry:kommune-nm/total/2022/3006/NATIONAL/8')!.props).toMatchObject({ derived: false, inferred: true });
    expect(node('RankingEntry', 'RankingEntry:kommune-nm/total/2022/30/NATIONAL/3')).toBeDefined();
  });

  it('holds the 2023 ranks Dagsavisen published for Rogaland kommuner, the edition marked inferred', () => {
    const url = 'https://www.dagsavisen.no/rogalandsavis/2023/08/28/sola-helt-til-topps-kommune-nm-stavanger-pa-5-plass/';
    const urlsOf = (id: string) => node('RankingEntry', id)!.sourceIds.map((sid) => graph.sources.find((s) => s.id === sid)!.url);
    const haugesund = node('RankingEntry', 'RankingEntry:kommune-nm/total/2023/1106/NATIONAL/25')!;
    expect(haugesund.props).toMatchObject({ inferred: true, dataYear: 2022 });
    expect(haugesund.props.note).toContain('edition 2023 inferred');
    expect(urlsOf('RankingEntry:kommune-nm/total/2023/1106/NATIONAL/25')).toEqual([url]);
    expect(node('RankingEntry', 'RankingEntry:kommune-nm/total/2022/1106/NATIONAL/27')!.props).toMatchObject({ inferred: true });
    // NKRF states Sola's 2023 win with its edition, so the entry is not inferred and has both sources.
    expect(node('RankingEntry', 'RankingEntry:kommune-nm/total/2023/1124/NATIONAL/1')!.props.inferred).toBeNull();
    expect(urlsOf('RankingEntry:kommune-nm/total/2023/1124/NATIONAL/1')).toEqual(expect.arrayContaining([url]));
  });

  it('attaches ranks published under a pre-2020 number to today\'s kommune', () => {
    const entry = node('RankingEntry', 'RankingEntry:kommune-nm/total/2014/3049/NATIONAL/10')!;
    expect(entry.props).toMatchObject({ publishedNr: '0626', edition: 2014 });
    expect(entry.props.mappingNote).toContain('0626 Lier → 3049 Lier (2020-01-01)');
  });

  it('marks inferred locations with a note', () => {
    const inferred = graph.relationships.LOCATED_IN.filter((r) => r.props.inferred === true);
    expect(inferred.length).toBeGreaterThan(0);
    for (const r of inferred) expect(typeof r.props.note === 'string' && r.props.note.length > 0).toBe(true);
    expect(graph.relationships.LOCATED_IN).toContainEqual(expect.objectContaining({ from: 'School:hogskolen-i-buskerud', to: 'Kommune:3006' }));
  });

  it('marks as inferred what the sources do not state: place names taken as kommuner, locations, years', () => {
    const rel = (type: RelationshipType, from: string, to: string) => graph.relationships[type].find((r) => r.from === from && r.to === to)!;
    const gceSubsea = rel('LOCATED_IN', 'Cluster:gce-subsea', 'Kommune:4601');
    expect(gceSubsea.props).toMatchObject({ inferred: true });
    expect(gceSubsea.props.note).toContain('"Bergen region", not a kommune');
    expect(rel('LOCATED_IN', 'Cluster:arena-smart-city', 'Kommune:1103').props).toMatchObject({ inferred: true });
    // Stated by NCE SE's own page as well, so not inferred.
    expect(rel('LOCATED_IN', 'Cluster:nce-systems-engineering', 'Kommune:3006').props.inferred).toBeNull();
    for (const [type, from, to] of [
      ['LOCATED_IN', 'Cluster:kongsberg-klyngen', 'Kommune:3006'],
      ['LOCATED_IN', 'Initiative:industripiloten', 'Kommune:3006'],
      ['MEETS', 'Cluster:industrilederforum', 'Kommune:3006'],
      ['PROPOSED', 'Cluster:industrilederforum', 'Initiative:industripiloten'],
      ['CAMPUS_OF', 'School:fagskolen-tinius-olsen', 'School:fagskolen-viken'],
    ] as const) {
      expect(rel(type, from, to).props, `${from} -${type}-> ${to}`).toMatchObject({ inferred: true, note: expect.stringMatching(/inferred/) });
    }
    expect(node('RankingEntry', 'RankingEntry:kommune-nm/total/2020/1124/NATIONAL/1')!.props).toMatchObject({ inferred: true });
  });

  it('maps every Bufdir member to a 2020–2023 kommune, saying how', () => {
    const listed2023 = (years: unknown) => (years as number[]).includes(2023);
    expect(graph.nodes.Collaboration.filter((c) => listed2023(c.props.years))).toHaveLength(64);
    expect(graph.relationships.PARTICIPATES_IN.filter((r) => listed2023(r.props.years))).toHaveLength(204);
    const hamaroy = graph.relationships.PARTICIPATES_IN.find((r) => r.props.publishedNr === '1849')!;
    expect(hamaroy.from).toBe('Kommune:1875');
    const flesberg = graph.relationships.PARTICIPATES_IN.find((r) => r.props.publishedNr === '3334')!;
    expect(flesberg.from).toBe('Kommune:3050');
    expect(flesberg.props.note).toContain('2024 number 3334');
  });

  it('merges the 2021 register groups into the 2023 collaborations by their members', () => {
    const years = (id: string) => node('Collaboration', id)!.props.years;
    // Bokn and Karmøy: the first Bufdir row, the same two kommuner in 2021.
    expect(years('Collaboration:bufdir-barnevern-1')).toEqual([2021, 2023]);
    const only2021 = graph.nodes.Collaboration.filter((c) => !(c.props.years as number[]).includes(2023));
    expect(only2021.length).toBeGreaterThan(0);
    for (const c of only2021) expect(c.id).toMatch(/^Collaboration:barnevern-2021-\d+$/);
    // Farsund's group lists 4213 (Tvedestrand) and 4214 (Froland) by number only: reported, not linked.
    const farsund = graph.relationships.PARTICIPATES_IN.find((r) => r.from === 'Kommune:4206')!;
    expect(graph.relationships.PARTICIPATES_IN.some((r) => r.to === farsund.to && r.from === 'Kommune:4214')).toBe(false);
    expect(node('Collaboration', farsund.to)!.props.note).toContain('4214 Froland (only the number list names it)');
  });

  it('makes searchable text with ASCII spellings', () => {
    expect(node('Kommune', 'Kommune:3024')!.searchText).toContain('Baerum');
    expect(node('RankingEntry', 'RankingEntry:kommune-nm/kompetanse/2022/3006/NATIONAL/1')!.searchText).toBeNull();
  });
});

