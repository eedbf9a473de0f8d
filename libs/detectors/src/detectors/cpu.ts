import { type ProfileModel, buildFrameTable, frameWeights, resolveSampleIndex } from '@memegraph/pprof';
import { type Candidate } from '../candidate';
import { blend, pct, ramp } from '../confidence';
import { type EvidenceFrame, type Hotspot, type HotspotRow, type Severity } from '../finding';
import { isUserFunction, pprofRegex, shellQuote } from '../go-names';
import {
  ALLOC,
  CONCAT,
  DYNAMIC_CODEC,
  GC_ASSIST,
  GC_BACKGROUND,
  GC_WORK,
  GROWSLICE,
  LOCK_ANY,
  LOCK_SLOW,
  MEMMOVE,
  POLL_MARK,
  REFLECT,
  REGEX_COMPILE,
  SPIN_OK,
  STRING_BUILDER,
  isCodecFunction,
} from '../patterns';
import { pprofPeek, pprofTop } from '../reproduce';
import { type Mask, type StackView, addTo, buildStackView, callerAbove, flatCum, hasFrame, leaf, mask, rankIds, regexMask } from '../stack-view';
import { type Thresholds } from '../thresholds';

/** What one CPU profile says, shared by the CPU detectors. */
export interface CpuContext {
  name: string;
  view: StackView;
  flat: Float64Array;
  cum: Float64Array;
  /** CPU samples taken (the "samples" value, else cpu time / period). */
  samples: number;
  /** Average cores busy over the profile, undefined when the duration is unknown. */
  cores: number | undefined;
  /** False when the profile is too small or the process too idle for more than info. */
  busy: boolean;
  t: Thresholds;
}

export function cpuContext(name: string, model: ProfileModel, t: Thresholds): CpuContext | undefined {
  if (!model.sampleTypes.some((s) => s.type === 'cpu' || s.type === 'samples')) return undefined;
  const vi = model.sampleTypes.some((s) => s.type === 'cpu') ? resolveSampleIndex(model, 'cpu') : resolveSampleIndex(model);
  const view = buildStackView(model, vi);
  const { flat, cum } = flatCum(view);
  const si = model.sampleTypes.findIndex((s) => s.type === 'samples');
  let samples = 0;
  if (si >= 0) {
    const T = model.sampleTypes.length;
    for (let s = 0; s < model.sampleCount; s++) samples += model.values[s * T + si]!;
  } else samples = model.period > 0 ? view.total / model.period : view.sampleCount;
  const cpuNanos = model.sampleTypes[vi]?.unit === 'nanoseconds' ? view.total : undefined;
  const cores = cpuNanos !== undefined && model.durationNanos > 0 ? cpuNanos / model.durationNanos : undefined;
  const busy = samples >= t.cpuMinSamples && (cores === undefined || cores >= t.cpuMinCores);
  return { name, view, flat, cum, samples, cores, busy, t };
}

const share = (c: CpuContext, w: number): number => (c.view.total > 0 ? w / c.view.total : 0);

function frameRow(c: CpuContext, name: string): EvidenceFrame {
  const f = c.view.names.indexOf(name);
  if (f < 0) return { name };
  return { name, flatPct: pct(share(c, c.flat[f]!)), cumPct: pct(share(c, c.cum[f]!)) };
}

/** The functions of a mask with the largest cum, as evidence rows. */
function topFrames(c: CpuContext, m: Mask, limit = 5): EvidenceFrame[] {
  const ids: number[] = [];
  for (let f = 0; f < m.length; f++) if (m[f] && c.cum[f]! > 0) ids.push(f);
  ids.sort((a, b) => c.cum[b]! - c.cum[a]! || (c.view.names[a]! < c.view.names[b]! ? -1 : 1));
  return ids.slice(0, limit).map((f) => frameRow(c, c.view.names[f]!));
}

