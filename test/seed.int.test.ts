import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { applyMigrations, ENTITY_SEARCH_INDEX } from '../src/graph/migrations.js';
import { loadSeeds, seedIfEmpty, type SeedSummary } from '../src/seed/loadSeeds.js';
import { testDatabase } from './support/database.js';

// The seeds stay loaded after this file: other tests read them. Nothing else is created here
// except what one test adds and removes itself.
let db: Database;
let first: SeedSummary;

beforeAll(async () => {
  db = testDatabase();
  await applyMigrations(db);
  first = await loadSeeds(db);
});

afterAll(async () => {
  await db.close();
});

describe('migrations', () => {
  it('can run again and leave the schema as it was', async () => {
    const before = await db.read('SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name');
    await applyMigrations(db);
    await applyMigrations(db);
    expect(await db.read('SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name')).toEqual(before);
    const names = before.map((row) => row.name);
    expect(names).toEqual(expect.arrayContaining(['entity_id', 'kommune_id', 'ranking_entry_id', 'source_id', 'indicator_key']));
  });

  it('creates an online full-text index whose analyzer drops no stop words ("AS", "og", "i" are parts of names; text is folded before it is stored)', async () => {
    const [index] = await db.read<{ state: string; analyzer: string }>(
      `SHOW FULLTEXT INDEXES YIELD name, state, options WHERE name = $name
       RETURN state, options.indexConfig['fulltext.analyzer'] AS analyzer`,
      { name: ENTITY_SEARCH_INDEX },
    );
    expect(index).toEqual({ state: 'ONLINE', analyzer: 'standard-no-stop-words' });
  });
});

describe('loading the seeds', () => {
  it('gives the same counts per label and relationship type when loaded twice', async () => {
    const second = await loadSeeds(db);
    expect(second.nodes).toEqual(first.nodes);
    expect(second.relationships).toEqual(first.relationships);
    expect(second.sources).toBe(first.sources);
  });

  it('holds the 2020–2023 division', async () => {
    expect(first.nodes.Kommune).toBe(356);
    expect(first.nodes.Fylke).toBe(11);
    const [row] = await db.read<{ kommuner: number; fylker: number }>(
      'MATCH (k:Kommune) WITH count(k) AS kommuner MATCH (f:Fylke) RETURN kommuner, count(f) AS fylker',
    );
    expect(row).toEqual({ kommuner: 356, fylker: 11 });
  });

  it('leaves a loaded graph alone in seedIfEmpty', async () => {
    expect(await seedIfEmpty(db)).toBeNull();
  });

  it('keeps sources that someone added to a seeded node', async () => {
    const extra = `Source:seed-int-${randomUUID()}`;
    await db.write('MATCH (k:Kommune {id: "Kommune:3006"}) SET k.sourceIds = k.sourceIds + $extra', { extra });
    try {
      await loadSeeds(db);
      const [row] = await db.read<{ ids: string[] }>('MATCH (k:Kommune {id: "Kommune:3006"}) RETURN k.sourceIds AS ids');
      expect(row!.ids).toContain(extra);
    } finally {
      await db.write('MATCH (k:Kommune {id: "Kommune:3006"}) SET k.sourceIds = [id IN k.sourceIds WHERE id <> $extra]', { extra });
    }
  });
});

describe('Kongsberg', () => {
  it('has its names, fylke, numbers of other eras and population', async () => {
    const [kongsberg] = await db.read(
      `MATCH (k:Kommune {id: 'Kommune:3006'})-[:IN_FYLKE]->(f:Fylke)
       RETURN k.name AS name, f.nr AS fylkeNr, f.name AS fylke, k.nr2024 AS nr2024, k.population2022 AS population2022,
              k.formerNrs AS formerNrs`,
    );
    expect(kongsberg).toMatchObject({ name: 'Kongsberg', fylkeNr: '30', fylke: 'Viken', nr2024: ['3303'], population2022: 27879 });
    expect(kongsberg!.formerNrs).toContain('0604');
  });

  it('is first on Kompetanse in the 2021 and 2022 editions, with the sources saying so', async () => {
    const rows = await db.read<{ edition: number; rank: number; urls: string[] }>(
      `MATCH (k:Kommune {id: 'Kommune:3006'})<-[:RANKS]-(e:RankingEntry {scope: 'NATIONAL'})-[:FOR_INDICATOR]->(:Indicator {key: 'kommune-nm/kompetanse'})
       WHERE e.edition IN [2021, 2022]
       RETURN e.edition AS edition, e.rank AS rank,
              COLLECT { MATCH (s:Source) WHERE s.id IN e.sourceIds RETURN s.url ORDER BY s.url } AS urls
       ORDER BY edition`,
    );
    expect(rows.map(({ edition, rank }) => ({ edition, rank }))).toEqual([{ edition: 2021, rank: 1 }, { edition: 2022, rank: 1 }]);
    expect(rows[0]!.urls).toContain('https://www.kongsberg.no/kongsberg-er-kompetanse/');
    expect(rows[1]!.urls).toEqual(expect.arrayContaining([
      'https://www.nho.no/tema/okonomisk-politikk-og-analyse/artikler/2022/nhos-kommune-nm-sola-kommune-vant-kommune-nm-2022/',
      'https://www.kongsberg.no/kongsberg-er-kompetanse/',
    ]));
  });
});

