import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRefusal, importFile, type ImportSummary } from '../src/import/index.js';
import { deleteUncitedSources, fixture } from './importSupport.js';
import { useTestApi } from './support/api.js';

/**
 * Cooperation facts against the seeded test graph. Every entity the fixture names has "zzrel" in
 * its id; those are removed afterwards (with their relationships to kommuner), and the sources
 * the import cited once nothing else cites them.
 */
const context = useTestApi();
const cited = new Set<string>();
const EXISTING = 'Company:zzrel-eksisterende-asa';

beforeAll(async () => {
  // An entity the graph already has, to be found by its alias rather than created again.
  await context.db.write(
    `CREATE (:Entity:Company {id: $id, key: 'zzrel-eksisterende-asa', name: 'Zzrel Eksisterende ASA', aliases: ['Zzrel Eksisterende'],
       searchText: 'Zzrel Eksisterende ASA | Zzrel Eksisterende', sourceIds: []})`,
    { id: EXISTING },
  );
});

afterAll(async () => {
  await context.db.write("MATCH (n:Entity) WHERE n.id CONTAINS 'zzrel' DETACH DELETE n");
  await deleteUncitedSources(context.db, [...cited]);
});

async function run(): Promise<ImportSummary> {
  const summary = await importFile(context.db, { format: 'relations', file: fixture('relations/facts.csv'), analyze: false });
  for (const id of summary.sourceIds) cited.add(id);
  return summary;
}

describe('relations', () => {
  it('loads typed relationships with their sources, finding kommuner and known entities, refusing what the model lacks', async () => {
    const summary = await run();
    expect(summary.refused.map(describeRefusal)).toEqual([
      'line 10: subject: "Herøy" names several kommuner (1515 Herøy, 1818 Herøy); write the number',
      'line 11: object_type: type "Building" is not one the model has (Company, Cluster, Network, Organization, Organisation, School, University, Event, Project, Initiative, Kommune)',
      'line 12: subject: "Zzrel Klynge" is not in the graph and its kind is unknown; write Cluster/<KIND> (NCE, GCE, ARENA, ARENA_PRO, CATAPULT, INDUSTRY_NETWORK, BUSINESS_ASSOCIATION) as its type',
      'line 13: the model has no MEETS from Company to Kommune',
      'line 14: duplicate of line 2 (Company:zzrel-maskin-as MEMBER_OF Cluster:zzrel-industrinettverk https://example.org/zzrel/nettverk)',
      'line 15: date "2023-02-30" is not a date written YYYY, YYYY-MM or YYYY-MM-DD',
      'line 16: no entity Company:zzrel-finnes-ikke in the graph; give its name to create it',
    ]);
    expect([summary.created, summary.updated, summary.unchanged]).toEqual([8, 0, 0]);

    const links = await context.db.read<{ from: string; type: string; to: string; note: string | null; sources: (string | null)[] }>(
      `MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id CONTAINS 'zzrel' OR b.id CONTAINS 'zzrel'
       RETURN a.id AS from, type(r) AS type, b.id AS to, r.note AS note, COLLECT { MATCH (s:Source) WHERE s.id IN r.sourceIds RETURN s.url } AS sources
       ORDER BY from, type, to`,
    );
    expect(links).toEqual([
      { from: 'Cluster:nce-zzrel-systems', type: 'LOCATED_IN', to: 'Kommune:3006', note: expect.stringMatching(/^published with the 2024 number 3303 .*; host kommune given by its 2024 number$/), sources: ['https://example.org/zzrel/nce'] },
      { from: 'Cluster:zzrel-industrinettverk', type: 'MEETS', to: 'Kommune:3006', note: 'object as written: "Kongsberg kommune (formannskapet)"; annual meeting with the formannskap', sources: ['https://example.org/zzrel/mote'] },
      { from: EXISTING, type: 'MEMBER_OF', to: 'Cluster:zzrel-industrinettverk', note: 'found by its alias', sources: ['https://example.org/zzrel/nettverk'] },
      { from: 'Company:zzrel-maskin-as', type: 'LOCATED_IN', to: 'Kommune:3006', note: null, sources: ['https://example.org/zzrel/nettverk'] },
      { from: 'Company:zzrel-maskin-as', type: 'MEMBER_OF', to: 'Cluster:zzrel-industrinettverk', note: 'founding member', sources: ['https://example.org/zzrel/nettverk'] },
      { from: 'Company:zzrel-maskin-as', type: 'PARTNER_OF', to: 'Event:zzrel-agenda-2088', note: null, sources: ['https://example.org/zzrel/agenda'] },
      { from: 'Event:zzrel-agenda-2088', type: 'LOCATED_IN', to: 'Kommune:3006', note: null, sources: ['https://example.org/zzrel/agenda'] },
      { from: 'School:zzrel-fagskole', type: 'COLLABORATES_WITH', to: 'Company:zzrel-maskin-as', note: 'living lab', sources: [null] },
    ]);
  });

  it('creates entities with the kind their type or name gives, citing the facts they come from, and marks found ones too', async () => {
    const nodes = await context.db.read<{ id: string; kind: string | null; sources: number }>(
      "MATCH (n:Entity) WHERE n.id CONTAINS 'zzrel' RETURN n.id AS id, n.kind AS kind, size(n.sourceIds) AS sources ORDER BY id",
    );
    expect(nodes).toEqual([
      { id: 'Cluster:nce-zzrel-systems', kind: 'NCE', sources: 1 },
      { id: 'Cluster:zzrel-industrinettverk', kind: 'INDUSTRY_NETWORK', sources: 2 },
      { id: EXISTING, kind: null, sources: 1 },
      { id: 'Company:zzrel-maskin-as', kind: null, sources: 3 },
      { id: 'Event:zzrel-agenda-2088', kind: null, sources: 1 },
      { id: 'School:zzrel-fagskole', kind: 'VOCATIONAL_COLLEGE', sources: 1 },
    ]);
    const result = await context.api.query('{ search(text: "zzrel industrinettverk") { id } }');
    expect(result.data.search.map((hit: { id: string }) => hit.id)).toContain('Cluster:zzrel-industrinettverk');
  });

  it('changes nothing when loaded again', async () => {
    const summary = await run();
    expect([summary.created, summary.updated, summary.unchanged, summary.refusedCount]).toEqual([0, 0, 8, 7]);
  });
});
