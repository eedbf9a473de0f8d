import { describe, expect, it } from 'vitest';
import { windowLabel, windowStart } from '../lib/time-windows';

describe('time windows', () => {
  const now = Date.parse('2026-11-26T12:00:00Z');

  it('start that long before now', () => {
    expect(windowStart('15m', now)).toBe('2026-11-26T11:45:00.000Z');
    expect(windowStart('24h', now)).toBe('2026-11-25T12:00:00.000Z');
    expect(windowStart('90d', now)).toBe('2026-08-28T12:00:00.000Z');
  });

  it('have no start for any time or for a value that is not a window', () => {
    expect(windowStart('', now)).toBeUndefined();
    expect(windowStart('2h', now)).toBeUndefined();
    expect(windowStart('toString', now)).toBeUndefined();
  });

  it('name their label', () => {
    expect(windowLabel('')).toBe('alerts.window.all');
    expect(windowLabel('7d')).toBe('alerts.window.7d');
  });
});
