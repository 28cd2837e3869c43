import type { GraphQLSchema } from 'graphql';
import { isInterfaceType } from 'graphql';
import type { Params } from '../../db/database.js';
import { checkPage, listKey, type PageArgs } from '../common/pagination.js';
import type { EntityTypeName, RawNode } from '../common/records.js';
import type { Selection } from '../common/selection.js';
import type { EntityLoaders } from './loaders.js';
import { RELATIONS, type RelationName } from './relations.js';
import { collectRelated, collectRelatedPage, countRelatedExpression, type RelatedPageRequest } from './repository.js';

/**
 * Planning a lookup from its selection set: the nested fields a client selected under a node
 * that a rule can read in the lookup's own statement, as Cypher expressions over the node (bound
 * to `n`) whose values prime the loaders the fields' resolvers read. A node page with a list, a
 * page of a connection and a count then costs one round trip, whatever the query's shape; a field
 * without a rule loads as usual (a second wave), so a rule is an optimisation, never a meaning.
 */
export interface NestedRead {
  /** A Cypher expression over `n` (a COLLECT or COUNT subquery); its parameters are in `params`. */
  expression: string;
  params: Params;
  /** Hands the value read for the node with id `parentId` to the loader the field reads. */
  prime(parentId: string, value: unknown): void;
}

/** The expressions and parameters of `reads`, as a repository takes them. */
export function statementParts(reads: readonly NestedRead[]): { expressions: string[]; params: Params } {
  return { expressions: reads.map((read) => read.expression), params: Object.assign({}, ...reads.map((read) => read.params)) as Params };
}

/** What a rule may use: the request's loaders and the node registry's mapper. */
export interface LookaheadTools<R> {
  loaders: EntityLoaders<R>;
  mapNode: (raw: RawNode) => R;
}

/**
 * The rule of one field (`Type.field`): the read for the field as selected under the node with id
 * `parentId` (whose list keys a cursor is checked against), with its parameters named after
 * `param`; null when the field as selected cannot be read ahead (a refused page: its resolver then
 * reports the error at its own path).
 */
export type NestedRule<T> = (tools: T, parentId: string, field: Selection, param: string) => NestedRead | null;

/** A connection that pages along a relation, as its resolver and the look-ahead both build its page. */
export interface PagedRelation {
  relation: RelationName;
  /** The page size when the client gives neither `first` nor `last`. */
  size: number;
  /** The name its cursors' list key gives the parent's id. */
  parentKey: string;
}

/** Connections along a relation, by field: the one definition both the resolver and the rule use. */
export const PAGED_RELATIONS = {
  'Cluster.membersConnection': { relation: 'Cluster.members', size: 20, parentKey: 'cluster' },
} as const satisfies Record<string, PagedRelation>;

/** Count fields along a relation, by field. */
export const COUNTED_RELATIONS = {
  'Cluster.memberCount': 'Cluster.members',
} as const satisfies Record<string, RelationName>;

/** The list a paged relation's cursors belong to. */
export function pagedRelationList(field: keyof typeof PAGED_RELATIONS, parentId: string): string {
  return listKey(field, { [PAGED_RELATIONS[field].parentKey]: parentId });
}

/** The loader key of a page of a paged relation (one extra row tells whether more follow). */
export function relatedPageRequest(parentId: string, page: { limit: number; cursor: { sortValue: unknown; id: string } | null; backward: boolean }): RelatedPageRequest {
  return {
    id: parentId,
    limit: page.limit + 1,
    afterName: page.cursor === null ? null : String(page.cursor.sortValue),
    afterId: page.cursor?.id ?? null,
    backward: page.backward,
  };
}

/**
 * The rules every node type gets from the named relations: a field named like a relation
 * (`Cluster.members`) reads it as `findRelated` does, a paged relation its page (and its count
 * when `totalCount` is selected), a count field its count.
 */
export function relationRules<R>(): Record<string, NestedRule<LookaheadTools<R>>> {
  const rules: Record<string, NestedRule<LookaheadTools<R>>> = {};
  for (const relation of Object.keys(RELATIONS) as RelationName[]) {
    rules[relation] = ({ loaders, mapNode }) => ({
      expression: collectRelated(relation),
      params: {},
      prime: (parentId, value) => loaders.related(relation).prime(parentId, (value as RawNode[]).map(mapNode)),
    });
  }
  for (const [field, { relation, size }] of Object.entries(PAGED_RELATIONS) as [keyof typeof PAGED_RELATIONS, PagedRelation][]) {
    rules[field] = ({ loaders, mapNode }, parentId, selection, param) => {
      const check = checkPage(selection.args as PageArgs, pagedRelationList(field, parentId), size);
      if (!check.ok) return null;
      const request = relatedPageRequest(parentId, check);
      const counted = selectsTotalCount(selection);
      const page = collectRelatedPage(relation, request, param);
      return {
        expression: counted ? `{page: ${page.expression}, count: ${countRelatedExpression(relation)}}` : `{page: ${page.expression}}`,
        params: page.params,
        prime: (id, value) => {
          if (id !== parentId) return;
          const read = value as { page: RawNode[]; count?: number };
          loaders.relatedPage(relation).prime(request, read.page.map(mapNode));
          if (counted && typeof read.count === 'number') loaders.relatedCount(relation).prime(id, read.count);
        },
      };
    };
  }
  for (const [field, relation] of Object.entries(COUNTED_RELATIONS) as [string, RelationName][]) {
    rules[field] = ({ loaders }) => ({
      expression: countRelatedExpression(relation),
      params: {},
      prime: (parentId, value) => loaders.relatedCount(relation).prime(parentId, value as number),
    });
  }
  return rules;
}

function selectsTotalCount(selection: Selection): boolean {
  return Object.values(selection.fieldsByTypeName).some((fields) => Object.values(fields).some((child) => child.name === 'totalCount'));
}

/**
 * The reads a node of `type` can take along for the fields selected under it (on the type itself
 * or on an interface it implements), one per field name; a second alias of a field with other
 * arguments loads as usual.
 */
export function planNestedReads<T>(
  rules: Readonly<Record<string, NestedRule<T>>>,
  tools: T,
  schema: GraphQLSchema,
  type: EntityTypeName,
  parentId: string,
  selection: Selection,
): NestedRead[] {
  const reads: NestedRead[] = [];
  const seen = new Set<string>();
  for (const [typeName, fields] of Object.entries(selection.fieldsByTypeName)) {
    if (typeName !== type && !isInterfaceType(schema.getType(typeName))) continue;
    for (const child of Object.values(fields)) {
      const key = `${type}.${child.name}`;
      const rule = rules[key];
      if (!rule || seen.has(key)) continue;
      seen.add(key);
      const read = rule(tools, parentId, child, `nested${reads.length}`);
      if (read) reads.push(read);
    }
  }
  return reads;
}
