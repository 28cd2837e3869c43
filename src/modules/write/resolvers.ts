import { neverCache } from '../common/cacheHints.js';
import { requireRole } from '../../auth/roles.js';
import type { Context } from '../../context.js';
import type { GraphQLResolveInfo } from 'graphql';
import type {
  ClusterInput, CollaborationInput, CompanyInput, EventInput, InitiativeInput, LinkInput, LinkType, MutationImportRankingsArgs, Resolvers, SchoolInput,
} from '../../generated/graphql.js';
import { mapNode, type AnyRecord } from '../node/mappers.js';
import { sourcesOf } from '../entity/related.js';
import { mapRankingEntry } from '../ranking/mappers.js';
import { pageSize } from '../common/pagination.js';
import { parseGlobalId } from '../common/records.js';
import type { AuditContext } from './audit.js';
import { mapAuditEntry, mapLink } from './mappers.js';
import { assertDeletable, deleteEntity, linkEntities, unlinkEntities, upsertEntity } from './mutations.js';
import { assertLinkAllowed } from './linkRules.js';
import { type FieldCheck, runMutationField } from './operation.js';
import { clusterPlan } from '../cluster/writes.js';
import { companyPlan } from '../company/writes.js';
import type { UpsertPlan } from '../entity/upsert.js';
import { eventPlan } from '../event/writes.js';
import { initiativePlan } from '../initiative/writes.js';
import { collaborationPlan } from '../kommune/writes.js';
import { schoolPlan } from '../school/writes.js';
import { checkImportRankingsArgs, importRankings } from './rankingImport.js';
import { findAuditEntries, findAuditPosition, findRankingEntries } from './repository.js';
import * as check from '../../graph/validation.js';
import { badInput } from '../../errors.js';

/** Who may do it, checked before the arguments, so a refused caller learns nothing about them. */
function editor(ctx: Context, operation: string, role: 'editor' | 'admin' = 'editor'): AuditContext {
  requireRole(ctx.access, role, operation);
  return { who: ctx.access.viewer.subject!, operation };
}

async function upsert<T extends AnyRecord['type']>(ctx: Context, info: GraphQLResolveInfo, operation: string, type: T, makePlan: () => UpsertPlan) {
  return runMutationField(ctx, info, FIELD_CHECKS, async () => {
    const audit = editor(ctx, operation);
    const record = mapNode(await upsertEntity(ctx.db, audit, makePlan()));
    return record as Extract<AnyRecord, { type: T }>;
  });
}

function linkPlan(input: LinkInput) {
  parseGlobalId(input.from);
  parseGlobalId(input.to);
  const props = {
    note: check.optional(input.note, (value) => check.note(value, 'input.note')),
    date: check.optional(input.date, (value) => check.isoDate(value, 'input.date')),
    // As in the seeds: `inferred` is stored only when true.
    inferred: input.inferred === undefined ? undefined : input.inferred === true ? true : null,
  };
  return {
    type: input.type,
    from: input.from,
    to: input.to,
    props: Object.fromEntries(Object.entries(props).filter(([, value]) => value !== undefined)) as Record<string, string | boolean | null>,
    source: check.source(input.source, 'input.source'),
  };
}

/** Each mutation's checks that need no database, run for every field before the first writes (see operation.ts). */
const FIELD_CHECKS: Readonly<Record<string, FieldCheck>> = {
  upsertCompany: (args, ctx) => { editor(ctx, 'upsertCompany'); companyPlan(args.input as CompanyInput); },
  upsertCluster: (args, ctx) => { editor(ctx, 'upsertCluster'); clusterPlan(args.input as ClusterInput); },
  upsertSchool: (args, ctx) => { editor(ctx, 'upsertSchool'); schoolPlan(args.input as SchoolInput); },
  upsertEvent: (args, ctx) => { editor(ctx, 'upsertEvent'); eventPlan(args.input as EventInput); },
  upsertInitiative: (args, ctx) => { editor(ctx, 'upsertInitiative'); initiativePlan(args.input as InitiativeInput); },
  upsertCollaboration: (args, ctx) => { editor(ctx, 'upsertCollaboration'); collaborationPlan(args.input as CollaborationInput); },
  link: (args, ctx) => {
    editor(ctx, 'link');
    const plan = linkPlan(args.input as LinkInput);
    assertLinkAllowed(plan.type, plan.from, plan.to);
  },
  unlink: (args, ctx) => {
    editor(ctx, 'unlink');
    assertLinkAllowed(args.type as LinkType, String(args.from), String(args.to));
  },
  importRankings: (args, ctx) => {
    editor(ctx, 'importRankings');
    checkImportRankingsArgs(args as unknown as MutationImportRankingsArgs);
  },
  deleteEntity: (args, ctx) => {
    editor(ctx, 'deleteEntity', 'admin');
    assertDeletable(String(args.id));
  },
};

