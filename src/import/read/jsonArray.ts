import { TokenParser, Tokenizer, TokenType } from '@streamparser/json';
import { FileError } from '../summary.js';
import type { TextFile } from './decode.js';

/** One element of a top-level JSON array, with the line it starts on and its position. */
interface JsonElement {
  line: number;
  index: number;
  value: unknown;
}

const NEWLINE = 0x0a;

/**
 * Streams the elements of a top-level JSON array, a chunk of elements per chunk of the file (Brønnøysund's bulk download is one array of
 * about a million units, too large for `JSON.parse`). The tokenizer reports byte offsets; lines
 * are counted over the same bytes so a refused element can be found in an editor.
 */
export async function* readJsonArray(file: TextFile): AsyncGenerator<JsonElement[]> {
  const tokenizer = new Tokenizer();
  const parser = new TokenParser({ paths: ['$.*'], keepStack: false });
  const ready: JsonElement[] = [];
  const starts: number[] = [];
  let depth = 0;
  let index = 0;
  let rootChecked = false;

  // Lines of byte offsets inside the chunk being tokenized: tokens arrive in order, so one
  // cursor over the chunk's bytes suffices.
  let chunk: Uint8Array = new Uint8Array();
  let chunkStart = 0;
  let cursor = 0;
  let line = 1;
  const lineAt = (offset: number): number => {
    const until = Math.min(offset - chunkStart, chunk.length);
    for (; cursor < until; cursor += 1) if (chunk[cursor] === NEWLINE) line += 1;
    return line;
  };

  tokenizer.onToken = (token) => {
    if (!rootChecked) {
      rootChecked = true;
      if (token.token !== TokenType.LEFT_BRACKET) {
        throw new FileError(lineAt(token.offset), 'expected a JSON array of units (Enhetsregisteret\'s bulk download); the file starts with something else');
      }
    }
    const opens = token.token === TokenType.LEFT_BRACE || token.token === TokenType.LEFT_BRACKET;
    const closes = token.token === TokenType.RIGHT_BRACE || token.token === TokenType.RIGHT_BRACKET;
    const separates = token.token === TokenType.COMMA || token.token === TokenType.COLON;
    if (depth === 1 && !closes && !separates) starts.push(lineAt(token.offset));
    if (opens) depth += 1;
    if (closes) depth -= 1;
    parser.write(token);
  };
  parser.onValue = ({ value, stack }) => {
    if (stack.length !== 1) return;
    ready.push({ line: starts.shift() ?? line, index, value });
    index += 1;
  };
  // The parser ends itself when the root array closes; anything after it is an error.
  tokenizer.onEnd = () => undefined;

  for await (const text of file.chunks) {
    const bytes = Buffer.from(text, 'utf8');
    // Count the rest of the previous chunk's lines before moving on.
    lineAt(chunkStart + chunk.length);
    chunkStart += chunk.length;
    chunk = bytes;
    cursor = 0;
    try {
      tokenizer.write(bytes);
    } catch (error) {
      if (error instanceof FileError) throw error;
      throw new FileError(lineAt(chunkStart + chunk.length), `the file is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (ready.length > 0) yield ready.splice(0);
  }
  if (!rootChecked) throw new FileError(1, 'the file is empty; expected a JSON array');
  if (!parser.isEnded) throw new FileError(line, 'the JSON array is not closed before the end of the file');
}
