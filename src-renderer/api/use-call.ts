import { useEffect, useState } from 'react';
import { api } from './client';
import { errorBody } from './errors';
import { explainCached } from './step-cache';
import type { ApiErrorBody, Input, Method, Results } from './types';

export interface CallState<T> {
  data: T | undefined;
  error: ApiErrorBody | undefined;
  loading: boolean;
}

/**
 * One call's result for the current input (null = nothing to ask yet). Answers to an older input
 * are dropped, so fast stepping never shows a stale step. `version` forces a refetch.
 */
export function useCall<M extends Method>(method: M, input: Input<M> | null, version = 0): CallState<Results[M]> {
  const key = input === null ? null : JSON.stringify(input);
  const [state, setState] = useState<CallState<Results[M]> & { key: string | null }>({ data: undefined, error: undefined, loading: key !== null, key: null });

  useEffect(() => {
    if (key === null) {
      setState({ data: undefined, error: undefined, loading: false, key });
      return;
    }
    let live = true;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    const input = JSON.parse(key) as Input<M>;
    const call = method === 'explainStep' ? explainCached(input as Input<'explainStep'>) : api().call(method, input);
    (call as Promise<Results[M]>)
      .then(
        (data) => live && setState({ data, error: undefined, loading: false, key }),
        (e: unknown) => live && setState({ data: undefined, error: errorBody(e), loading: false, key }),
      );
    return () => {
      live = false;
    };
  }, [method, key, version]);

  // Until the effect has run for a new key the old data is still shown, but marked loading.
  return { data: state.data, error: state.error, loading: state.loading || state.key !== key };
}