/** `after`: the id of the last entry of the page before. */
async function auditPosition(ctx: Context, after: string | null | undefined): Promise<{ at: string; id: string } | null> {
  if (after === null || after === undefined) return null;
  const position = await findAuditPosition(ctx.db, check.text(after, 'after', { max: 200 }));
  if (!position) throw badInput(`after must be the id of an audit entry (the last entry of the page before); there is no ${after.slice(0, 80)}.`, 'after');
  return position;
}

export const writeResolvers: Resolvers = {
  Mutation: {
    upsertCompany: (_parent, { input }, ctx, info) => upsert(ctx, info, 'upsertCompany', 'Company', () => companyPlan(input)),
    upsertCluster: (_parent, { input }, ctx, info) => upsert(ctx, info, 'upsertCluster', 'Cluster', () => clusterPlan(input)),
    upsertSchool: (_parent, { input }, ctx, info) => upsert(ctx, info, 'upsertSchool', 'School', () => schoolPlan(input)),
    upsertEvent: (_parent, { input }, ctx, info) => upsert(ctx, info, 'upsertEvent', 'Event', () => eventPlan(input)),
    upsertInitiative: (_parent, { input }, ctx, info) => upsert(ctx, info, 'upsertInitiative', 'Initiative', () => initiativePlan(input)),
    upsertCollaboration: (_parent, { input }, ctx, info) => upsert(ctx, info, 'upsertCollaboration', 'Collaboration', () => collaborationPlan(input)),
    link: (_parent, { input }, ctx, info) => runMutationField(ctx, info, FIELD_CHECKS, async () => {
      const audit = editor(ctx, 'link');
      const plan = linkPlan(input);
      return mapLink(plan.type, plan.from, plan.to, await linkEntities(ctx.db, audit, plan));
    }),
    unlink: (_parent, { type, from, to }, ctx, info) => runMutationField(ctx, info, FIELD_CHECKS, async () => {
      const audit = editor(ctx, 'unlink');
      return { removed: await unlinkEntities(ctx.db, audit, type, from, to) };
    }),
    importRankings: (_parent, args, ctx, info) => runMutationField(ctx, info, FIELD_CHECKS, async () => {
      const audit = editor(ctx, 'importRankings');
      const summary = await importRankings(ctx.db, audit, args);
      const ids = summary.entryIds.filter((id): id is string => id !== null);
      const [indicator, entries] = await Promise.all([ctx.loaders.indicator.load(args.indicator), findRankingEntries(ctx.db, ids)]);
      return {
        indicator: indicator!,
        edition: args.edition,
        entries: entries.map(mapRankingEntry),
        created: summary.created,
        updated: summary.updated,
        unchanged: summary.unchanged,
        refused: summary.refused.map(({ index, reason }) => ({ index: index ?? 0, reason })),
        written: summary.written,
        dryRun: summary.dryRun,
      };
    }),
    deleteEntity: (_parent, { id, cascade }, ctx, info) => runMutationField(ctx, info, FIELD_CHECKS, async () => {
      const audit = editor(ctx, 'deleteEntity', 'admin');
      return { id, ...(await deleteEntity(ctx.db, audit, id, cascade === true)) };
    }),
  },
  Query: {
    changes: async (_parent, { entity, since, first, after }, ctx, info) => {
      requireRole(ctx.access, 'admin', 'reading the audit trail');
      // Only for admins: an answer kept in the response cache would be served to anyone.
      neverCache(info);
      const filter = {
        entityId: check.optional(entity, (value) => check.text(value, 'entity', { max: 1000 })) ?? null,
        since: check.optional(since, (value) => check.isoInstant(value, 'since')) ?? null,
        after: await auditPosition(ctx, after),
        limit: pageSize(first, 50),
      };
      return (await findAuditEntries(ctx.db, filter)).map(mapAuditEntry);
    },
  },
  Link: {
    from: async (link, _args, ctx) => (await ctx.loaders.node.load(link.fromId))!,
    to: async (link, _args, ctx) => (await ctx.loaders.node.load(link.toId))!,
    sources: (link, _args, ctx) => sourcesOf(ctx, link.sourceIds),
  },
};
