import { randomUUID } from 'node:crypto';
import type { AuditWrite } from './repository.js';

/** Derived or bookkeeping properties that say nothing an editor changed. */
const LEFT_OUT = new Set(['searchText', 'labels']);

/** Properties as a JSON object with sorted keys, so before and after diff line by line. */
function auditJson(props: Record<string, unknown> | null): string | null {
  if (props === null) return null;
  const kept = Object.keys(props).filter((key) => !LEFT_OUT.has(key)).sort();
  return JSON.stringify(Object.fromEntries(kept.map((key) => [key, props[key]])));
}

export interface AuditContext {
  /** The token's `sub`. */
  who: string;
  /** The mutation's name. */
  operation: string;
}

export function auditEntry(context: AuditContext, entityId: string, before: Record<string, unknown> | null, after: Record<string, unknown> | null): AuditWrite {
  return {
    id: `AuditEntry:${randomUUID()}`,
    at: new Date().toISOString(),
    who: context.who,
    operation: context.operation,
    entityId,
    before: auditJson(before),
    after: auditJson(after),
  };
}
