import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { Tx } from '../src/db/database.js';
import { describeRefusal, type EntityChange, importRankingRows } from '../src/import/index.js';
import { deleteUncitedSources } from './importSupport.js';
import { useTestApi } from './support/api.js';

/**
 * The pipeline behind the `importRankings` mutation. Ranks go to edition 2095 of the seeded
 * Kommune-NM indicators, which no seed or other test has; they and the test's source are removed.
 */
const context = useTestApi();
const SOURCE = { title: `zz-rows ${randomUUID().slice(0, 8)}`, url: 'https://example.org/kommune-nm-2095', publisher: 'NHO' };
const cited = new Set<string>();

afterAll(async () => {
  await context.db.write('MATCH (e:RankingEntry {edition: 2095}) DETACH DELETE e');
  await deleteUncitedSources(context.db, [...cited]);
});

const rows = [
  { kommune: '3006', name: 'Kongsberg', rank: 8, scope: 'NATIONAL' as const },
  { kommune: '0604', rank: 2, scope: 'FYLKE' as const, note: 'inferred from the article date' },
  { kommune: '9999', rank: 3, scope: 'NATIONAL' as const },
  { kommune: '3006', rank: 9, scope: 'NATIONAL' as const },
  { kommune: '0301', name: 'Bergen', rank: 1, scope: 'NATIONAL' as const },
];

describe('importRankingRows', () => {
  it('refuses rows by index and lands the rest in one transaction, with the audit hook inside it', async () => {
    const audited: EntityChange[] = [];
    const summary = await importRankingRows(context.db, {
      indicator: 'kommune-nm/total', edition: 2095, rows, source: SOURCE,
      audit: async (tx: Tx, changes) => {
        audited.push(...changes);
        await tx.run('RETURN 1');
      },
    });
    for (const id of summary.sourceIds) cited.add(id);
    expect(summary.refused.map(describeRefusal)).toEqual([
      "row 2: kommunenummer 9999 is not a kommune number of 2020–2023, 2024 or SSB's change list 2011–2020",
      'row 3: duplicate of row 0 (kommune-nm/total, edition 2095, Kommune:3006, NATIONAL)',
      'row 4: name "Bergen" does not match kommunenummer 0301 (Oslo)',
    ]);
    expect([summary.created, summary.written]).toEqual([2, true]);
    expect(audited.map((change) => [change.id, change.before])).toEqual([
      ['RankingEntry:kommune-nm/total/2095/3006/NATIONAL/8', null],
      ['RankingEntry:kommune-nm/total/2095/3006/FYLKE/2', null],
    ]);

    const [fylkeRank] = await context.db.read('MATCH (e:RankingEntry {id: $id}) RETURN e.scopeName AS scopeName, e.publishedNr AS publishedNr, e.inferred AS inferred, e.dataYear AS dataYear', {
      id: 'RankingEntry:kommune-nm/total/2095/3006/FYLKE/2',
    });
    expect(fylkeRank).toEqual({ scopeName: 'Viken', publishedNr: '0604', inferred: true, dataYear: 2094 });
  });

  it('with strict writes nothing, a dry run reports without writing, and a repeat changes nothing', async () => {
    const strict = await importRankingRows(context.db, { indicator: 'kommune-nm/kompetanse', edition: 2095, rows, source: SOURCE, strict: true });
    expect([strict.written, strict.refusedCount, strict.created]).toEqual([false, 3, 0]);
    const dry = await importRankingRows(context.db, { indicator: 'kommune-nm/kompetanse', edition: 2095, rows: rows.slice(0, 2), source: SOURCE, dryRun: true });
    expect([dry.created, dry.written]).toEqual([2, false]);
    expect(await context.db.read("MATCH (e:RankingEntry {edition: 2095})-[:FOR_INDICATOR]->(:Indicator {key: 'kommune-nm/kompetanse'}) RETURN e.id")).toEqual([]);

    const repeat = await importRankingRows(context.db, { indicator: 'kommune-nm/total', edition: 2095, rows: rows.slice(0, 2), source: SOURCE });
    expect([repeat.created, repeat.updated, repeat.unchanged]).toEqual([0, 0, 2]);
  });

  it('throws BAD_USER_INPUT for what concerns every row', async () => {
    await expect(importRankingRows(context.db, { indicator: 'ssb/population', edition: 2095, rows, source: SOURCE }))
      .rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    await expect(importRankingRows(context.db, { indicator: 'kommune-nm/total', edition: 2095, rows, source: { ...SOURCE, url: 'ftp://x' } }))
      .rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argumentName: 'source.url' } });
  });
});
