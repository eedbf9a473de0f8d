import { AppError } from '@memegraph/contracts';
import { GrowableF64, GrowableU32 } from './growable';
import { scale } from './measurement';
import { type ProfileModel, type SampleLabel } from './profile.model';

/**
 * pprof's sample filters, applied to the model before any aggregation:
 * - focus: keep samples with a frame matching (function name, file, or binary);
 * - ignore: drop samples with a matching frame (wins over focus);
 * - hide: remove matching frames from stacks (a sample left with no frames is dropped);
 * - show: keep only matching frames;
 * - tagFocus / tagIgnore: keep / drop samples by label: "regex" matches "key:value" of any
 *   label, "key=regex[,regex]" a key's values, "key=10kb:1mb" (or "N", "N:", ":N") a numeric range.
 * Totals for percentages are taken before filtering, as pprof does.
 */
export interface FilterOptions {
  focus?: string | RegExp;
  ignore?: string | RegExp;
  hide?: string | RegExp;
  show?: string | RegExp;
  tagFocus?: string;
  tagIgnore?: string;
}

export const hasFilters = (f: FilterOptions | undefined): f is FilterOptions =>
  !!f && [f.focus, f.ignore, f.hide, f.show, f.tagFocus, f.tagIgnore].some((v) => v !== undefined && v !== '');