/** Who calls into the samples matching `pred`: the caller above the mask, by weight. */
function callers(c: CpuContext, m: Mask, pred: (s: number) => boolean): [string, number][] {
  const by = new Map<number, number>();
  for (let s = 0; s < c.view.sampleCount; s++) {
    const w = c.view.weight[s]!;
    if (w === 0 || !pred(s)) continue;
    const f = callerAbove(c.view, s, m);
    if (f >= 0) addTo(by, f, w);
  }
  return rankIds(by, c.view.names);
}

/** Profiles of idle processes or with too few samples only ever produce info. */
function gateSeverity(c: CpuContext, severity: Severity): Severity {
  return c.busy ? severity : 'info';
}
function gateConfidence(c: CpuContext, confidence: number): number {
  return c.busy ? confidence : Math.min(confidence, 0.5);
}
function gateNotes(c: CpuContext): string[] {
  if (c.busy) return [];
  const why =
    c.samples < c.t.cpuMinSamples
      ? `only ${Math.round(c.samples)} CPU samples (< ${c.t.cpuMinSamples})`
      : `the process used ${c.cores!.toFixed(2)} cores on average (< ${c.t.cpuMinCores})`;
  return [`${c.name}: ${why}, so CPU shares are reported as info only`];
}

function base(
  c: CpuContext,
  classId: Candidate['classId'],
  detector: string,
  severity: Severity,
  confidence: number,
): Pick<Candidate, 'classId' | 'detector' | 'family' | 'severity' | 'confidence' | 'sources'> {
  return { classId, detector, family: 'cpu', severity: gateSeverity(c, severity), confidence: gateConfidence(c, confidence), sources: [c.name] };
}

const coresNote = (c: CpuContext): Record<string, number> => (c.cores !== undefined ? { 'cpu cores used (avg)': Math.round(c.cores * 100) / 100 } : {});

// ---------------------------------------------------------------------------------------------

/** Reflection-driven decoding/encoding (encoding/json into interface{}, maps, reflect). */
export function detectReflectionCodec(c: CpuContext): Candidate | undefined {
  const { view, t } = c;
  const codec = mask(view, isCodecFunction);
  const dynamic = regexMask(view, DYNAMIC_CODEC);
  const reflect = regexMask(view, REFLECT);
  let codecW = 0;
  let dynW = 0;
  let reflW = 0;
  for (let s = 0; s < view.sampleCount; s++) {
    const w = view.weight[s]!;
    if (w === 0 || !hasFrame(view, s, codec)) continue;
    codecW += w;
    if (hasFrame(view, s, dynamic)) dynW += w;
    else if (hasFrame(view, s, reflect)) reflW += w;
  }
  const dynShare = share(c, dynW);
  const typedShare = share(c, reflW);
  // Generic (interface{}/map) decoding counts fully; typed-struct reflection half: it is the same
  // machinery but the cheaper, intended use of the codec.
  const signal = dynShare + 0.5 * typedShare;
  if (signal < t.reflectionShare) return undefined;
  const dynFraction = dynW + reflW > 0 ? dynW / (dynW + reflW) : 0;
  const confidence = blend(0.5, 0.45, [
    [0.7, ramp(signal, t.reflectionShare, 2 * t.reflectionCriticalShare)],
    [0.3, dynFraction],
  ]);
  const severity: Severity = signal >= t.reflectionCriticalShare ? 'critical' : 'warning';
  const who = callers(c, codec, (s) => hasFrame(view, s, codec) && (hasFrame(view, s, dynamic) || hasFrame(view, s, reflect)));
  const dynFrames = topFrames(c, dynamic, 4);
  const codecFrames = topFrames(
    c,
    mask(view, (n) => isCodecFunction(n) && /\.(Unmarshal|Marshal|\(\*(Decoder|Encoder)\)\.(Decode|Encode))$/.test(n)),
    3,
  );
  const anchor = who[0]?.[0] ?? dynFrames[0]?.name ?? 'encoding/json.Unmarshal';
  const anchors = [anchor, ...dynFrames.slice(0, 3).map((f) => f.name), ...codecFrames.map((f) => f.name)];
  return {
    ...base(c, 'cpu-reflection-json', 'cpu-reflection', severity, confidence),
    anchors: [...new Set(anchors)],
    title: `Reflection-driven decoding: ${pct(signal)}% of CPU is ${dynShare >= typedShare ? 'interface{}/map' : 'reflective'} (de)serialisation under ${anchor}`,
    detail: `${pct(share(c, codecW))}% of CPU is in codecs (encoding/json & co.); ${pct(dynShare)}% builds or walks interface{}/map values and ${pct(typedShare)}% more is reflect.* on typed values.`,
    evidence: {
      frames: [...codecFrames, ...dynFrames, ...who.slice(0, 3).map(([n]) => frameRow(c, n))],
      percentages: {
        'codec share of CPU': pct(share(c, codecW)),
        'interface/map decoding share of CPU': pct(dynShare),
        'typed reflection share of CPU': pct(typedShare),
      },
      counts: { 'cpu samples': Math.round(c.samples), ...coresNote(c) },
      notes: gateNotes(c),
    },
    reproduce: [pprofTop(c.name, 'cpu'), pprofPeek(c.name, dynFrames[0]?.name ?? anchor), pprofPeek(c.name, anchor)],
  };
}

