import type { Database } from '../../db/database.js';
import { badInput, notFound } from '../../errors.js';
import type { LinkType } from '../../generated/graphql.js';
import type { PropertyValue } from '../../graph/index.js';
import { buildSearchText } from '../../graph/index.js';
import type { RawNode } from '../common/records.js';
import { parseGlobalId } from '../common/records.js';
import { auditEntry, type AuditContext } from './audit.js';
import { assertLinkAllowed } from './linkRules.js';
import { edgeId } from '../../graph/ids.js';
import { searchNames, type UpsertPlan } from '../entity/upsert.js';
import * as repo from './repository.js';
import type { SourcePlan } from '../../graph/validation.js';

function withSource(sourceIds: unknown, id: string): string[] {
  const ids = Array.isArray(sourceIds) ? sourceIds.map(String) : [];
  return ids.includes(id) ? ids : [...ids, id];
}

/**
 * One upsert in one transaction: the source, the entity with its search text and sources kept
 * consistent with what the seeds write, and the audit entry — all land or none.
 */
export async function upsertEntity(db: Database, audit: AuditContext, plan: UpsertPlan): Promise<RawNode> {
  return db.writeTransaction(async (tx) => {
    await repo.mergeSource(tx, plan.source);
    const orgnr = plan.label === 'Company' && typeof plan.props.orgnr === 'string' ? plan.props.orgnr : null;
    if (orgnr !== null) {
      // The constraint (company_orgnr_unique) would refuse it too, but without saying who holds it.
      const holder = await repo.findCompanyByOrgnr(tx, orgnr, plan.id);
      if (holder) throw badInput(`organisasjonsnummer ${orgnr} belongs to ${holder.id} ("${holder.name}"); update that company instead.`, 'input.orgnr');
    }
    const created = await repo.lockOrCreateEntity(tx, plan.id, plan.label, plan.key);
    const before = created ? null : await repo.readEntity(tx, plan.id);
    const merged = { ...(before ?? {}), ...plan.props };
    const after = await repo.writeEntity(tx, plan.id, {
      ...plan.props,
      key: plan.key,
      searchText: buildSearchText(searchNames(merged)),
      sourceIds: withSource(before?.sourceIds, plan.source.id),
    });
    await repo.recordAudit(tx, [auditEntry(audit, plan.id, before, after)]);
    return after;
  });
}

interface LinkPlan {
  type: LinkType;
  from: string;
  to: string;
  props: Record<string, PropertyValue>;
  source: SourcePlan;
}

export async function linkEntities(db: Database, audit: AuditContext, plan: LinkPlan): Promise<Record<string, unknown>> {
  assertLinkAllowed(plan.type, plan.from, plan.to);
  return db.writeTransaction(async (tx) => {
    await repo.mergeSource(tx, plan.source);
    const found = await repo.lockEntities(tx, [plan.from, plan.to]);
    for (const id of [plan.from, plan.to]) if (!found.includes(id)) throw notFound(`No entity ${id}.`);
    const before = await repo.readLink(tx, plan.from, plan.type, plan.to);
    const after = await repo.mergeLink(tx, plan.from, plan.type, plan.to, plan.props, plan.source.id);
    await repo.recordAudit(tx, [auditEntry(audit, edgeId(plan.from, plan.type, plan.to), before, after)]);
    return after;
  });
}

/** Idempotent: a relationship already gone is not an error, and leaves no audit entry. */
export async function unlinkEntities(db: Database, audit: AuditContext, type: LinkType, from: string, to: string): Promise<boolean> {
  assertLinkAllowed(type, from, to);
  return db.writeTransaction(async (tx) => {
    await repo.lockEntities(tx, [from, to]);
    const before = await repo.deleteLink(tx, from, type, to);
    if (before === null) return false;
    await repo.recordAudit(tx, [auditEntry(audit, edgeId(from, type, to), before, null)]);
    return true;
  });
}

/** Reference data from official registers: `npm run seed` owns it. */
const UNDELETABLE = new Set(['Kommune', 'Fylke', 'CommutingRegion', 'Source']);

interface DeleteOutcome {
  deleted: boolean;
  removedLinks: number;
  removedRankingEntries: number;
}

/**
 * Deletes an entity with its own relationships. Links from other entities to it (members,
 * partners, participants, ranking entries) would be lost with it, so they need `cascade`.
 */
export function assertDeletable(id: string): string {
  const { type } = parseGlobalId(id);
  if (UNDELETABLE.has(type)) {
    throw badInput(`${type} nodes are reference data loaded from official sources and cannot be deleted; change seeds/ instead.`, 'id');
  }
  return type;
}

export async function deleteEntity(db: Database, audit: AuditContext, id: string, cascade: boolean): Promise<DeleteOutcome> {
  const type = assertDeletable(id);
  return db.writeTransaction(async (tx) => {
    const found = await repo.lockEntities(tx, [id]);
    if (found.length === 0) return { deleted: false, removedLinks: 0, removedRankingEntries: 0 };
    const before = await repo.readEntity(tx, id);
    const links = await repo.findLinksOf(tx, id);
    const incoming = links.filter((link) => link.direction === 'in');
    const entries = type === 'Indicator' ? await repo.findRankingEntriesOf(tx, id) : [];
    if (incoming.length > 0 && !cascade) {
      const byType = new Map<string, number>();
      for (const link of incoming) byType.set(link.type, (byType.get(link.type) ?? 0) + 1);
      const summary = [...byType].map(([linkType, n]) => `${n} ${linkType}`).join(', ');
      throw badInput(`${id} still has links from other entities (${summary}); pass cascade: true to remove them with it.`, 'cascade');
    }
    const removedIds = [...entries.map((entry) => entry.id), id];
    await repo.deleteEntities(tx, removedIds);
    await repo.recordAudit(tx, [
      ...entries.map((entry) => auditEntry(audit, entry.id, entry, null)),
      auditEntry(audit, id, { ...before, links: links.map((link) => `${link.direction === 'out' ? '->' : '<-'}${link.type} ${link.other}`) }, null),
    ]);
    // An indicator's links include its entries' FOR_INDICATOR; each entry also had its RANKS.
    return { deleted: true, removedLinks: links.length + entries.length, removedRankingEntries: entries.length };
  });
}
