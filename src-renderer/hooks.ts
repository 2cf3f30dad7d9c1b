import { useEffect, useRef, useState } from 'react';
import type { Input, MethodName, Output } from '../src-shared/contract';
import { ApiError, call, onEvent } from './api';

export interface QueryState<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
}

/**
 * Calls a read method and calls it again when one of `tables` changes (this window, another
 * window or the sync engine). The previous data stays on screen while the new answer comes.
 */
export function useQuery<M extends MethodName>(name: M, input: Input<M>, tables: readonly string[]): QueryState<Output<M>> {
  const [state, setState] = useState<QueryState<Output<M>>>({ data: null, error: null, loading: true });
  const key = JSON.stringify(input);
  const [version, setVersion] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    const ticket = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    call(name, JSON.parse(key) as Input<M>).then(
      (data) => ticket === latest.current && setState({ data, error: null, loading: false }),
      (e: unknown) =>
        ticket === latest.current &&
        setState((s) => ({
          data: s.data,
          error: e instanceof ApiError ? e : new ApiError({ code: 'internal', message: String(e) }),
          loading: false,
        })),
    );
  }, [name, key, version]);

  const tablesKey = tables.join(',');
  useEffect(
    () =>
      onEvent('changed', ({ tables: changed }) => {
        if (changed.some((t) => tablesKey.split(',').includes(t))) setVersion((v) => v + 1);
      }),
    [tablesKey],
  );

  return state;
}

const countFormat = new Intl.NumberFormat('fr-FR');
export const formatCount = (n: number) => countFormat.format(n);
