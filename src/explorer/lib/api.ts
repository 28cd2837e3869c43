/** The API this page is served by; the explorer talks to nothing else. */
export const GRAPHQL_URL = '/graphql';

export class GraphQLRequestError extends Error {
  override name = 'GraphQLRequestError';
}

declare const answer: unique symbol;
/** An operation's text carrying the type of its answer, so no view can read it as another's. */
export type Operation<TData> = string & { readonly [answer]?: TData };

/** Tags an operation's text with its answer's type, generated from the text (../generated/operations.ts). */
export function operation<TData>(text: string): Operation<TData> {
  return text as Operation<TData>;
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string }[];
}

/** Runs one operation; GraphQL errors become a thrown error whose message the views show as is. */
export async function gql<T>(query: Operation<T>, variables: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
  const response = await fetch(GRAPHQL_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
    signal,
  });
  let body: GraphQLResponse<T>;
  try {
    body = (await response.json()) as GraphQLResponse<T>;
  } catch {
    throw new GraphQLRequestError(`The API answered ${response.status} ${response.statusText} without JSON`);
  }
  if (body.errors?.length) throw new GraphQLRequestError(body.errors.map((error) => error.message).join('\n'));
  if (!body.data) throw new GraphQLRequestError(`The API answered ${response.status} without data`);
  return body.data;
}