/** The filters as pprof lists them under "Active filters:" (focus=..., in pprof's order). */
export function activeFilters(f: FilterOptions | undefined): string[] {
  if (!f) return [];
  const src = (v: string | RegExp | undefined) => (v instanceof RegExp ? v.source : v);
  const pairs: [string, string | undefined][] = [
    ['focus', src(f.focus)],
    ['ignore', src(f.ignore)],
    ['hide', src(f.hide)],
    ['show', src(f.show)],
    ['tagfocus', f.tagFocus],
    ['tagignore', f.tagIgnore],
  ];
  return pairs.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${k}=${v}`);
}

/** Compiles a Go-style regexp; a leading (?i) becomes the i flag. Bad syntax is a BAD_REQUEST. */
export function compileRegex(name: string, value: string | RegExp | undefined): RegExp | undefined {
  if (value === undefined || value === '') return undefined;
  if (value instanceof RegExp) return value;
  let source = value;
  let flags = '';
  if (source.startsWith('(?i)')) {
    source = source.slice(4);
    flags = 'i';
  }
  try {
    return new RegExp(source, flags);
  } catch (err) {
    throw new AppError('BAD_REQUEST', `parsing ${name} regexp: ${(err as Error).message}`);
  }
}

type SampleTest = (labels: SampleLabel[] | undefined) => boolean;

/** Units of numeric label keys: the declared unit, else "bytes" for alignment/request, else the key. */
function numLabelUnits(m: ProfileModel): Map<string, string> {
  const units = new Map<string, string>();
  if (!m.labels) return units;
  for (const ls of m.labels) {
    for (const l of ls ?? []) {
      if (l.num === undefined) continue;
      if (l.unit && !units.get(l.key)) units.set(l.key, l.unit);
      else if (!units.has(l.key)) units.set(l.key, '');
    }
  }
  for (const [k, u] of units) if (!u) units.set(k, k === 'alignment' || k === 'request' ? 'bytes' : k);
  return units;
}

function parseRange(filter: string): ((v: number, unit: string) => boolean) | undefined {
  const rx = /([+-]?\d+)([a-zA-Z]+)?/g;
  const found = [...filter.matchAll(rx)].slice(0, 2);
  if (found.length === 0) return undefined;
  const [first, second] = found;
  const [lo, unit] = scale(Number(first![1]), first![2] ?? '', first![2] ?? '');
  const inUnit = (v: number, u: string): number | undefined => {
    const [sv, su] = scale(v, u, unit);
    return su === unit ? sv : undefined;
  };
  if (!second) {
    const match = first![0];
    if (filter === match) return (v, u) => inUnit(v, u) === lo;
    if (filter === `${match}:`) return (v, u) => (inUnit(v, u) ?? -Infinity) >= lo;
    if (filter === `:${match}`) return (v, u) => (inUnit(v, u) ?? Infinity) <= lo;
    return undefined;
  }
  if (filter !== `${first![0]}:${second[0]}`) return undefined;
  const [hi, unit2] = scale(Number(second[1]), second[2] ?? '', unit);
  if (unit2 !== unit) return undefined;
  return (v, u) => {
    const sv = inUnit(v, u);
    return sv !== undefined && sv >= lo && sv <= hi;
  };
}

function compileTagFilter(name: string, value: string | undefined, units: Map<string, string>): SampleTest | undefined {
  if (!value) return undefined;
  let wantKey = '';
  const eq = value.indexOf('=');
  if (eq >= 0) {
    wantKey = value.slice(0, eq);
    value = value.slice(eq + 1);
  }
  const range = parseRange(value);
  if (range) {
    return (labels) =>
      (labels ?? []).some((l) => l.num !== undefined && (wantKey === '' || l.key === wantKey) && range(l.num, units.get(l.key) ?? l.key));
  }
  const rxs = value.split(',').map((v) => compileRegex(name, v) ?? /(?:)/);
  if (wantKey === '') {
    // Every regexp must match some "key:value" string label.
    return (labels) => rxs.every((rx) => (labels ?? []).some((l) => l.str !== undefined && rx.test(`${l.key}:${l.str}`)));
  }
  return (labels) => {
    const vals = (labels ?? []).filter((l) => l.key === wantKey && l.str !== undefined);
    return vals.length > 0 && rxs.some((rx) => vals.some((l) => rx.test(l.str!)));
  };
}

/** Returns a filtered copy of the model (functions and mappings shared); the input is not modified. */
export function applyFilters(m: ProfileModel, f: FilterOptions): ProfileModel {
  const focus = compileRegex('focus', f.focus);
  const ignore = compileRegex('ignore', f.ignore);
  const hide = compileRegex('hide', f.hide);
  const show = compileRegex('show', f.show);
  const units = numLabelUnits(m);
  const tagFocus = compileTagFilter('tagfocus', f.tagFocus, units);
  const tagIgnore = compileTagFilter('tagignore', f.tagIgnore, units);
  const byName = !!(focus || ignore || hide || show);
  if (!byName && !tagFocus && !tagIgnore) return m;

  const locCount = m.locAddress.length;
  const lineMatches = (i: number, rx: RegExp): boolean => {
    const fn = m.lineFunc[i]!;
    return fn >= 0 && (rx.test(m.funcName[fn]!) || rx.test(m.funcFile[fn]!));
  };
  const mappingMatches = (l: number, rx: RegExp): boolean => {
    const mi = m.locMapping[l]!;
    return mi >= 0 && rx.test(m.mappings[mi]!.file);
  };
  const locMatches = (l: number, rx: RegExp): boolean => {
    for (let i = m.locLineStart[l]!; i < m.locLineStart[l + 1]!; i++) if (lineMatches(i, rx)) return true;
    return mappingMatches(l, rx);
  };

  // Per location: 1 focused, 2 ignored, 0 neither; hidden locations vanish from stacks.
  const mark = new Uint8Array(locCount);
  const hidden = new Uint8Array(locCount);
  let anyHidden = false;
  let lines = { start: m.locLineStart, func: m.lineFunc, number: m.lineNumber, column: m.lineColumn };
  if (byName) {
    const keep = new Uint8Array(m.lineFunc.length).fill(1);
    let linesChanged = false;
    for (let l = 0; l < locCount; l++) {
      if (ignore && locMatches(l, ignore)) mark[l] = 2;
      else if (!focus || locMatches(l, focus)) mark[l] = 1;
      const a = m.locLineStart[l]!;
      const b = m.locLineStart[l + 1]!;
      if (hide && locMatches(l, hide)) {
        const dropAll = mappingMatches(l, hide);
        let left = 0;
        for (let i = a; i < b; i++) {
          if (dropAll || lineMatches(i, hide)) {
            keep[i] = 0;
            linesChanged = true;
          } else left++;
        }
        if (left === 0) hidden[l] = 1;
      }
      if (show) {
        const keepAll = mappingMatches(l, show);
        let left = 0;
        for (let i = a; i < b; i++) {
          if (keep[i] && !keepAll && !lineMatches(i, show)) {
            keep[i] = 0;
            linesChanged = true;
          } else if (keep[i]) left++;
        }
        if (left === 0) hidden[l] = 1;
      }
      if (hidden[l]) anyHidden = true;
    }
    if (linesChanged) lines = compactLines(m, keep);
  }

  const T = m.sampleTypes.length;
  const stackStart = new GrowableU32(m.sampleCount + 1);
  const stackLocs = new GrowableU32(Math.max(16, m.stackLocs.length));
  const values = new GrowableF64(Math.max(16, m.values.length));
  const labels: (SampleLabel[] | undefined)[] | undefined = m.labels ? [] : undefined;
  let count = 0;
  for (let s = 0; s < m.sampleCount; s++) {
    const a = m.stackStart[s]!;
    const b = m.stackStart[s + 1]!;
    if (byName) {
      let focused = false;
      let ignored = false;
      for (let i = a; i < b && !ignored; i++) {
        const k = mark[m.stackLocs[i]!]!;
        if (k === 2) ignored = true;
        else if (k === 1) focused = true;
      }
      if (ignored || !focused) continue;
    }
    const sampleLabels = m.labels?.[s];
    if (tagFocus && !tagFocus(sampleLabels)) continue;
    if (tagIgnore && tagIgnore(sampleLabels)) continue;
    const before = stackLocs.length;
    for (let i = a; i < b; i++) {
      const l = m.stackLocs[i]!;
      if (!hidden[l]) stackLocs.push(l);
    }
    if (anyHidden && stackLocs.length === before) continue;
    stackStart.push(before);
    for (let i = 0; i < T; i++) values.push(m.values[s * T + i]!);
    if (labels) labels[count] = sampleLabels;
    count++;
  }
  stackStart.push(stackLocs.length);
  return {
    ...m,
    locLineStart: lines.start,
    lineFunc: lines.func,
    lineNumber: lines.number,
    lineColumn: lines.column,
    sampleCount: count,
    stackStart: stackStart.toArray(),
    stackLocs: stackLocs.toArray(),
    values: values.toArray(),
    labels,
  };
}

function compactLines(m: ProfileModel, keep: Uint8Array) {
  const locCount = m.locAddress.length;
  const start = new Uint32Array(locCount + 1);
  const func: number[] = [];
  const number: number[] = [];
  const column: number[] = [];
  for (let l = 0; l < locCount; l++) {
    start[l] = func.length;
    for (let i = m.locLineStart[l]!; i < m.locLineStart[l + 1]!; i++) {
      if (!keep[i]) continue;
      func.push(m.lineFunc[i]!);
      number.push(m.lineNumber[i]!);
      column.push(m.lineColumn[i]!);
    }
  }
  start[locCount] = func.length;
  return { start, func: Int32Array.from(func), number: Float64Array.from(number), column: Float64Array.from(column) };
}
