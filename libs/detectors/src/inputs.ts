import {
  type DumpRecord,
  type GoroutineReport,
  type ProfileLimits,
  type ProfileModel,
  analyzeGoroutines,
  forEachGoroutineStack,
  groupGoroutineProfile,
  parseDumpBytes,
  profileKind,
  readProfile,
  sniffInput,
  unpackInput,
  withLimits,
} from '@memegraph/pprof';
import { type InputKind } from './finding';

/** Where a snapshot sits in time: an explicit order, a capture time, or both. */
export interface SnapshotInfo {
  order?: number;
  timeNanos?: number;
}

export interface ProfileInput {
  name: string;
  profile: ProfileModel;
  /** Overrides the kind read from the sample types (e.g. 'mutex' vs 'block', which look alike). */
  kind?: InputKind;
  snapshot?: SnapshotInfo;
}

export interface GoroutineInput {
  name: string;
  goroutines: GoroutineReport;
  /** Goroutines blocked acquiring a sync lock, per call site (loadInput fills it in). */
  lockWaits?: LockWait[];
  snapshot?: SnapshotInfo;
}

export type AnalysisInput = ProfileInput | GoroutineInput;

export const isProfileInput = (i: AnalysisInput): i is ProfileInput => 'profile' in i;

/** Goroutines blocked acquiring one lock at one call site, from a dump or goroutine profile. */
export interface LockWait {
  count: number;
  /** Dump state ("sync.Mutex.Lock", "semacquire"), '' when the format has none. */
  state: string;
  /** Longest wait in minutes (debug=2 only; 0 when not shown). */
  waitMinutes: number;
  /** Mutex address from the lockSlow / Lock argument (debug=2 only). */
  address?: string;
  /** The function that called Lock/RLock. */
  site: string;
  /** "file:line" of that call, when the format shows it. */
  where?: string;
  /** Raw argument text of the site frame (debug=2 only). */
  siteArgs?: string;
  /** Stack, innermost first, without runtime frames. */
  stack: string[];
  /** Up to five goroutine ids (debug=2 only). */
  ids: number[];
  createdBy?: string;
}

const LOCK_FRAME = /^(sync|internal\/sync)\.(\(\*(Mutex|RWMutex)\)\.(Lock|RLock|lockSlow|rLockSlow)|runtime_Semacquire(Mutex|RWMutex|RWMutexR))$/;
const SYNC_OR_RUNTIME = /^(runtime\.|runtime\/internal\/|internal\/runtime\/|sync\.|internal\/sync\.)/;
const ADDRESS = /0x[0-9a-fA-F]+/;

/** Reads the lock wait out of one goroutine's stack, or undefined when it waits for no lock. */
export function lockWaitOf(funcs: string[], where: string[], args: string[] | undefined): Omit<LockWait, 'count' | 'state' | 'waitMinutes' | 'ids'> | undefined {
  let outer = -1;
  for (let i = 0; i < funcs.length; i++) {
    if (LOCK_FRAME.test(funcs[i]!)) outer = i;
    else if (outer >= 0 && !SYNC_OR_RUNTIME.test(funcs[i]!)) break;
  }
  if (outer < 0) return undefined;
  // Only waits: the stack must go through a lock acquisition (not Unlock's semrelease).
  let site = outer + 1;
  while (site < funcs.length && SYNC_OR_RUNTIME.test(funcs[site]!)) site++;
  if (site >= funcs.length) return undefined;
  let address: string | undefined;
  if (args) {
    // The outermost sync frame printing a concrete receiver: Lock when not inlined, else lockSlow.
    for (let i = outer; i >= 0 && !address; i--) {
      if (!/^(sync|internal\/sync)\.\(\*(Mutex|RWMutex)\)\./.test(funcs[i]!)) continue;
      const m = ADDRESS.exec(args[i] ?? '');
      if (m && !/\?$/.test(m[0])) address = m[0].toLowerCase();
    }
  }
  const stack = funcs.filter((f) => !/^(runtime\.|runtime\/internal\/|internal\/runtime\/)/.test(f));
  const w = where[site] || undefined;
  const out: Omit<LockWait, 'count' | 'state' | 'waitMinutes' | 'ids'> = { site: funcs[site]!, stack };
  if (address) out.address = address;
  if (w) out.where = w;
  if (args?.[site]) out.siteArgs = args[site];
  return out;
}

