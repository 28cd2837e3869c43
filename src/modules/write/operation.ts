import { type FieldNode, getArgumentValues, GraphQLError, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';
import type { Context } from '../../context.js';

/**
 * A mutation operation with several fields runs them one after another, each in its own
 * transaction (as the schema says). So that a refusal never leaves the fields before it written
 * behind an answer of `data: null`:
 *
 * 1. before the first field writes, every field of the operation is checked (role and
 *    arguments, everything that needs no database); one refusal refuses the whole operation
 *    and nothing is written;
 * 2. a field that still fails while writing (an end that does not exist, an organisasjonsnummer
 *    another company holds) says in its error which fields before it were written
 *    (`extensions.written`), since they are committed and GraphQL's answer is then `data: null`.
 */

/** What a field checks before anything is written: throws the refusal a write would give. */
export type FieldCheck = (args: Record<string, unknown>, ctx: Context) => void;

interface OperationState {
  refusal: GraphQLError | null;
  written: string[];
}

const operations = new WeakMap<Context, OperationState>();

function topLevelFields(selectionSet: SelectionSetNode, info: GraphQLResolveInfo): FieldNode[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return topLevelFields(selection.selectionSet, info);
    const fragment = info.fragments[selection.name.value];
    return fragment ? topLevelFields(fragment.selectionSet, info) : [];
  });
}

function checkOperation(info: GraphQLResolveInfo, ctx: Context, checks: Readonly<Record<string, FieldCheck>>): GraphQLError | null {
  const mutationType = info.schema.getMutationType();
  if (!mutationType) return null;
  const fields = topLevelFields(info.operation.selectionSet, info);
  for (const node of fields) {
    const definition = mutationType.getFields()[node.name.value];
    const check = checks[node.name.value];
    if (!definition || !check) continue;
    try {
      check(getArgumentValues(definition, node, info.variableValues), ctx);
    } catch (error) {
      if (!(error instanceof GraphQLError) || fields.length === 1) throw error;
      const alias = node.alias?.value ?? node.name.value;
      return new GraphQLError(`${alias}: ${error.message} No field of this operation was written.`, {
        extensions: { ...error.extensions, field: alias },
      });
    }
  }
  return null;
}

/**
 * Runs one mutation field under the rules above. `checks` holds every mutation field's check,
 * so the first field of an operation can check all of them.
 */
export async function runMutationField<T>(
  ctx: Context, info: GraphQLResolveInfo, checks: Readonly<Record<string, FieldCheck>>, write: () => Promise<T>,
): Promise<T> {
  let state = operations.get(ctx);
  if (!state) {
    state = { refusal: checkOperation(info, ctx, checks), written: [] };
    operations.set(ctx, state);
  }
  if (state.refusal) throw state.refusal;
  const alias = info.path.key as string;
  try {
    const result = await write();
    state.written.push(alias);
    return result;
  } catch (error) {
    if (!(error instanceof GraphQLError) || state.written.length === 0) throw error;
    throw new GraphQLError(`${error.message} The fields before it in this operation were written: ${state.written.join(', ')}.`, {
      ...(error.path ? { path: error.path } : {}),
      originalError: error.originalError ?? undefined,
      extensions: { ...error.extensions, written: [...state.written] },
    });
  }
}
