import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { Kind, print, type OperationDefinitionNode } from 'graphql';

const INTROSPECTION_FIELDS = new Set(['__schema', '__type', '__typename']);

/** A query that asks the schema only (no fragments at the top, which could reach data). */
function asksTheSchemaOnly(operation: OperationDefinitionNode | undefined): boolean {
  if (!operation || operation.operation !== 'query') return false;
  return operation.selectionSet.selections.every((selection) => selection.kind === Kind.FIELD && INTROSPECTION_FIELDS.has(selection.name.value));
}

/**
 * Introspection answers kept by what they ask, not by how it is written: the key is the printed
 * document (whitespace, comments and commas normalised) with its name and variables, hashed, so
 * a flood of differently spelled full introspections is answered from memory after the first
 * and costs a parse, never another execution. The answer depends on the schema alone, which
 * this server never changes while it runs, so entries need no other invalidation.
 */
export function introspectionCachePlugin(maxMegabytes = 8): ApolloServerPlugin {
  const answers = new InMemoryLRUCache<string>({ maxSize: maxMegabytes * 1024 * 1024 });
  return {
    async requestDidStart() {
      let key: string | null = null;
      let hit = false;
      return {
        async responseForOperation({ document, operation, operationName, request }) {
          if (!asksTheSchemaOnly(operation)) return null;
          key = createHash('sha256')
            .update(JSON.stringify([print(document), operationName ?? null, request.variables ?? {}]))
            .digest('hex');
          const stored = await answers.get(key);
          if (stored === undefined) return null;
          hit = true;
          return { body: { kind: 'single', singleResult: { data: JSON.parse(stored) as Record<string, unknown> } }, http: { status: undefined, headers: new HeaderMap() } };
        },
        async willSendResponse({ response }) {
          if (key === null || hit || response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (errors || !data) return;
          await answers.set(key, JSON.stringify(data));
        },
      };
    },
  };
}
