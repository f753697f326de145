import { useCallback, useEffect, useRef, useState } from 'react';
import type { InputOf, OutputOf } from '../../shared/rpc/define';
import type { CacheTopic, EventName, ProcedureName, Procedures } from '../../shared/contract';
import { AppError } from '../../shared/rpc/errors';
import { consoleClient } from './client';
import { throttledRefresh } from './refresh-throttle';

export interface QueryState<T> {
  /** The latest answer for this input (kept while a refresh runs, so views do not flicker). */
  data: T | null;
  error: string | null;
  loading: boolean;
  reload(): void;
}

interface Settled<T> {
  request: string;
  data: T | null;
  error: string | null;
}

/**
 * Calls a procedure when the component mounts or its input changes, cancelling the previous call.
 * `refreshOn` lists cache topics (tables, a closed set in the contract) whose `cache.changed` events refetch it (a burst of changes at most
 * once a second); `refreshOnEvents` lists other pushed events that do.
 */
export function useQuery<K extends ProcedureName>(
  proc: K,
  input: InputOf<Procedures, K>,
  options: { refreshOn?: CacheTopic[]; refreshOnEvents?: EventName[] } = {},
): QueryState<OutputOf<Procedures, K>> {
  const [settled, setSettled] = useState<Settled<OutputOf<Procedures, K>> | null>(null);
  const [generation, setGeneration] = useState(0);
  const key = JSON.stringify(input);
  const request = `${proc}:${key}:${generation}`;
  const refreshOn = options.refreshOn?.join(',') ?? '';
  const refreshOnEvents = options.refreshOnEvents?.join(',') ?? '';

  // A refresh asked for while an answer is on its way waits for that answer, then runs. Cancelling
  // it instead throws away work the core has begun, and while changes keep coming (alerts arriving
  // several times a second) a view could wait through one restarted call after another before it
  // shows anything at all.
  const inFlight = useRef(false);
  const refreshAfter = useRef(false);
  const refresh = useCallback(() => {
    if (inFlight.current) refreshAfter.current = true;
    else setGeneration((g) => g + 1);
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    inFlight.current = true;
    refreshAfter.current = false;
    const answered = (): void => {
      inFlight.current = false;
      if (!refreshAfter.current) return;
      refreshAfter.current = false;
      setGeneration((g) => g + 1);
    };
    consoleClient()
      .call(proc, JSON.parse(key) as InputOf<Procedures, K>, { signal: controller.signal })
      .then(
        (data) => {
          setSettled({ request, data, error: null });
          answered();
        },
        (e: unknown) => {
          if (e instanceof AppError && e.code === 'cancelled') return;
          setSettled((previous) => ({
            request,
            data: previous?.data ?? null,
            error: e instanceof Error ? e.message : String(e),
          }));
          answered();
        },
      );
    return () => {
      controller.abort();
      inFlight.current = false;
    };
  }, [proc, key, request]);

  useEffect(() => {
    if (!refreshOn) return;
    const tables = refreshOn.split(',') as CacheTopic[];
    const throttled = throttledRefresh(refresh);
    const off = consoleClient().on('cache.changed', (change) => {
      if (change.tables.some((t) => tables.includes(t))) throttled.request();
    });
    return () => {
      off();
      throttled.cancel();
    };
  }, [refreshOn, refresh]);

  useEffect(() => {
    if (!refreshOnEvents) return;
    const offs = (refreshOnEvents.split(',') as EventName[]).map((name) => consoleClient().on(name, refresh));
    return () => offs.forEach((off) => off());
  }, [refreshOnEvents, refresh]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  // An answer for other input is never shown; one for an older refresh of the same input is.
  const current = settled?.request.startsWith(`${proc}:${key}:`) ? settled : null;
  return {
    data: current?.data ?? null,
    error: current?.error ?? null,
    loading: settled?.request !== request,
    reload,
  };
}
