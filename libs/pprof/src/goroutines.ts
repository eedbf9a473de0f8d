import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { AppError } from '@memegraph/contracts';
import { isGzip, sniffInput, unpackInput } from './decode';
import { buildFrameTable } from './frames';
import { type DumpFormat, type DumpRecord, type DumpSummary, GoroutineDumpParser, parseDumpBytes, parseGoroutineDump } from './goroutine-dump.parser';
import { type ProfileLimits, withLimits } from './limits';
import { decodeProfileModel } from './profile.decoder';
import { type ProfileModel } from './profile.model';

/**
 * Goroutines grouped by state and identical stack, like panicparse: one group per
 * (state, function list, creator), found with one hash lookup per goroutine, so 100,000
 * goroutines group in linear time. Works from debug=2 dumps (state, wait minutes, creator),
 * debug=1 dumps (counted stacks, state "unknown") and proto goroutine profiles (counts from
 * sample values, state "unknown").
 */
export interface GoroutineGroup {
  state: string;
  count: number;
  /** Wait minutes across the group; 0 when the dump shows none (under a minute, or not recorded). */
  waitMinutes: { min: number; max: number };
  /** Function names, innermost first, like the dump. */
  stack: string[];
  /** "file:line" per frame when the source shows it, else ''. */
  where: string[];
  createdBy: string | null;
  createdByWhere?: string;
  /** The innermost application frame (else the innermost non-runtime frame): where the group waits. */
  waitingAt: string;
  /** Members locked to an OS thread. */
  lockedToThread: number;
  /** Labels shared by every member, when they agree. */
  labels?: Record<string, string>;
  /** Up to five goroutine ids (debug=2 only). */
  ids: number[];
  framesElided: boolean;
}

export type GoroutineSource = 'proto' | DumpFormat;

export interface GoroutineReport {
  source: GoroutineSource;
  total: number;
  /** The total the dump declares ("goroutine profile: total N"), when it does. */
  declaredTotal?: number;
  /** Goroutines per state, largest first. */
  byState: Record<string, number>;
  /** Groups, largest first. */
  groups: GoroutineGroup[];
  /** Goroutine counts by waiting-at frame, largest first. */
  waitingAt: { frame: string; count: number }[];
  /** Lines before the first goroutine of a panic or SIGQUIT trace. */
  preamble: string[];
}

const RUNTIME_FRAME = /^(runtime\.|runtime\/internal\/|internal\/|sync\.runtime_|sync\/atomic\.)/;

/** Application code: package main, or an import path whose first element has a dot (not the standard library). */
function isApplicationFrame(fn: string): boolean {
  const slash = fn.indexOf('/');
  const first = slash >= 0 ? fn.slice(0, slash) : fn.slice(0, Math.max(0, fn.indexOf('.')));
  return first === 'main' || (slash >= 0 && first.includes('.'));
}

/**
 * Where a group waits, for people reading it: the innermost application frame (the code that
 * called into the blocking operation); failing that, the innermost frame outside the runtime
 * (gopark, selectgo, semacquire...); failing that, the innermost frame.
 */
export function waitingAt(stack: string[]): string {
  for (const f of stack) if (isApplicationFrame(f)) return f;
  for (const f of stack) if (!RUNTIME_FRAME.test(f)) return f;
  return stack[0] ?? '';
}

/** Strings sliced from a large dump keep the whole dump alive; groups keep copies instead. */
const own = (s: string): string => Buffer.from(s, 'utf8').toString('utf8');