/** Deep stacks (>= deepStackFrames) and recursion (a function many times in one stack). */
export function detectDeepStacks(c: CpuContext, model: ProfileModel): Candidate | undefined {
  const { view, t } = c;
  const counts = new Int32Array(view.names.length);
  let deepW = 0;
  let truncW = 0;
  let maxDepth = 0;
  let maxRepeats = 0;
  const recursive = new Map<number, number>();
  const deepLeafUser = new Map<number, number>();
  for (let s = 0; s < view.sampleCount; s++) {
    const w = view.weight[s]!;
    if (w === 0) continue;
    const a = view.start[s]!;
    const b = view.start[s + 1]!;
    let top = -1;
    let topN = 0;
    for (let i = a; i < b; i++) {
      const f = view.frames[i]!;
      if (++counts[f]! > topN) {
        topN = counts[f]!;
        top = f;
      }
    }
    for (let i = a; i < b; i++) counts[view.frames[i]!] = 0;
    const d = b - a;
    if (d > maxDepth) maxDepth = d;
    if (topN > maxRepeats && isUserFunction(view.names[top]!)) maxRepeats = topN;
    const deep = d >= t.deepStackFrames;
    // Recursion inside the standard library (regexp/syntax, go/parser) is not the service's to fix.
    const rec = topN >= t.recursionRepeats && isUserFunction(view.names[top]!);
    if (!deep && !rec) continue;
    deepW += w;
    if (rec) addTo(recursive, top, w);
    if (model.stackStart[s + 1]! - model.stackStart[s]! === 64) truncW += w;
    for (let i = a; i < b; i++) {
      if (isUserFunction(view.names[view.frames[i]!]!)) {
        addTo(deepLeafUser, view.frames[i]!, w);
        break;
      }
    }
  }
  const signal = share(c, deepW);
  if (signal < t.deepShare) return undefined;
  const recList = rankIds(recursive, view.names, 3);
  const anchor = recList[0]?.[0] ?? rankIds(deepLeafUser, view.names, 1)[0]?.[0] ?? view.names[leaf(view, 0)] ?? 'unknown';
  const confidence = blend(0.5, 0.45, [
    [0.6, ramp(signal, t.deepShare, 0.8)],
    [0.4, ramp(maxRepeats, t.recursionRepeats, 5 * t.recursionRepeats)],
  ]);
  const severity: Severity = signal >= t.deepCriticalShare && maxRepeats >= 2 * t.recursionRepeats ? 'critical' : 'warning';
  const notes = gateNotes(c);
  if (truncW > 0) {
    notes.push(`${pct(share(c, truncW))}% of CPU samples hit the profiler's 64-frame stack limit: the real depth is larger than shown and the root frames are cut off`);
  }
  return {
    ...base(c, 'deep-recursion', 'cpu-deep', severity, confidence),
    anchors: [...new Set([anchor, ...recList.map(([n]) => n), ...rankIds(deepLeafUser, view.names, 2).map(([n]) => n)])],
    title: `Deep ${recList.length ? 'recursion' : 'call stacks'}: ${pct(signal)}% of CPU runs ${t.deepStackFrames}+ frames deep${recList.length ? ` in ${anchor} (up to ${maxRepeats}× in one stack)` : ''}`,
    detail: `${pct(signal)}% of CPU samples have stacks of at least ${t.deepStackFrames} frames or a function repeated ${t.recursionRepeats}+ times; the deepest sample shows ${maxDepth} frames.`,
    evidence: {
      frames: [frameRow(c, anchor), ...rankIds(deepLeafUser, view.names, 2).map(([n]) => frameRow(c, n))],
      percentages: { 'deep or recursive share of CPU': pct(signal), 'truncated at 64 frames': pct(share(c, truncW)) },
      counts: { 'max stack depth': maxDepth, 'max repeats of one function': maxRepeats, 'cpu samples': Math.round(c.samples) },
      notes,
    },
    reproduce: [pprofTop(c.name, 'cpu'), pprofPeek(c.name, anchor), `go tool pprof -traces ${shellQuote(c.name)} | head -120`],
  };
}

