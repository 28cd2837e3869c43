import { useEffect, useState } from 'react';
import { gql, type Operation } from './api';

export interface QueryState<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
}

/**
 * Runs `query` whenever the variables change (compared as JSON), dropping answers to stale
 * requests so a slow earlier answer never overwrites a newer one. `skip` waits for inputs.
 */
export function useQuery<T>(query: Operation<T>, variables: Record<string, unknown>, skip = false): QueryState<T> {
  const [state, setState] = useState<QueryState<T>>({ data: undefined, error: undefined, loading: !skip });
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (skip) {
      setState({ data: undefined, error: undefined, loading: false });
      return;
    }
    const controller = new AbortController();
    setState((previous) => ({ ...previous, error: undefined, loading: true }));
    gql<T>(query, JSON.parse(key) as Record<string, unknown>, controller.signal).then(
      (data) => setState({ data, error: undefined, loading: false }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ data: undefined, error: error instanceof Error ? error.message : String(error), loading: false });
      },
    );
    return () => controller.abort();
  }, [query, key, skip]);
  return state;
}