function sameLabels(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

class Grouper {
  private readonly groups = new Map<string, GoroutineGroup & { mixedLabels?: boolean }>();
  total = 0;

  add(state: string, count: number, funcs: string[], where: string[], r?: DumpRecord): void {
    if (count === 0) return;
    this.total += count;
    const createdBy = r?.createdBy ?? '';
    const key = `${state}\u0000${createdBy}\u0000${funcs.join('\u0001')}`;
    let g = this.groups.get(key);
    if (!g) {
      const stack = funcs.map(own);
      g = {
        state: own(state),
        count: 0,
        waitMinutes: { min: r?.waitMinutes ?? 0, max: r?.waitMinutes ?? 0 },
        stack,
        where: where.map(own),
        createdBy: createdBy ? own(createdBy) : null,
        waitingAt: waitingAt(stack),
        lockedToThread: 0,
        labels: r?.labels,
        ids: [],
        framesElided: r?.framesElided ?? false,
      };
      if (r?.createdByWhere) g.createdByWhere = own(r.createdByWhere);
      this.groups.set(key, g);
    } else if (!g.mixedLabels && !sameLabels(g.labels, r?.labels)) {
      g.mixedLabels = true;
      g.labels = undefined;
    }
    g.count += count;
    if (r) {
      if (r.waitMinutes < g.waitMinutes.min) g.waitMinutes.min = r.waitMinutes;
      if (r.waitMinutes > g.waitMinutes.max) g.waitMinutes.max = r.waitMinutes;
      if (r.lockedToThread) g.lockedToThread += count;
      if (r.id >= 0 && g.ids.length < 5) g.ids.push(r.id);
    }
  }

  report(source: GoroutineSource, extra: Partial<GoroutineReport> = {}): GoroutineReport {
    const groups = [...this.groups.values()].map((g) => {
      const { mixedLabels: _mixed, ...rest } = g;
      if (!rest.labels) delete rest.labels;
      return rest;
    });
    groups.sort((a, b) => b.count - a.count || (a.state < b.state ? -1 : a.state > b.state ? 1 : 0) || cmp(a.stack.join('\n'), b.stack.join('\n')));
    const states = new Map<string, number>();
    const waits = new Map<string, number>();
    for (const g of groups) {
      states.set(g.state, (states.get(g.state) ?? 0) + g.count);
      waits.set(g.waitingAt, (waits.get(g.waitingAt) ?? 0) + g.count);
    }
    const byCount = <T extends [string, number]>(a: T, b: T) => b[1] - a[1] || cmp(a[0], b[0]);
    return {
      source,
      total: this.total,
      ...extra,
      byState: Object.fromEntries([...states].sort(byCount)),
      groups,
      waitingAt: [...waits].sort(byCount).slice(0, 20).map(([frame, count]) => ({ frame, count })),
      preamble: extra.preamble ?? [],
    };
  }
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Groups a goroutine text dump (debug=1, debug=2, panic or SIGQUIT trace), as a string or bytes (gzipped or not). */
export function groupGoroutineDump(input: string | Uint8Array, overrides: Partial<ProfileLimits> = {}): GoroutineReport {
  const grouper = new Grouper();
  return finish(grouper, parseGoroutineDump(input, (r) => grouper.add(r.state || 'unknown', r.count, r.funcs, r.where, r), overrides));
}

function finish(grouper: Grouper, summary: DumpSummary): GoroutineReport {
  if (!summary.format) throw new AppError('UNSUPPORTED_FORMAT', 'not a goroutine dump: no "goroutine N [...]:" block or "goroutine profile: total N" header');
  return grouper.report(summary.format, { declaredTotal: summary.declaredTotal, preamble: summary.preamble });
}

/**
 * Visits each sample of a goroutine profile with its stack (function names and "file:line",
 * innermost first; the arrays are reused between calls) and its goroutine count.
 */
export function forEachGoroutineStack(m: ProfileModel, visit: (funcs: string[], where: string[], count: number, sample: number) => void): void {
  const vi = m.sampleTypes.findIndex((t) => t.type === 'goroutine');
  if (vi < 0) throw new AppError('UNSUPPORTED_FORMAT', `not a goroutine profile: its sample types are ${m.sampleTypes.map((t) => t.type).join(', ')}`);
  const frames = buildFrameTable(m, 'functions');
  const T = m.sampleTypes.length;
  const funcs: string[] = [];
  const where: string[] = [];
  for (let s = 0; s < m.sampleCount; s++) {
    funcs.length = 0;
    where.length = 0;
    for (let i = m.stackStart[s]!; i < m.stackStart[s + 1]!; i++) {
      const l = m.stackLocs[i]!;
      for (let j = frames.locStart[l]!; j < frames.locStart[l + 1]!; j++) {
        const f = frames.frames[j]!;
        funcs.push(frames.names[f]!);
        const li = m.locLineStart[l]! + (j - frames.locStart[l]!);
        const fn = li < m.locLineStart[l + 1]! ? m.lineFunc[li]! : -1;
        where.push(fn >= 0 && m.funcFile[fn] ? `${m.funcFile[fn]}:${m.lineNumber[li]}` : '');
      }
    }
    visit(funcs, where, m.values[s * T + vi]!, s);
  }
}

/** Groups a proto goroutine profile by stack; counts come from sample values, state is unknown. */
export function groupGoroutineProfile(m: ProfileModel): GoroutineReport {
  const grouper = new Grouper();
  forEachGoroutineStack(m, (funcs, where, count, s) => {
    const labels = m.labels?.[s];
    const strLabels = labels?.some((l) => l.str !== undefined) ? Object.fromEntries(labels.filter((l) => l.str !== undefined).map((l) => [l.key, l.str!])) : undefined;
    const record: DumpRecord = { id: -1, count: 1, state: 'unknown', waitMinutes: 0, lockedToThread: false, funcs, where, args: [], framesElided: false, labels: strLabels };
    grouper.add('unknown', count, funcs, where, record);
  });
  return grouper.report('proto');
}

/** Groups goroutines from any input the goroutine endpoints produce: proto (gz or not) or text dump (gz or not). */
export function analyzeGoroutines(input: Uint8Array | string, overrides: Partial<ProfileLimits> = {}): GoroutineReport {
  if (typeof input === 'string') return groupGoroutineDump(input, overrides);
  const limits = withLimits(overrides);
  const raw = unpackInput(input, limits);
  if (sniffInput(raw) === 'goroutine-text') {
    const grouper = new Grouper();
    return finish(grouper, parseDumpBytes(raw, (r) => grouper.add(r.state || 'unknown', r.count, r.funcs, r.where, r), limits));
  }
  return groupGoroutineProfile(decodeProfileModel(raw, limits));
}

/**
 * Groups a text dump as it arrives (an upload or HTTP body), gzipped or not, without holding
 * the whole dump: chunks are gunzipped and parsed incrementally, and the decompressed size is
 * capped like every other input.
 */
export async function groupGoroutineDumpStream(source: AsyncIterable<Uint8Array | string>, overrides: Partial<ProfileLimits> = {}): Promise<GoroutineReport> {
  const limits = withLimits(overrides);
  const grouper = new Grouper();
  const parser = new GoroutineDumpParser((r) => grouper.add(r.state || 'unknown', r.count, r.funcs, r.where, r), limits.maxGoroutines);
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) throw new AppError('EMPTY_FILE', 'the dump is empty');
  const rest = async function* () {
    yield first.value;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  };
  const toBytes = (c: Uint8Array | string) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c);
  let input: AsyncIterable<Uint8Array> = (async function* () {
    for await (const c of rest()) yield toBytes(c);
  })();
  if (isGzip(toBytes(first.value))) input = Readable.from(input).pipe(createGunzip());
  const decoder = new StringDecoder('utf8');
  let size = 0;
  try {
    for await (const chunk of input) {
      size += chunk.length;
      if (size > limits.maxDecompressedBytes) {
        throw new AppError('LIMIT_EXCEEDED', `dump decompresses to more than ${limits.maxDecompressedBytes} bytes`, { limit: 'maxDecompressedBytes', value: limits.maxDecompressedBytes });
      }
      parser.write(decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (code.startsWith('Z_') || code.startsWith('ERR_')) throw new AppError('CORRUPT_PROFILE', `gzip stream is corrupt or truncated: ${(err as Error).message}`);
    throw err;
  }
  parser.write(decoder.end());
  return finish(grouper, parser.end());
}