/** Allocation and GC work; what share of the allocation other patterns explain. */
export function detectGcPressure(c: CpuContext): Candidate | undefined {
  const { view, t } = c;
  const alloc = regexMask(view, ALLOC);
  const gc = regexMask(view, GC_WORK);
  const bg = regexMask(view, GC_BACKGROUND);
  const assist = regexMask(view, GC_ASSIST);
  const codec = mask(view, isCodecFunction);
  const concat = regexMask(view, CONCAT);
  const regex = regexMask(view, REGEX_COMPILE);
  let allocW = 0;
  let gcW = 0;
  let bgW = 0;
  let assistW = 0;
  let underCodec = 0;
  let underConcat = 0;
  let underRegex = 0;
  for (let s = 0; s < view.sampleCount; s++) {
    const w = view.weight[s]!;
    if (w === 0) continue;
    const isAlloc = hasFrame(view, s, alloc);
    const isGc = hasFrame(view, s, gc);
    if (!isAlloc && !isGc) continue;
    gcW += w;
    if (hasFrame(view, s, bg)) bgW += w;
    if (hasFrame(view, s, assist)) assistW += w;
    if (!isAlloc) continue;
    allocW += w;
    if (hasFrame(view, s, codec)) underCodec += w;
    if (hasFrame(view, s, concat)) underConcat += w;
    if (hasFrame(view, s, regex)) underRegex += w;
  }
  const signal = share(c, gcW);
  if (signal < t.gcShare) return undefined;
  const who = callers(c, alloc, (s) => hasFrame(view, s, alloc));
  const anchor = who[0]?.[0] ?? 'runtime.mallocgc';
  const confidence = blend(0.5, 0.45, [[1, ramp(signal, t.gcShare, 0.6)]]);
  const severity: Severity = signal >= t.gcCriticalShare ? 'critical' : 'warning';
  const frac = (x: number) => (allocW > 0 ? x / allocW : 0);
  return {
    ...base(c, 'gc-pressure', 'cpu-gc', severity, confidence),
    anchors: [...new Set([anchor, ...who.slice(1, 3).map(([n]) => n), 'runtime.mallocgc', 'runtime.gcBgMarkWorker'])],
    title: `GC pressure: ${pct(signal)}% of CPU allocates or collects garbage; top allocator ${anchor}`,
    detail: `Allocation (runtime.mallocgc) takes ${pct(share(c, allocW))}% of CPU, background marking ${pct(share(c, bgW))}% and mark assists ${pct(share(c, assistW))}%.`,
    evidence: {
      frames: [...who.slice(0, 3).map(([n]) => frameRow(c, n)), ...topFrames(c, regexMask(view, /^runtime\.(mallocgc|gcBgMarkWorker|gcAssistAlloc|scanobject|scanObject|growslice)$/), 4)],
      percentages: {
        'allocation + GC share of CPU': pct(signal),
        'runtime.mallocgc share of CPU': pct(share(c, allocW)),
        'background marking share of CPU': pct(share(c, bgW)),
        'mark assist share of CPU': pct(share(c, assistW)),
      },
      counts: { 'cpu samples': Math.round(c.samples), ...coresNote(c) },
      notes: gateNotes(c),
    },
    explainedBy: {
      'cpu-reflection-json': frac(underCodec),
      'string-concat-loop': frac(underConcat),
      'regex-compile-hot-path': frac(underRegex),
    },
    reproduce: [pprofTop(c.name, 'cpu'), pprofPeek(c.name, 'runtime.mallocgc'), pprofPeek(c.name, anchor)],
  };
}

