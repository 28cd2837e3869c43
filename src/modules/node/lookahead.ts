import type { GraphQLResolveInfo } from 'graphql';
import type { Database } from '../../db/database.js';
import type { EntityLoaders } from '../entity/loaders.js';
import type { KommuneLoaders } from '../kommune/loaders.js';
import type { RankingLoaders } from '../ranking/loaders.js';
import { type EntityTypeName, typeOfLabels } from '../common/records.js';
import { findNodeWithNested } from '../entity/repository.js';
import { selectionOf, type Selection } from '../common/selection.js';
import { planNestedReads, relationRules, statementParts, type LookaheadTools, type NestedRead, type NestedRule } from '../entity/lookahead.js';
import { kommuneRules } from '../kommune/lookahead.js';
import { rankingRules } from '../ranking/lookahead.js';
import { type AnyRecord, mapNode } from './mappers.js';

/** The loaders the rules prime: the request context's, as far as the rules need them. */
type Loaders = EntityLoaders<AnyRecord> & KommuneLoaders & RankingLoaders;
type Tools = LookaheadTools<AnyRecord> & { loaders: Loaders };

/** What `findNodeAhead` needs of the request context. */
interface LookaheadContext {
  db: Database;
  loaders: Loaders;
  lookahead: (info: GraphQLResolveInfo, type: EntityTypeName, id: string) => NestedRead[];
}

/**
 * Every field a lookup can read along with its node: the named relations' lists, pages and
 * counts, and the domains' own (a kommune's page of companies, a subject's rankings).
 */
const RULES: Readonly<Record<string, NestedRule<Tools>>> = { ...relationRules<AnyRecord>(), ...kommuneRules, ...rankingRules };

/**
 * The nested reads for a node of `type` with id `id` that the field being resolved (`info`)
 * returns, from what its client selected: what a lookup runs in its own statement.
 */
export function nestedReadsFor(loaders: Loaders, info: GraphQLResolveInfo, type: EntityTypeName, id: string, selection: Selection = selectionOf(info)): NestedRead[] {
  return planNestedReads(RULES, { loaders, mapNode }, info.schema, type, id, selection);
}

/**
 * The entity `id` read with the nested fields its client selected, in one statement, the loaders
 * primed for the fields' resolvers; null when nothing can be read ahead (then the caller loads the
 * node as usual, batched with others) or no entity has the id as given.
 */
export async function findNodeAhead(ctx: LookaheadContext, info: GraphQLResolveInfo, id: string): Promise<AnyRecord | null> {
  const match = /^([A-Za-z]+):(.+)$/s.exec(id);
  const type = match ? typeOfLabels([match[1]!]) : null;
  if (!type || type === 'Source') return null;
  const reads = ctx.lookahead(info, type, id);
  if (reads.length === 0) return null;
  const { expressions, params } = statementParts(reads);
  const row = await findNodeWithNested(ctx.db, id, type, expressions, params);
  if (!row) return null;
  const record = mapNode(row.node);
  ctx.loaders.node.prime(id, record);
  reads.forEach((read, index) => read.prime(id, row.nested[index]));
  return record;
}
