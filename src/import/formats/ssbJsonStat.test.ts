import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseJsonStat, selectCells } from './ssbJsonStat.js';

const fixture = new URL('../../../test/fixtures/import/ssb/education-09429.json', import.meta.url);

describe('parseJsonStat', () => {
  it('reads the dimensions and the metadata a source is made from', async () => {
    const dataset = parseJsonStat(await readFile(fixture, 'utf8'));
    expect(dataset.dimensions.map((d) => `${d.id}:${d.categories.length}`)).toEqual(['Region:13', 'Nivaa:3', 'ContentsCode:1', 'Tid:2']);
    expect({ source: dataset.source, updated: dataset.updated, tableId: dataset.tableId, roles: dataset.roles }).toEqual({
      source: 'Statistisk sentralbyrå', updated: '2023-06-19T06:00:00Z', tableId: '09429', roles: { time: 'Tid', metric: 'ContentsCode', geo: 'Region' },
    });
  });

  it('names the line of broken JSON and refuses JSON-stat 1.x', () => {
    expect(() => parseJsonStat('{\n  "id": [\n  oops\n}')).toThrow(/^line 3: the file is not valid JSON/);
    expect(() => parseJsonStat('{"dataset": {"value": []}}')).toThrow('JSON-stat 1.x');
  });

  it('takes sparse values (an object keyed by position)', () => {
    const dataset = parseJsonStat(JSON.stringify({
      class: 'dataset', id: ['Region', 'Tid'], size: [2, 1], value: { 1: 7.5 },
      dimension: { Region: { category: { index: ['K-3006', 'K-0301'] } }, Tid: { category: { index: { 2021: 0 } } } },
    }));
    expect([dataset.value(0), dataset.value(1)]).toEqual([null, 7.5]);
  });
});

describe('selectCells', () => {
  const options = { indicator: 'x/y', filters: {}, sumOver: [] };

  it('asks for a filter or a sum when a dimension would give several values per kommune and year', async () => {
    const dataset = parseJsonStat(await readFile(fixture, 'utf8'));
    expect(() => selectCells(dataset, options)).toThrow('dimension Nivaa (nivå) has 3 categories (01, 03a, 04a): choose one with --filter Nivaa=<code>, or add them up with --sum-over Nivaa');
    expect(() => selectCells(dataset, { ...options, filters: { Nivaa: ['09'] } })).toThrow('--filter Nivaa=09: Nivaa has no category 09 (it has 01, 03a, 04a)');
    expect(() => selectCells(dataset, { ...options, sumOver: ['Tid'] })).toThrow('--sum-over Tid');
  });

  it('describes the reduction for the source and the indicator', async () => {
    const dataset = parseJsonStat(await readFile(fixture, 'utf8'));
    const selection = selectCells(dataset, { ...options, filters: { nivaa: ['03a', '04a'] }, sumOver: ['Nivaa'] });
    expect(selection.description).toBe('nivå: 03a Universitets- og høgskolenivå, kort + 04a Universitets- og høgskolenivå, lang; statistikkvariabel: PersonerProsent Personer (prosent)');
  });
});