/** Spinning: polling primitives with no work under them, per polling function. */
export function detectBusyLoop(c: CpuContext): Candidate | undefined {
  const { view, t } = c;
  const spinOk = regexMask(view, SPIN_OK);
  const pollMark = regexMask(view, POLL_MARK);
  const poll = new Map<number, number>();
  const self = new Map<number, number>();
  const marks = new Map<number, number>();
  for (let s = 0; s < view.sampleCount; s++) {
    const w = view.weight[s]!;
    if (w === 0) continue;
    const a = view.start[s]!;
    const b = view.start[s + 1]!;
    let i = a;
    let marked = -1;
    while (i < b && spinOk[view.frames[i]!]) {
      if (pollMark[view.frames[i]!]) marked = view.frames[i]!;
      i++;
    }
    if (i >= b) continue;
    const u = view.frames[i]!;
    if (!isUserFunction(view.names[u]!)) continue;
    if (i === a) addTo(self, u, w);
    else if (marked >= 0) {
      addTo(poll, u, w);
      addTo(marks, marked, w);
    }
  }
  const spinners: { f: number; busy: number; poll: number; fraction: number }[] = [];
  for (const [f, p] of poll) {
    const fraction = c.cum[f]! > 0 ? p / c.cum[f]! : 0;
    if (fraction >= t.busyPollFraction) spinners.push({ f, busy: p + (self.get(f) ?? 0), poll: p, fraction });
  }
  spinners.sort((x, y) => y.busy - x.busy || x.f - y.f);
  const busyShare = share(
    c,
    spinners.reduce((sum, x) => sum + x.busy, 0),
  );
  if (spinners.length > 0 && busyShare >= t.busyShare) {
    const busyCores = c.cores !== undefined ? busyShare * c.cores : undefined;
    const maxFraction = Math.max(...spinners.map((x) => x.fraction));
    const confidence = blend(0.5, 0.45, [
      [0.5, ramp(busyShare, t.busyShare, 0.5)],
      [0.5, ramp(maxFraction, t.busyPollFraction, 0.95)],
    ]);
    const critical = busyCores !== undefined ? busyCores >= t.busyCriticalCores : busyShare >= 0.5;
    const names = spinners.map((x) => view.names[x.f]!);
    const markNames = rankIds(marks, view.names, 4).map(([n]) => n);
    return {
      ...base(c, 'busy-loop', 'cpu-busy', critical ? 'critical' : 'warning', confidence),
      anchors: [...new Set([...names.slice(0, 4), ...markNames.slice(0, 2)])],
      title: `Busy loop: ${names.slice(0, 2).join(' and ')} spin${names.length === 1 ? 's' : ''} on ${describeMarks(markNames)}, burning ${busyCores !== undefined ? `${busyCores.toFixed(2)} cores` : `${pct(busyShare)}% of CPU`}`,
      detail: `${pct(busyShare)}% of CPU is polling with nothing useful below it (select with default, atomic loads, yields); ${pct(maxFraction)}% of ${names[0]}'s time is the polling itself.`,
      evidence: {
        frames: [...names.slice(0, 4).map((n) => frameRow(c, n)), ...markNames.map((n) => frameRow(c, n))],
        percentages: Object.fromEntries([
          ['busy polling share of CPU', pct(busyShare)],
          ...spinners.slice(0, 4).map((x) => [`${view.names[x.f]} polling fraction`, pct(x.fraction)]),
        ]),
        counts: { 'cpu samples': Math.round(c.samples), ...coresNote(c) },
        notes: gateNotes(c),
      },
      reproduce: [pprofTop(c.name, 'cpu'), ...names.slice(0, 2).map((n) => pprofPeek(c.name, n))],
    };
  }
  // Weak signal: a user function that is its own hot leaf and calls almost nothing.
  let best = -1;
  for (let f = 0; f < view.names.length; f++) {
    if (!isUserFunction(view.names[f]!) || c.cum[f]! <= 0) continue;
    if (c.flat[f]! / c.cum[f]! < t.hotLeafFlatOverCum) continue;
    if (share(c, c.flat[f]!) < t.hotLeafFlatShare) continue;
    if (best < 0 || c.flat[f]! > c.flat[best]!) best = f;
  }
  if (best < 0) return undefined;
  const name = view.names[best]!;
  const flatShare = share(c, c.flat[best]!);
  return {
    classId: 'busy-loop',
    detector: 'cpu-hot-leaf',
    family: 'cpu',
    severity: 'info',
    confidence: Math.min(gateConfidence(c, 1), blend(0.25, 0.2, [[1, ramp(flatShare, t.hotLeafFlatShare, 0.8)]])),
    sources: [c.name],
    anchors: [name],
    title: `Possible busy loop: ${name} is its own hot leaf for ${pct(flatShare)}% of CPU`,
    detail: `${name} spends ${pct(flatShare)}% of CPU in its own code and calls almost nothing: a tight loop. It may be real computation; check that it does not wait for a condition by polling.`,
    evidence: {
      frames: [frameRow(c, name)],
      percentages: { 'flat share of CPU': pct(flatShare), 'flat / cum': pct(c.flat[best]! / c.cum[best]!) },
      notes: ['a compute kernel has the same shape; this is only a hint', ...gateNotes(c)],
    },
    reproduce: [pprofTop(c.name, 'cpu'), `go tool pprof -list ${shellQuote(pprofRegex(name))} ${shellQuote(c.name)}`],
  };
}

