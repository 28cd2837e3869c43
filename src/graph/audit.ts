import { randomUUID } from 'node:crypto';
import type { Tx } from '../db/database.js';

/**
 * The audit trail every writer that acts for someone keeps: the mutations (one entry per entity
 * they change) and `npm run import` (one entry per import, with the counts before and after).
 * `:AuditEntry` nodes carry no `Entity` label, so no read of the graph, search or view meets them.
 */

export interface AuditWrite {
  id: string;
  at: string;
  who: string;
  operation: string;
  entityId: string;
  before: string | null;
  after: string | null;
}

export interface AuditContext {
  /** The token's `sub`, or the user who ran a job. */
  who: string;
  /** The mutation's name, or the job (`import kommune-nm`). */
  operation: string;
}

/** Derived or bookkeeping properties that say nothing an editor changed. */
const LEFT_OUT = new Set(['searchText', 'labels']);

/** Properties as a JSON object with sorted keys, so before and after diff line by line. */
function auditJson(props: Record<string, unknown> | null): string | null {
  if (props === null) return null;
  const kept = Object.keys(props).filter((key) => !LEFT_OUT.has(key)).sort();
  return JSON.stringify(Object.fromEntries(kept.map((key) => [key, props[key]])));
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

export async function recordAudit(tx: Tx, entries: readonly AuditWrite[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.run(
    `UNWIND $entries AS entry
     CREATE (a:AuditEntry)
     SET a = entry`,
    { entries },
  );
}