/** Aggregates lock waits by (address, site, line, state). */
class LockWaitCollector {
  private readonly byKey = new Map<string, LockWait>();

  add(funcs: string[], where: string[], args: string[] | undefined, count: number, state: string, waitMinutes: number, id: number, createdBy?: string): void {
    if (count <= 0) return;
    const w = lockWaitOf(funcs, where, args);
    if (!w) return;
    const key = [w.address ?? '', w.site, w.where ?? '', state].join('\u0000');
    let lw = this.byKey.get(key);
    if (!lw) {
      lw = { ...w, count: 0, state, waitMinutes: 0, ids: [], stack: [...w.stack] };
      if (createdBy) lw.createdBy = createdBy;
      this.byKey.set(key, lw);
    }
    lw.count += count;
    if (waitMinutes > lw.waitMinutes) lw.waitMinutes = waitMinutes;
    if (id >= 0 && lw.ids.length < 5) lw.ids.push(id);
  }

  result(): LockWait[] {
    return [...this.byKey.values()].sort((a, b) => b.count - a.count || (a.site < b.site ? -1 : a.site > b.site ? 1 : 0));
  }
}

/** Lock waits of a goroutine text dump (debug=1 or debug=2), from its uncompressed bytes. */
export function lockWaitsFromDump(raw: Uint8Array, limits: ProfileLimits = withLimits()): LockWait[] {
  const c = new LockWaitCollector();
  parseDumpBytes(
    raw,
    (r: DumpRecord) => c.add(r.funcs, r.where, r.args.length ? r.args : undefined, r.count, r.state, r.waitMinutes, r.id, r.createdBy),
    limits,
  );
  return c.result();
}

/** Lock waits of a proto goroutine profile: per sample stack with source lines, no state. */
export function lockWaitsFromProfile(m: ProfileModel): LockWait[] {
  if (!m.sampleTypes.some((t) => t.type === 'goroutine')) return [];
  const c = new LockWaitCollector();
  forEachGoroutineStack(m, (funcs, where, count) => c.add(funcs, where, undefined, count, '', 0, -1));
  return c.result();
}

/** Lock waits approximated from groups (first member's lines), for inputs built without loadInput. */
export function lockWaitsFromReport(report: GoroutineReport): LockWait[] {
  const c = new LockWaitCollector();
  for (const g of report.groups) {
    const args = (g as { args?: string[] }).args;
    c.add(g.stack, g.where, args, g.count, g.state === 'unknown' ? '' : g.state, g.waitMinutes.max, g.ids[0] ?? -1, g.createdBy ?? undefined);
  }
  return c.result();
}

/**
 * mutex and block profiles share sample types. The mutex profile charges delay to the unlocking
 * stack (leaf ...Unlock / runtime.unlock), the block profile to the blocked one (Lock, selectgo,
 * chanrecv, Wait), so the leaves decide; the file name only breaks a tie (no samples).
 */