function describeMarks(marks: string[]): string {
  const kinds = new Set<string>();
  for (const m of marks) {
    if (/select(nb|go)/.test(m)) kinds.add('select-with-default');
    else if (/atomic/.test(m)) kinds.add('an atomic flag');
    else if (/yield|Gosched|usleep/.test(m)) kinds.add('yields');
  }
  return kinds.size ? [...kinds].join(' / ') : 'polling';
}

/** Compiling regexps or templates on the request path. */
export function detectRegexCompile(c: CpuContext): Candidate | undefined {
  const { view, t } = c;
  const rx = regexMask(view, REGEX_COMPILE);
  let w = 0;
  for (let s = 0; s < view.sampleCount; s++) if (view.weight[s] && hasFrame(view, s, rx)) w += view.weight[s]!;
  const signal = share(c, w);
  if (signal < t.regexShare) return undefined;
  const who = callers(c, rx, (s) => hasFrame(view, s, rx));
  const frames = topFrames(c, rx, 4);
  const anchor = who[0]?.[0] ?? frames[0]?.name ?? 'regexp.Compile';
  const template = frames.some((f) => /template/.test(f.name)) && !frames.some((f) => /^regexp/.test(f.name));
  const confidence = blend(0.55, 0.4, [[1, ramp(signal, t.regexShare, 0.4)]]);
  return {
    ...base(c, 'regex-compile-hot-path', 'cpu-regex', signal >= t.regexCriticalShare ? 'critical' : 'warning', confidence),
    anchors: [...new Set([anchor, ...frames.slice(0, 3).map((f) => f.name)])],
    title: `${template ? 'Template parsing' : 'Regexp compilation'} on the hot path: ${pct(signal)}% of CPU under ${frames[0]?.name ?? 'regexp.Compile'} called from ${anchor}`,
    detail: `${anchor} compiles ${template ? 'templates' : 'regular expressions'} on every call; ${pct(signal)}% of CPU (and most of its allocations) is spent recompiling the same patterns.`,
    evidence: {
      frames: [...frames, ...who.slice(0, 3).map(([n]) => frameRow(c, n))],
      percentages: { 'compile share of CPU': pct(signal) },
      counts: { 'cpu samples': Math.round(c.samples), ...coresNote(c) },
      notes: gateNotes(c),
    },
    reproduce: [pprofTop(c.name, 'cpu'), pprofPeek(c.name, frames[0]?.name ?? 'regexp.Compile'), pprofPeek(c.name, anchor)],
  };
}

