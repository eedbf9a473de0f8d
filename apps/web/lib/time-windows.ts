import { type MessageKey } from './messages';

/** The "started within" choices of the filter bars; '' is any time. */
const WINDOWS = {
  '': { ms: 0, key: 'alerts.window.all' },
  '15m': { ms: 15 * 60_000, key: 'alerts.window.15m' },
  '1h': { ms: 3600_000, key: 'alerts.window.1h' },
  '6h': { ms: 6 * 3600_000, key: 'alerts.window.6h' },
  '24h': { ms: 24 * 3600_000, key: 'alerts.window.24h' },
  '7d': { ms: 7 * 86400_000, key: 'alerts.window.7d' },
  '30d': { ms: 30 * 86400_000, key: 'alerts.window.30d' },
  '90d': { ms: 90 * 86400_000, key: 'alerts.window.90d' },
} satisfies Record<string, { ms: number; key: MessageKey }>;

export type WindowValue = keyof typeof WINDOWS;

export const windowLabel = (value: WindowValue): MessageKey => WINDOWS[value].key;

/** Where a window starts, as an ISO time; undefined for any time or a value that is not a window. */
export function windowStart(value: string, now = Date.now()): string | undefined {
  const ms = Object.hasOwn(WINDOWS, value) ? WINDOWS[value as WindowValue].ms : 0;
  return ms ? new Date(now - ms).toISOString() : undefined;
}
