import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSeeds } from '../src/seed/loadSeeds.js';
import { SEEDS_DIR } from '../src/paths.js';
import { useTestApi } from './support/api.js';

const context = useTestApi();

/** The copied Research Council file, read here with its own small code, apart from the seed parser. */
type Row = Record<string, string>;
let rows: Row[];
let kommuneNrs: Set<string>;

beforeAll(async () => {
  const text = await readFile(path.join(SEEDS_DIR, 'cooperation', 'rcn_horizon2020_norwegian_participations.csv'), 'utf8');
  rows = parse(text, { columns: true, delimiter: ';', bom: true }) as Row[];
  kommuneNrs = new Set((await context.db.read<{ nr: string }>('MATCH (k:Kommune) RETURN k.nr AS nr')).map((row) => row.nr));
});

/** The row's kommune when it is one of 2020–2023; Svalbard 2100 and empty addresses are none. */
function kommuneOf(row: Row): string | null {
  const nr = (row['Adresse kommunenummer'] ?? '').padStart(4, '0');
  return kommuneNrs.has(nr) ? nr : null;
}

function orgOf(row: Row): string {
  return row.Organisasjonsnummer || `unknown-${row.Prosjektnr}-${row.Deltakernr}`;
}

/** The 2022 values (every project with a start date) of one kommune, counted from the rows. */
function expectedFor(nr: string): Record<string, number> {
  const dated = rows.filter((row) => row['Kontrakt startdato'] !== '');
  const own = dated.filter((row) => kommuneOf(row) === nr);
  const projects = new Set(own.map((row) => row.Prosjektnr));
  const partners = new Set<string>();
  const partnerKommuner = new Set<string>();
  let businessResearch = 0;
  for (const project of projects) {
    const members = dated.filter((row) => row.Prosjektnr === project);
    for (const member of members) {
      const k = kommuneOf(member);
      if (k !== null && k !== nr) {
        partners.add(orgOf(member));
        partnerKommuner.add(k);
      }
    }
    const sectors = new Set(members.map((member) => member['FoU sektor']));
    if (sectors.has('Næringsliv') && (sectors.has('UoH-sektor') || sectors.has('Instituttsektor'))) businessResearch += 1;
  }
  return {
    'rcn/h2020/participations': new Set(own.map((row) => `${orgOf(row)}|${row.Prosjektnr}`)).size,
    'rcn/h2020/projects': projects.size,
    'rcn/h2020/granted-eur': Math.round(own.reduce((sum, row) => sum + Number(row['Innvilget beløp organisasjon EUR']), 0) * 100) / 100,
    'rcn/h2020/partner-organisations': partners.size,
    'rcn/h2020/partner-kommuner': partnerKommuner.size,
    'rcn/h2020/business-research-projects': businessResearch,
  };
}

async function storedFor(nr: string, year: number): Promise<Record<string, number>> {
  const stored = await context.db.read<{ key: string; value: number }>(
    `MATCH (:Kommune {nr: $nr})-[v:HAS_VALUE {year: $year}]->(i:Indicator) WHERE i.key STARTS WITH 'rcn/h2020/'
     RETURN i.key AS key, v.value AS value`,
    { nr, year },
  );
  return Object.fromEntries(stored.map((row) => [row.key, row.value]));
}

