/** Human units for profile values, in the style of go tool pprof. */
export function formatValue(value: number, unit: string): string {
  if (unit === 'nanoseconds') {
    if (value >= 1e9) return `${(value / 1e9).toFixed(2)}s`;
    if (value >= 1e6) return `${(value / 1e6).toFixed(2)}ms`;
    if (value >= 1e3) return `${(value / 1e3).toFixed(2)}µs`;
    return `${value}ns`;
  }
  if (unit === 'bytes') {
    const units = ['B', 'kB', 'MB', 'GB', 'TB'];
    let v = value;
    let i = 0;
    while (v >= 1024 && i < units.length - 1) {
      v /= 1024;
      i++;
    }
    return `${i === 0 ? v : v.toFixed(2)}${units[i]}`;
  }
  return value.toLocaleString('en-US');
}

export const formatBytes = (n: number) => formatValue(n, 'bytes');

export function timeAgo(iso: string, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.round(s / 60)}m ago`;
  if (s < 86400) return `${Math.round(s / 3600)}h ago`;
  return `${Math.round(s / 86400)}d ago`;
}

/** A share as a percentage with sensible precision: 42.1%, 3.27%, 0.042%. */
export function formatPct(part: number, whole: number): string {
  if (!whole) return '0%';
  const p = (part / whole) * 100;
  const a = Math.abs(p);
  if (a === 0) return '0%';
  if (a >= 10) return `${p.toFixed(1)}%`;
  if (a >= 0.1) return `${p.toFixed(2)}%`;
  if (a >= 0.001) return `${p.toFixed(3)}%`;
  return p > 0 ? '<0.001%' : '>−0.001%';
}

/** A percentage that is already 0..100. */
export const formatPercent = (p: number): string => formatPct(p, 100);

/** A signed value, for diffs: +1.20s, −300ms. */
export function formatDelta(value: number, unit: string): string {
  if (value === 0) return `±${formatValue(0, unit)}`;
  return `${value > 0 ? '+' : '−'}${formatValue(Math.abs(value), unit)}`;
}

/** Profile durations: 30s, 2m05s, 850ms. */
export function formatDuration(nanos: number): string {
  if (!nanos) return '—';
  const s = nanos / 1e9;
  if (s < 1) return `${Math.round(nanos / 1e6)}ms`;
  if (s < 60) return `${s.toFixed(s < 10 ? 2 : 1)}s`;
  const m = Math.floor(s / 60);
  const rest = Math.round(s - m * 60);
  return `${m}m${String(rest).padStart(2, '0')}s`;
}

/** A sample type for humans: "cpu (nanoseconds)" → "cpu · time". */
export function unitLabel(unit: string): string {
  if (unit === 'nanoseconds') return 'time';
  if (unit === 'bytes') return 'bytes';
  if (unit === 'count') return 'count';
  return unit;
}
