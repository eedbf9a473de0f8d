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

/** "5m ago" / "5分钟前". */
export function timeAgo(iso: string, now = Date.now(), lang: 'en' | 'zh' = 'en'): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '—';
  const s = Math.max(0, Math.round((now - t) / 1000));
  const [n, unit] = s < 60 ? [s, 0] : s < 3600 ? [Math.round(s / 60), 1] : s < 86400 ? [Math.round(s / 3600), 2] : [Math.round(s / 86400), 3];
  return lang === 'zh' ? `${n}${['秒', '分钟', '小时', '天'][unit]}前` : `${n}${['s', 'm', 'h', 'd'][unit]} ago`;
}

/** A timestamp for people: local date and time, to the second. */
export function formatDateTime(iso: string | null | undefined, lang: 'en' | 'zh' = 'en'): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** 0..1 → "87%". */
/** A confidence as a percentage. An estimate is never certainty: above 99.5% it reads ">99%". */
export function formatConfidence(c: number | null | undefined): string {
  if (typeof c !== 'number' || Number.isNaN(c)) return '—';
  if (c >= 0.995) return '>99%';
  if (c > 0 && c < 0.005) return '<1%';
  return `${Math.round(c * 100)}%`;
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
