'use client';

import { useEffect, useRef, useState } from 'react';
import { ALERT_STREAM_URL } from './api';

export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'offline';

export interface AlertEvent {
  type: 'alert.received' | 'alert.updated' | 'alert.enriched';
  id: string;
  at: string;
  data?: Record<string, unknown>;
}

const EVENT_TYPES = ['alert.received', 'alert.updated', 'alert.enriched'] as const;
/** The API sends a heartbeat every 15 s; silence for this long means the stream is dead. */
const STALE_MS = 45_000;
const MAX_BACKOFF_MS = 30_000;

/** Exponential backoff with jitter: 1 s, 2 s, 4 s … 30 s. */
export const backoffMs = (attempt: number): number => Math.round(Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt) * (0.8 + Math.random() * 0.4));

/**
 * The live alert stream (server-sent events). EventSource's own retry gives up on some errors
 * (a 503 from the proxy), so this closes and reconnects itself with backoff, and treats a
 * stream that stops sending heartbeats as dead. `onOpen` runs on every (re)connect so the
 * caller can refetch what it may have missed.
 */
export function useAlertStream(onEvent: (e: AlertEvent) => void, onOpen: () => void): { state: StreamState; retryAt?: number } {
  const [state, setState] = useState<StreamState>('connecting');
  const [retryAt, setRetryAt] = useState<number>();
  const handlers = useRef({ onEvent, onOpen });
  useEffect(() => {
    handlers.current = { onEvent, onOpen };
  });

  useEffect(() => {
    let es: EventSource | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let connectedBefore = false;
    let stopped = false;

    const alive = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => fail(), STALE_MS);
    };
    const fail = () => {
      es?.close();
      es = undefined;
      clearTimeout(watchdog);
      if (stopped) return;
      if (typeof navigator !== 'undefined' && navigator.onLine === false) {
        setState('offline');
        return; // the 'online' event reconnects
      }
      const delay = backoffMs(attempt++);
      setState('reconnecting');
      setRetryAt(Date.now() + delay);
      clearTimeout(retry);
      retry = setTimeout(connect, delay);
    };
    const connect = () => {
      if (stopped) return;
      clearTimeout(retry);
      es?.close();
      setState(connectedBefore ? 'reconnecting' : 'connecting');
      const source = new EventSource(ALERT_STREAM_URL);
      es = source;
      source.onopen = () => {
        attempt = 0;
        setState('live');
        setRetryAt(undefined);
        alive();
        connectedBefore = true;
        // Whatever happened while (re)connecting was not streamed: the caller refetches.
        handlers.current.onOpen();
      };
      source.onerror = () => {
        if (es === source) fail();
      };
      source.addEventListener('heartbeat', alive);
      for (const type of EVENT_TYPES) {
        source.addEventListener(type, (m: MessageEvent<string>) => {
          alive();
          try {
            const e = JSON.parse(m.data) as AlertEvent;
            if (e && typeof e.id === 'string') handlers.current.onEvent({ ...e, type });
          } catch {
            // not JSON: ignore
          }
        });
      }
    };
    const online = () => {
      attempt = 0;
      connect();
    };
    const offline = () => {
      es?.close();
      es = undefined;
      clearTimeout(retry);
      clearTimeout(watchdog);
      setState('offline');
    };
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    connect();
    return () => {
      stopped = true;
      es?.close();
      clearTimeout(retry);
      clearTimeout(watchdog);
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
    };
  }, []);

  return { state, retryAt };
}
