import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';
import { ErrorCode } from '../errors.js';
import type { ApiLimits } from '../config/index.js';

/**
 * Reports a limit as QUERY_TOO_COMPLEX. Apollo files every validation error under its own
 * code, so ours travels as the original error, where `formatError` finds it.
 */
function reportTooComplex(context: ValidationContext | null, error: GraphQLError): void {
  const message = error.message.replace(/^Syntax Error: /, '');
  context?.reportError(new GraphQLError(`${message} Ask for less in one request.`, { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX } }));
}

const refuse = { onReject: [reportTooComplex], propagateOnRejection: false, exposeLimits: true };

/**
 * graphql-armor's depth, alias and directive limits as validation rules, so they run before
 * any resolver. Its token limit (a plugin that throws while parsing, which Apollo 5 turns into
 * a 500) and its cost limit (blind to plain lists) are replaced by graphql-js's own `maxTokens`
 * and `queryCostPlugin`. Field suggestions are masked when introspection is off, since they
 * would reveal the schema piece by piece.
 */
export function operationLimits(limits: ApiLimits): { validationRules: ValidationRule[]; plugins: ApolloServerPlugin[] } {
  const { validationRules, plugins } = new ApolloArmor({
    maxDepth: { ...refuse, n: limits.maxDepth, flattenFragments: true, ignoreIntrospection: true },
    // graphql-armor lets `__typename` aliases through by default; 1,500 of them in a page of 500
    // turn a 20 KB request into a 9 MB answer, so they count like any other alias.
    maxAliases: { ...refuse, n: limits.maxAliases, allowList: [] },
    maxDirectives: { ...refuse, n: limits.maxDirectives },
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: !limits.introspection },
  }).protect();
  // graphql-armor ships CommonJS only, typed against Apollo's CommonJS build: same objects, other declarations.
  return { validationRules, plugins: plugins as unknown as ApolloServerPlugin[] };
}
