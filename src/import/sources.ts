import type { Tx } from '../db/database.js';
import { httpUrl } from '../graph/validation.js';
import { type SourceRecord, sourceId } from '../graph/index.js';
import { findSourceIdsByUrl } from './repository.js';
import { FileError } from './summary.js';

/** What a user says about the source of a file (`--source-title`, `--source-url`, …); each replaces the format's default. */
export interface SourceOptions {
  title?: string;
  url?: string;
  publisher?: string;
  note?: string;
  licence?: string;
}

type SourceFields = Omit<SourceRecord, 'id'>;

/** A source with the id every writer computes for it (`sourceId` of the seeds). */
export function sourceRecord(fields: SourceFields): SourceRecord {
  return { id: sourceId(fields), ...fields };
}

/** An http(s) URL as the mutations accept it, or the reason it is not one. */
export function checkUrl(value: string, field: string): { url: string } | { refused: string } {
  try {
    return { url: httpUrl(value, field) };
  } catch (error) {
    return { refused: error instanceof Error ? error.message.replace(/\.$/, '') : String(error) };
  }
}

/** The file's own source: the format's defaults (often the file's metadata) under the user's options. */
export function fileSource(defaults: SourceFields, options: SourceOptions): SourceRecord {
  let url = options.url ?? defaults.url;
  if (url !== null) {
    const checked = checkUrl(url, '--source-url');
    if ('refused' in checked) throw new FileError(null, checked.refused);
    url = checked.url;
  }
  return sourceRecord({
    title: options.title ?? defaults.title,
    url,
    publisher: options.publisher ?? defaults.publisher,
    note: options.note ?? defaults.note,
    licence: options.licence ?? defaults.licence,
  });
}

/**
 * Sources of rows that cite a page by URL (Kommune-NM and relation facts). A URL that a `Source`
 * in the graph already has keeps that source (so re-importing the seeds' own facts cites the
 * seeds' sources); any other URL becomes a new source described by `template`.
 */
export class SourcesByUrl {
  private readonly ids = new Map<string, string>();
  private readonly created = new Map<string, SourceRecord>();

  constructor(private readonly template: (url: string) => SourceRecord) {}

  async resolve(urls: Iterable<string>, reader: Tx): Promise<void> {
    const unknown = [...new Set(urls)].filter((url) => !this.ids.has(url));
    if (unknown.length === 0) return;
    const found = await findSourceIdsByUrl(reader, unknown);
    for (const url of unknown) {
      const id = found.get(url);
      if (id) {
        this.ids.set(url, id);
      } else {
        const record = this.template(url);
        this.ids.set(url, record.id);
        this.created.set(record.id, record);
      }
    }
  }

  idOf(url: string): string {
    const id = this.ids.get(url);
    if (!id) throw new Error(`source of ${url} was not resolved`);
    return id;
  }

  /** The new sources among these ids, which a batch must create before citing them. */
  newSources(ids: Iterable<string>): SourceRecord[] {
    return [...new Set(ids)].map((id) => this.created.get(id)).filter((record): record is SourceRecord => record !== undefined);
  }
}
