import { createHash } from 'node:crypto';
import { isNodeLabel, type NodeLabel, type SourceRecord } from './model.js';

/** The global id of an entity: `<Label>:<key>` (`Kommune:3006`, `Company:943753709`). */
export function entityId(label: NodeLabel, key: string): string {
  return `${label}:${key}`;
}

/**
 * `Source:<hash>` of a source's title, url, publisher and note: the same source described the
 * same way gets the same id in every load and from every writer (seeds, imports, mutations).
 */
export function sourceId(source: Pick<SourceRecord, 'title' | 'url' | 'publisher' | 'note'>): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([source.title, source.url ?? null, source.publisher, source.note ?? null]))
    .digest('hex');
  return `Source:${digest.slice(0, 16)}`;
}

/**
 * The id of a relationship in graph views: `<from>-<TYPE>-><to>`, plus `#<values>` of its key
 * properties where the model keys it (`Kommune:3024-COMMUTES_TO->Kommune:0301#2022`), so
 * parallel relationships of one type differ. The only builder of edge ids.
 */
export function edgeId(from: string, type: string, to: string, key: readonly (string | number | null)[] = []): string {
  const base = `${from}-${type}->${to}`;
  return key.length === 0 ? base : `${base}#${key.map((part) => String(part)).join(',')}`;
}

/** The label and key of a global id; null when the prefix is no label of the model. */
export function parseEntityId(id: string): { label: NodeLabel; key: string } | null {
  const colon = id.indexOf(':');
  if (colon <= 0) return null;
  const label = id.slice(0, colon);
  const key = id.slice(colon + 1);
  return isNodeLabel(label) && key.length > 0 ? { label, key } : null;
}