export function contentionKind(name: string, m: ProfileModel): 'mutex' | 'block' {
  const di = m.sampleTypes.findIndex((t) => t.type === 'delay');
  const T = m.sampleTypes.length;
  let unlock = 0;
  let all = 0;
  for (let s = 0; s < m.sampleCount; s++) {
    const a = m.stackStart[s]!;
    if (a === m.stackStart[s + 1]) continue;
    const l = m.stackLocs[a]!;
    const li = m.locLineStart[l]!;
    const f = li < m.locLineStart[l + 1]! ? m.lineFunc[li]! : -1;
    const fname = f >= 0 ? m.funcName[f]! : '';
    const w = Math.abs(di >= 0 ? m.values[s * T + di]! : 1) || 1;
    all += w;
    if (/\.(\(\*\w+\)\.)?(unlock|Unlock|RUnlock|unlockSlow|rUnlockSlow|unlockWithRank)$/.test(fname)) unlock += w;
  }
  if (all > 0) return unlock / all >= 0.5 ? 'mutex' : 'block';
  const base = name.split(/[\\/]/).pop() ?? name;
  const tokens = base.split(/[._-]/);
  const last = tokens.filter((x) => x === 'mutex' || x === 'block').pop();
  return last === 'mutex' ? 'mutex' : 'block';
}

/** The kind of an input: cpu, heap, allocs, goroutine, mutex, block, threadcreate or unknown. */
export function inputKind(input: AnalysisInput): InputKind {
  if (!isProfileInput(input)) return 'goroutine';
  if (input.kind) return input.kind;
  const m = input.profile;
  const k = profileKind(
    m.sampleTypes.map((t) => t.type),
    m.defaultSampleType,
  );
  if (k === 'contention') return contentionKind(input.name, m);
  if (k === 'cpu' || k === 'heap' || k === 'allocs' || k === 'goroutine' || k === 'threadcreate') return k;
  return 'unknown';
}

export interface LoadOptions {
  snapshot?: SnapshotInfo;
  limits?: Partial<ProfileLimits>;
}

/**
 * Builds an analysis input from file bytes (gzipped or not): a pprof protobuf becomes a
 * profile input (a goroutine profile a goroutine input), a goroutine text dump a goroutine
 * input with its lock waits. Throws the pprof library's AppErrors for bad input.
 */
export function loadInput(name: string, bytes: Uint8Array, options: LoadOptions = {}): AnalysisInput {
  const limits = withLimits(options.limits);
  const raw = unpackInput(bytes, limits);
  if (sniffInput(raw) === 'goroutine-text') {
    const goroutines = analyzeGoroutines(raw, limits);
    const out: GoroutineInput = { name, goroutines, lockWaits: lockWaitsFromDump(raw, limits) };
    if (options.snapshot) out.snapshot = options.snapshot;
    return out;
  }
  const profile = readProfile(raw, limits);
  const snapshot: SnapshotInfo = { ...options.snapshot };
  if (snapshot.timeNanos === undefined && profile.timeNanos > 0) snapshot.timeNanos = profile.timeNanos;
  if (profile.sampleTypes.some((t) => t.type === 'goroutine')) {
    return { name, goroutines: groupGoroutineProfile(profile), lockWaits: lockWaitsFromProfile(profile), snapshot };
  }
  return { name, profile, snapshot };
}

/** Capture time of an input in nanoseconds, 0 when unknown. */
export function timeOf(input: AnalysisInput): number {
  if (input.snapshot?.timeNanos) return input.snapshot.timeNanos;
  return isProfileInput(input) ? input.profile.timeNanos : 0;
}

/**
 * Orders snapshots of one kind: by explicit order when every input has one, else by capture
 * time when every input has one, else as given.
 */
export function orderSnapshots<T extends AnalysisInput>(inputs: { input: T; index: number }[]): T[] {
  const all = (f: (x: { input: T; index: number }) => boolean) => inputs.every(f);
  const sorted = [...inputs];
  if (all((x) => x.input.snapshot?.order !== undefined)) sorted.sort((a, b) => a.input.snapshot!.order! - b.input.snapshot!.order! || a.index - b.index);
  else if (all((x) => timeOf(x.input) > 0)) sorted.sort((a, b) => timeOf(a.input) - timeOf(b.input) || a.index - b.index);
  else sorted.sort((a, b) => a.index - b.index);
  return sorted.map((x) => x.input);
}
