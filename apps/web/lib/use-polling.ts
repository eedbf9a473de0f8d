'use client';

import { useEffect, useRef } from 'react';
import { ApiError, errorText } from './api';

export interface LoadError {
  status: number;
  text: string;
}

interface Polling<T> {
  /** Polling runs while true, and restarts when `key` changes. */
  active: boolean;
  key: string;
  intervalMs: number;
  load: (signal: AbortSignal) => Promise<T>;
  /** Whether to load again after this value (`loads` counts this run's successful loads). */
  again: (value: T, loads: number) => boolean;
  onValue: (value: T) => void;
  onError: (error: LoadError | undefined) => void;
}

/**
 * Loads a record and keeps loading it while it is still changing (a job in progress). A 404
 * stops it — the id is wrong and waiting will not help; other errors retry at a third of the
 * pace. Callbacks may be fresh closures each render: only `active`, `key` and the interval
 * restart it.
 */
export function usePolling<T>(p: Polling<T>): void {
  const latest = useRef(p);
  latest.current = p;
  const { active, key, intervalMs } = p;
  useEffect(() => {
    if (!active) return;
    const ac = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let loads = 0;
    const tick = async () => {
      try {
        const value = await latest.current.load(ac.signal);
        if (ac.signal.aborted) return;
        latest.current.onValue(value);
        latest.current.onError(undefined);
        if (latest.current.again(value, ++loads)) timer = setTimeout(tick, intervalMs);
      } catch (err) {
        if (ac.signal.aborted) return;
        latest.current.onError({ status: err instanceof ApiError ? err.status : 0, text: errorText(err) });
        if (!(err instanceof ApiError && err.status === 404)) timer = setTimeout(tick, intervalMs * 3);
      }
    };
    void tick();
    return () => {
      ac.abort();
      clearTimeout(timer);
    };
  }, [active, key, intervalMs]);
}