/** sync.Mutex slow paths in CPU: goroutines handing a contended lock around. */
export function detectCpuLock(c: CpuContext): Candidate | undefined {
  const { view, t } = c;
  const slow = regexMask(view, LOCK_SLOW);
  const any = regexMask(view, LOCK_ANY);
  let w = 0;
  for (let s = 0; s < view.sampleCount; s++) if (view.weight[s] && hasFrame(view, s, slow)) w += view.weight[s]!;
  const signal = share(c, w);
  if (signal < t.cpuLockShare) return undefined;
  const who = callers(c, any, (s) => hasFrame(view, s, slow));
  const anchor = who[0]?.[0] ?? 'sync.(*Mutex).Lock';
  const confidence = blend(0.45, 0.4, [[1, ramp(signal, t.cpuLockShare, 0.5)]]);
  return {
    ...base(c, 'mutex-contention', 'cpu-lock', signal >= t.cpuLockCriticalShare ? 'critical' : 'warning', confidence),
    anchors: [...new Set([anchor, ...who.slice(1, 3).map(([n]) => n)])],
    title: `Lock contention: ${pct(signal)}% of CPU in sync.Mutex slow paths under ${anchor}`,
    detail: `${pct(signal)}% of CPU is spent in contended lock handoff (lockSlow, semacquire/semrelease, futex) around the locks taken in ${anchor}.`,
    evidence: {
      frames: [...topFrames(c, slow, 4), ...who.slice(0, 3).map(([n]) => frameRow(c, n))],
      percentages: { 'lock slow-path share of CPU': pct(signal) },
      counts: { 'cpu samples': Math.round(c.samples) },
      notes: gateNotes(c),
    },
    reproduce: [pprofTop(c.name, 'cpu'), pprofPeek(c.name, anchor)],
  };
}