describe('Horizon 2020 projects', () => {
  it('has HOLISHIP with KONGSBERG MARITIME AS as a participant located in Kongsberg', async () => {
    const result = await context.api.query(`{ node(id: "Project:689074") { ... on Project {
      acronym startDate participations { role grantedEur organisation { id name ... on Company { orgnr kommune { nr } } } } } } }`);
    expect(result.errors).toBeUndefined();
    const project = result.data.node;
    expect(project.acronym).toBe('HOLISHIP');
    const maritime = project.participations.find((p: { organisation: { id: string } }) => p.organisation.id === 'Company:979750730');
    expect(maritime).toMatchObject({ role: 'PARTICIPANT', organisation: { orgnr: '979750730', kommune: { nr: '3006' } } });
    expect(maritime.grantedEur).toBeGreaterThan(0);
  });

  it('finds projects and organisations by search', async () => {
    const result = await context.api.query(`{ search(text: "holiship", types: [PROJECT]) { id } sintef: search(text: "sintef", types: [ORGANISATION]) { id entity { ... on Organisation { kind } } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.search[0].id).toBe('Project:689074');
    expect(result.data.sintef[0].entity.kind).toBe('RESEARCH_INSTITUTE');
  });

  it('keeps every participation, placed or not', async () => {
    const pairs = new Set(rows.map((row) => `${orgOf(row)}|${row.Prosjektnr}`));
    const unplacedPairs = new Set(rows.filter((row) => kommuneOf(row) === null).map((row) => `${orgOf(row)}|${row.Prosjektnr}`));
    const [counts] = await context.db.read<{ participations: number; unplaced: number; unplacedOrgs: number }>(
      `MATCH (a:Entity)-[r:PARTICIPATES_IN_PROJECT]->(:Project)
       WITH a, count(r) AS n, EXISTS { (a)-[:LOCATED_IN]->(:Kommune) } AS placed
       RETURN sum(n) AS participations, sum(CASE WHEN placed THEN 0 ELSE n END) AS unplaced, sum(CASE WHEN placed THEN 0 ELSE 1 END) AS unplacedOrgs`,
    );
    expect(counts!.participations).toBe(pairs.size);
    expect(counts!.unplaced).toBe(unplacedPairs.size);
    expect(counts!.unplacedOrgs).toBe(new Set(rows.filter((row) => kommuneOf(row) === null).map(orgOf)).size);
    expect(unplacedPairs.size).toBeGreaterThan(0);
  });
});

describe('the rcn/h2020 measures', () => {
  it.each(['3006', '5001', '0301'])('match a recount from the file for %s in 2022', async (nr) => {
    expect(await storedFor(nr, 2022)).toEqual(expectedFor(nr));
  });

  it('give every kommune a derived value for every indicator and year', async () => {
    const rowsByKey = await context.db.read<{ key: string; kommuner: number; values: number; underived: number }>(
      `MATCH (i:Indicator) WHERE i.key STARTS WITH 'rcn/h2020/'
       MATCH (k:Kommune)-[v:HAS_VALUE]->(i)
       RETURN i.key AS key, count(DISTINCT k) AS kommuner, count(v) AS values,
         count(CASE WHEN v.derived = true AND v.note STARTS WITH 'derived: ' THEN null ELSE 1 END) AS underived ORDER BY key`,
    );
    expect(rowsByKey).toHaveLength(6);
    for (const row of rowsByKey) expect(row).toMatchObject({ kommuner: 356, values: 356 * 9, underived: 0 });
  });

  it('never decrease from one year to the next (they are cumulative)', async () => {
    const [row] = await context.db.read<{ decreases: number }>(
      `MATCH (k:Kommune)-[a:HAS_VALUE]->(i:Indicator)<-[b:HAS_VALUE]-(k) WHERE i.key STARTS WITH 'rcn/h2020/' AND b.year = a.year + 1 AND b.value < a.value
       RETURN count(*) AS decreases`,
    );
    expect(row!.decreases).toBe(0);
  });
});

describe('child-welfare collaborations over time', () => {
  it('lists a group of both files with the years [2021, 2023], as integers', async () => {
    const result = await context.api.query(`{ node(id: "Collaboration:bufdir-barnevern-1") { ... on Collaboration { years members { nr } } } }`);
    expect(result.data.node).toEqual({ years: [2021, 2023], members: [{ nr: '1145' }, { nr: '1149' }] });
    const [row] = await context.db.read<{ both: number; memberships: number }>(
      `MATCH (c:Collaboration) WHERE 2021 IN c.years AND 2023 IN c.years
       RETURN count(c) AS both, COUNT { MATCH (:Kommune)-[r:PARTICIPATES_IN]->(:Collaboration) WHERE r.years = [2021, 2023] } AS memberships`,
    );
    expect(row!.both).toBeGreaterThan(40);
    expect(row!.memberships).toBeGreaterThan(100);
  });
});

describe('loading the seeds again', () => {
  it('changes nothing of the research graph', async () => {
    const fingerprint = () => context.db.read(
      `MATCH (p:Project) WITH count(p) AS projects
       MATCH (o:Organisation) WITH projects, count(o) AS organisations
       MATCH ()-[r:PARTICIPATES_IN_PROJECT]->() WITH projects, organisations, count(r) AS participations, round(sum(r.grantedEur), 2) AS granted
       MATCH (:Kommune)-[v:HAS_VALUE]->(i:Indicator) WHERE i.key STARTS WITH 'rcn/h2020/'
       WITH projects, organisations, participations, granted, count(v) AS values, round(sum(v.value), 2) AS total
       MATCH (c:Collaboration) WITH projects, organisations, participations, granted, values, total, c ORDER BY c.id
       RETURN projects, organisations, participations, granted, values, total, collect([c.id, c.years]) AS years`,
    );
    const before = await fingerprint();
    await loadSeeds(context.db);
    expect(await fingerprint()).toEqual(before);
  }, 120_000);
});
