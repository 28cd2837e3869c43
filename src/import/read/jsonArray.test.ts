import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTextFile } from './decode.js';
import { readJsonArray } from './jsonArray.js';

describe('readJsonArray', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'import-json-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function elementsOf(text: string) {
    const file = path.join(dir, `${Math.random()}.json`);
    await writeFile(file, text);
    const elements = [];
    for await (const chunk of readJsonArray(await openTextFile(file))) elements.push(...chunk);
    return elements;
  }

  it('gives each element with the line it starts on', async () => {
    const elements = await elementsOf('[\n  {"a": 1,\n   "b": "ø"},\n  {"a": 2},\n  3\n]\n');
    expect(elements).toEqual([
      { line: 2, index: 0, value: { a: 1, b: 'ø' } },
      { line: 4, index: 1, value: { a: 2 } },
      { line: 5, index: 2, value: 3 },
    ]);
  });

  it('refuses a file that is not one array', async () => {
    await expect(elementsOf('{"_embedded": {}}')).rejects.toThrow(/expected a JSON array/);
    await expect(elementsOf('[{"a": 1},\n{"a": ')).rejects.toThrow(/not closed/);
  });
});