/** String concatenation in loops: concatstrings dominated by copying. */
export function detectConcat(c: CpuContext): Candidate | undefined {
  const { view, t } = c;
  const concat = regexMask(view, CONCAT);
  const memmove = regexMask(view, MEMMOVE);
  const builder = regexMask(view, STRING_BUILDER);
  const grow = regexMask(view, GROWSLICE);
  let w = 0;
  let copyW = 0;
  let builderW = 0;
  for (let s = 0; s < view.sampleCount; s++) {
    const x = view.weight[s]!;
    if (x === 0) continue;
    if (hasFrame(view, s, concat)) {
      w += x;
      if (memmove[leaf(view, s)]) copyW += x;
    } else if (hasFrame(view, s, builder) && hasFrame(view, s, grow)) builderW += x;
  }
  const signal = share(c, w);
  if (signal < t.concatShare) return undefined;
  const copyFraction = w > 0 ? copyW / w : 0;
  const who = callers(c, concat, (s) => hasFrame(view, s, concat));
  const anchor = who[0]?.[0] ?? 'runtime.concatstrings';
  const confidence = blend(0.5, 0.45, [
    [0.7, ramp(signal, t.concatShare, 0.5)],
    [0.3, ramp(copyFraction, 0.1, 0.4)],
  ]);
  return {
    ...base(c, 'string-concat-loop', 'cpu-concat', signal >= t.concatCriticalShare ? 'critical' : 'warning', confidence),
    anchors: [...new Set([anchor, ...topFrames(c, concat, 2).map((f) => f.name)])],
    title: `String concatenation in a loop: ${pct(signal)}% of CPU in runtime.concatstrings under ${anchor}`,
    detail: `${anchor} builds strings with + / +=; ${pct(copyFraction)}% of the concatenation time is memmove re-copying the growing string, which makes the loop quadratic.`,
    sites: [anchor],
    evidence: {
      frames: [...topFrames(c, concat, 3), ...who.slice(0, 3).map(([n]) => frameRow(c, n))],
      percentages: {
        'concatenation share of CPU': pct(signal),
        'copying (memmove) share of concatenation': pct(copyFraction),
        ...(builderW > 0 ? { 'builder regrowth share of CPU': pct(share(c, builderW)) } : {}),
      },
      counts: { 'cpu samples': Math.round(c.samples) },
      notes: gateNotes(c),
    },
    reproduce: [pprofTop(c.name, 'cpu'), pprofPeek(c.name, 'runtime.concatstrings'), pprofPeek(c.name, anchor)],
  };
}

/** Top functions by flat and by cum for the report's hotspot list. */
export function cpuHotspot(name: string, model: ProfileModel, limit = 10): Hotspot | undefined {
  if (!model.sampleTypes.some((s) => s.type === 'cpu' || s.type === 'samples')) return undefined;
  const vi = model.sampleTypes.some((s) => s.type === 'cpu') ? resolveSampleIndex(model, 'cpu') : resolveSampleIndex(model);
  const frames = buildFrameTable(model, 'functions');
  const { flat, cum } = frameWeights(model, frames, vi);
  let total = 0;
  const T = model.sampleTypes.length;
  for (let s = 0; s < model.sampleCount; s++) total += Math.abs(model.values[s * T + vi]!);
  const rows: HotspotRow[] = [];
  for (let f = 0; f < frames.names.length; f++) {
    if (flat[f] === 0 && cum[f] === 0) continue;
    rows.push({ name: frames.names[f]!, flat: flat[f]!, flatPct: pct(total ? flat[f]! / total : 0), cum: cum[f]!, cumPct: pct(total ? cum[f]! / total : 0) });
  }
  const byName = (a: HotspotRow, b: HotspotRow) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const byFlat = rows.filter((r) => r.flat !== 0).sort((a, b) => b.flat - a.flat || byName(a, b)).slice(0, limit);
  const byCum = [...rows].sort((a, b) => b.cum - a.cum || byName(a, b)).slice(0, limit);
  const st = model.sampleTypes[vi]!;
  return { source: name, sampleType: st.type, unit: st.unit, total, byFlat, byCum };
}

/** Every CPU detector over one profile. */
export function detectCpu(name: string, model: ProfileModel, t: Thresholds): Candidate[] {
  const c = cpuContext(name, model, t);
  if (!c || c.view.total <= 0 || c.samples < t.cpuNoiseSamples) return [];
  return [detectReflectionCodec(c), detectDeepStacks(c, model), detectGcPressure(c), detectBusyLoop(c), detectRegexCompile(c), detectCpuLock(c), detectConcat(c)].filter(
    (x): x is Candidate => x !== undefined,
  );
}
