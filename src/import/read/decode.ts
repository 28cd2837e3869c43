import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import iconv from 'iconv-lite';
import { FileError } from '../summary.js';

/** The encodings researchers' files come in; SSB's and Brønnøysund's exports are often Windows-1252. */
export const ENCODINGS = ['utf-8', 'windows-1252', 'latin1', 'utf-16le', 'utf-16be'] as const;
export type TextEncoding = (typeof ENCODINGS)[number];

const ALIASES: Readonly<Record<string, TextEncoding>> = {
  'utf-8': 'utf-8', utf8: 'utf-8',
  'windows-1252': 'windows-1252', cp1252: 'windows-1252', win1252: 'windows-1252',
  latin1: 'latin1', 'latin-1': 'latin1', 'iso-8859-1': 'latin1', iso88591: 'latin1',
  'utf-16le': 'utf-16le', utf16le: 'utf-16le', 'utf-16be': 'utf-16be', utf16be: 'utf-16be',
};

/** The encoding a user named, or undefined when the name is not one we read. */
export function parseEncoding(name: string): TextEncoding | undefined {
  return ALIASES[name.trim().toLowerCase()];
}

/** How much of the file decides the encoding (docs/importing.md says the same): enough for any header and many rows. */
export const SAMPLE_BYTES = 64 * 1024;

interface EncodingGuess {
  encoding: TextEncoding;
  bom: boolean;
}

/**
 * A byte order mark decides; otherwise text with UTF-8's multi-byte sequences is UTF-8, because
 * Windows-1252 text with Norwegian letters (æ = 0xE6 followed by a letter) almost never forms
 * one by accident. So a UTF-8 file with a few stray bytes stays UTF-8: its stray bytes decode
 * to U+FFFD, which the stored-text rule refuses with the line, and the rest of the file reads
 * as written instead of being re-decoded as Windows-1252. Only a sample that is not valid
 * UTF-8 and holds no UTF-8 sequence at all is Windows-1252. `complete` is false when the sample
 * is the start of a longer file, which may cut the last character in two.
 */
export function detectEncoding(sample: Uint8Array, complete: boolean): EncodingGuess {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8', bom: true };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', bom: true };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', bom: true };
  const whole = complete ? sample : withoutCutCharacter(sample);
  return { encoding: isUtf8(whole) || holdsUtf8Sequence(whole) ? 'utf-8' : 'windows-1252', bom: false };
}

/** Whether the bytes hold one well-formed UTF-8 sequence of two to four bytes. */
function holdsUtf8Sequence(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i += 1) {
    const lead = bytes[i]!;
    const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) continue;
    if (isUtf8(bytes.subarray(i, i + length))) return true;
  }
  return false;
}

/** The sample without a UTF-8 sequence that the sample's end cut in two. */
function withoutCutCharacter(sample: Uint8Array): Uint8Array {
  for (let back = 1; back <= Math.min(3, sample.length); back += 1) {
    const byte = sample[sample.length - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? sample.subarray(0, sample.length - back) : sample;
  }
  return sample;
}

export interface TextFile {
  encoding: TextEncoding;
  /** True when the encoding came from the file (BOM or content), false when the user named it. */
  detected: boolean;
  bom: boolean;
  gzip: boolean;
  /** The first character that is not white space, to tell a JSON file from a CSV file. */
  firstCharacter: string;
  /** The decoded text, chunk by chunk, without a byte order mark. */
  chunks: AsyncIterable<string>;
  /** Bytes of the file read so far and the file's size, for progress and ETA. */
  progress(): { bytes: number; totalBytes: number };
}

async function startsWithGzipMagic(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/**
 * Opens a text file for streaming, gunzipping `.gz` downloads (Brønnøysund ships them so) and
 * decoding it with the named encoding or the one detected from its first SAMPLE_BYTES (64 KiB)
 * of text. Streaming keeps a million-row register file at a few megabytes of memory.
 */
export async function openTextFile(file: string, given?: TextEncoding): Promise<TextFile> {
  let totalBytes: number;
  try {
    totalBytes = (await stat(file)).size;
  } catch {
    throw new FileError(null, `cannot read ${file}: no such file`);
  }
  const gzip = await startsWithGzipMagic(file);
  const raw = createReadStream(file, { highWaterMark: 256 * 1024 });
  const bytes: AsyncIterable<Buffer> = gzip ? raw.pipe(createGunzip()) : raw;
  raw.on('error', () => undefined);
  const iterator = bytes[Symbol.asyncIterator]();

  const sample: Buffer[] = [];
  let sampled = 0;
  let ended = false;
  while (sampled < SAMPLE_BYTES) {
    const next = await nextChunk(iterator, file);
    if (next === null) {
      ended = true;
      break;
    }
    sample.push(next);
    sampled += next.length;
  }
  const head = Buffer.concat(sample);
  // Chunks come as the stream gives them (a gunzipped one may be larger): the sample is cut to size.
  const guess = detectEncoding(head.subarray(0, SAMPLE_BYTES), ended && head.length <= SAMPLE_BYTES);
  const encoding = given ?? guess.encoding;
  const bom = guess.bom && (given === undefined || given === guess.encoding);

  async function* decode(): AsyncGenerator<string> {
    const decoder = iconv.getDecoder(encoding, { stripBOM: true });
    const first = decoder.write(head);
    if (first) yield first;
    for (;;) {
      const next = ended ? null : await nextChunk(iterator, file);
      if (next === null) break;
      const text = decoder.write(next);
      if (text) yield text;
    }
    const rest = decoder.end();
    if (rest) yield rest;
  }

  return {
    encoding,
    detected: given === undefined,
    bom,
    gzip,
    firstCharacter: iconv.decode(head.subarray(0, 256), encoding).replace(/^\uFEFF/, '').trimStart().charAt(0),
    chunks: decode(),
    progress: () => ({ bytes: raw.bytesRead, totalBytes }),
  };
}

async function nextChunk(iterator: AsyncIterator<Buffer>, file: string): Promise<Buffer | null> {
  try {
    const result = await iterator.next();
    return result.done ? null : result.value;
  } catch (error) {
    throw new FileError(null, `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The whole decoded text, for formats that are one document (JSON-stat). */
export async function readWholeText(file: TextFile): Promise<string> {
  let text = '';
  for await (const chunk of file.chunks) text += chunk;
  return text;
}
