import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectEncoding, openTextFile, parseEncoding, readWholeText } from './decode.js';

describe('detectEncoding', () => {
  it('follows a byte order mark', () => {
    expect(detectEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x61]), true)).toEqual({ encoding: 'utf-8', bom: true });
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x61, 0x00]), true)).toEqual({ encoding: 'utf-16le', bom: true });
  });

  it('tells UTF-8 from Windows-1252 by whether the bytes are valid UTF-8', () => {
    expect(detectEncoding(Buffer.from('Bærum;Tromsø', 'utf8'), true).encoding).toBe('utf-8');
    expect(detectEncoding(Buffer.from([0x42, 0xe6, 0x72, 0x75, 0x6d]), true).encoding).toBe('windows-1252');
  });

  it('keeps a UTF-8 file with a stray byte UTF-8, so only the stray byte is lost', () => {
    const mixed = Buffer.concat([Buffer.from('Bærum;', 'utf8'), Buffer.from([0x42, 0xe6, 0x72]), Buffer.from(';Tromsø\n', 'utf8')]);
    expect(detectEncoding(mixed, true).encoding).toBe('utf-8');
  });

  it('forgives a sample that cuts the last character in two, but only when more follows', () => {
    const cut = Buffer.from('Tromsø', 'utf8').subarray(0, -1);
    expect(detectEncoding(cut, false).encoding).toBe('utf-8');
    expect(detectEncoding(cut, true).encoding).toBe('windows-1252');
  });
});

describe('parseEncoding', () => {
  it('knows the names people write', () => {
    expect(parseEncoding('Latin-1')).toBe('latin1');
    expect(parseEncoding('cp1252')).toBe('windows-1252');
    expect(parseEncoding('UTF8')).toBe('utf-8');
    expect(parseEncoding('ebcdic')).toBeUndefined();
  });
});

describe('openTextFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'import-decode-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('strips a BOM and gunzips a .gz download', async () => {
    const file = path.join(dir, 'bom.csv.gz');
    await writeFile(file, gzipSync(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('navn\nBærum\n', 'utf8')])));
    const text = await openTextFile(file);
    expect({ encoding: text.encoding, bom: text.bom, gzip: text.gzip, first: text.firstCharacter }).toEqual({ encoding: 'utf-8', bom: true, gzip: true, first: 'n' });
    expect(await readWholeText(text)).toBe('navn\nBærum\n');
  });

  it('decides by the first 64 KiB, and decodes a stray byte after them as U+FFFD, never the file as Windows-1252', async () => {
    const file = path.join(dir, 'stray.csv');
    const line = 'navn;Bærum kommune\n';
    const lines = Math.ceil((100 * 1024) / Buffer.byteLength(line));
    await writeFile(file, Buffer.concat([Buffer.from(line.repeat(lines), 'utf8'), Buffer.from([0x42, 0xe6, 0x72, 0x0a]), Buffer.from(line, 'utf8')]));
    const text = await readWholeText(await openTextFile(file));
    expect(text.split('\n').slice(-3)).toEqual(['B\uFFFDr', 'navn;Bærum kommune', '']);
    expect(text.includes('Ã¦')).toBe(false);
  });

  it('decodes Windows-1252, detected or named', async () => {
    const file = path.join(dir, 'latin.csv');
    await writeFile(file, Buffer.from([0x42, 0xe6, 0x72, 0x75, 0x6d, 0x3b, 0x80, 0x0a]));
    expect(await readWholeText(await openTextFile(file))).toBe('Bærum;€\n');
    expect(await readWholeText(await openTextFile(file, 'latin1'))).toBe('Bærum;\u0080\n');
  });
});