describe('grunnskolepoeng 2016–2019 on the 2020 kommuner', () => {
  it('gives Sandnes 2016 as the pupil-weighted mean of Sandnes 1102 and Forsand 1129, saying so', async () => {
    const [row] = await db.read<{ value: number; note: string }>(
      `MATCH (:Kommune {id: 'Kommune:1108'})-[v:HAS_VALUE {year: 2016}]->(:Indicator {key: 'udir/grunnskolepoeng'})
       RETURN v.value AS value, v.note AS note`,
    );
    expect(row!.value).toBe(41.29);
    expect(row!.note).toContain('1102 Sandnes 41.3 (910 pupils); 1129 Forsand 40.8 (14 pupils)');
  });

  it('holds a value for every kommune-year whose predecessors all report (349, 345, 347, 345)', async () => {
    const rows = await db.read<{ year: number; kommuner: number }>(
      `MATCH (:Kommune)-[v:HAS_VALUE]->(:Indicator {key: 'udir/grunnskolepoeng'}) WHERE v.year <= 2019
       RETURN v.year AS year, count(*) AS kommuner ORDER BY year`,
    );
    expect(rows).toEqual([{ year: 2016, kommuner: 349 }, { year: 2017, kommuner: 345 }, { year: 2018, kommuner: 347 }, { year: 2019, kommuner: 345 }]);
  });
});

describe('full-text search', () => {
  it.each([
    ['baerum', 'Kommune:3024'],
    ['Bærum', 'Kommune:3024'],
    ['tromso', 'Kommune:5401'],
    ['aalesund', 'Kommune:1507'],
  ])('finds %s', async (text, id) => {
    const rows = await db.read<{ id: string }>(
      `CALL db.index.fulltext.queryNodes($index, $text) YIELD node
       WHERE node:Kommune RETURN node.id AS id LIMIT 1`,
      { index: ENTITY_SEARCH_INDEX, text },
    );
    expect(rows).toEqual([{ id }]);
  });
});

describe('provenance', () => {
  it('gives every entity sources that exist', async () => {
    const [row] = await db.read<{ entities: number; without: string[] }>(
      `MATCH (n:Entity) WHERE n.synthetic IS NULL
       WITH n, [id IN coalesce(n.sourceIds, []) WHERE EXISTS { MATCH (:Source {id: id}) }] AS found
       RETURN count(n) AS entities,
              collect(CASE WHEN size(found) = 0 OR size(found) < size(n.sourceIds) THEN n.id END)[0..10] AS without`,
    );
    expect(row!.entities).toBeGreaterThanOrEqual(first.nodes.Entity!);
    expect(row!.without).toEqual([]);
  });

  it('gives every relationship sources that exist', async () => {
    const [row] = await db.read<{ relationships: number; without: string[] }>(
      `MATCH (a:Entity)-[r]->(b:Entity) WHERE a.synthetic IS NULL AND b.synthetic IS NULL
       WITH a, r, b, [id IN coalesce(r.sourceIds, []) WHERE EXISTS { MATCH (:Source {id: id}) }] AS found
       RETURN count(r) AS relationships,
              collect(CASE WHEN size(found) = 0 OR size(found) < size(r.sourceIds) THEN a.id + ' -' + type(r) + '-> ' + b.id END)[0..10] AS without`,
    );
    expect(row!.relationships).toBeGreaterThanOrEqual(Object.values(first.relationships).reduce((sum, n) => sum + n, 0));
    expect(row!.without).toEqual([]);
  });
});
