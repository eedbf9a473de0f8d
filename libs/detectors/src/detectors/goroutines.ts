import { type GoroutineGroup, type GoroutineReport, type GoroutineSource } from '@memegraph/pprof';
import { type Candidate, type DetectorClassId } from '../candidate';
import { blend, pct, ramp } from '../confidence';
import { type Severity } from '../finding';
import { isRuntimeFunction, isUserFunction, shellQuote } from '../go-names';
import { type GoroutineInput, lockWaitOf } from '../inputs';
import { curlGoroutines, dumpGrep, pprofTraces } from '../reproduce';
import { type Thresholds } from '../thresholds';

/** What a group of goroutines is doing, from its state (debug=2) or its frames (proto, debug=1). */
export type BlockKind =
  | 'chan'
  | 'chan-forever'
  | 'netread'
  | 'keepalive'
  | 'accept'
  | 'io-other'
  | 'lock'
  | 'sync-wait'
  | 'sleep'
  | 'syscall'
  | 'active'
  | 'other';

const CHAN_FRAME = /^runtime\.(chansend1?|chanrecv[12]?|selectgo|selectnbrecv|selectnbsend)$/;
const FOREVER_FRAME = /^runtime\.block$/;
const POLL_WAIT = /^(internal\/poll\.runtime_pollWait|runtime\.netpollblock)$/;
const ACCEPT = /(\(\*FD\)\.Accept|\(\*netFD\)\.accept|Listener\)\.(Accept|accept))$/;
const READ =
  /^(internal\/poll\.\(\*FD\)\.(Read|ReadFrom\w*|ReadMsg\w*|RawRead|Pread)|net\.\(\*(conn|netFD|TCPConn|UDPConn|UnixConn|IPConn)\)\.(Read|ReadFrom\w*|readFrom\w*|ReadMsg\w*)|crypto\/tls\.\(\*Conn\)\.(Read|readRecord\w*))$/;
const KEEPALIVE = /^net\/http\.(\(\*conn\)\.serve|\(\*connReader\)\.backgroundRead|\(\*persistConn\)\.readLoop|\(\*http2serverConn\)\.readFrames|\(\*http2clientConnReadLoop\)\.run)$/;
const SYNC_WAIT = /^(sync\.runtime_notifyListWait|sync\.runtime_Semacquire|internal\/sync\.runtime_Semacquire|sync\.\(\*(WaitGroup|Cond)\)\.Wait)$/;
const FOREVER_STATE = /\((nil chan|no cases)\)$/;

function ioKind(stack: string[]): BlockKind {
  if (stack.some((f) => ACCEPT.test(f))) return 'accept';
  if (!stack.some((f) => READ.test(f))) return 'io-other';
  return stack.some((f) => KEEPALIVE.test(f)) ? 'keepalive' : 'netread';
}

/** main.main parked in `select {}` is the idiomatic way to keep a server alive, not a leak. */
const isMainIdle = (g: GoroutineGroup): boolean => g.waitingAt === 'main.main' || g.stack[0] === 'main.main';

export function blockKind(g: GoroutineGroup, source: GoroutineSource): BlockKind {
  const state = g.state;
  if (state && state !== 'unknown') {
    if (FOREVER_STATE.test(state)) return isMainIdle(g) ? 'other' : 'chan-forever';
    if (/^(chan send|chan receive|select)$/.test(state)) return 'chan';
    if (state === 'IO wait') return ioKind(g.stack);
    if (/^(sync\.(Mutex|RWMutex)\.R?Lock|semacquire)$/.test(state)) return lockWaitOf(g.stack, g.where, undefined) ? 'lock' : 'sync-wait';
    if (/^sync\.(Cond|WaitGroup)\.Wait$/.test(state)) return 'sync-wait';
    if (state === 'sleep') return 'sleep';
    if (state === 'syscall') return 'syscall';
    if (state === 'running' || state === 'runnable') return 'active';
    return 'other';
  }
  const stack = g.stack;
  if (stack.some((f) => FOREVER_FRAME.test(f))) return isMainIdle(g) ? 'other' : 'chan-forever';
  if (stack.some((f) => POLL_WAIT.test(f))) return ioKind(stack);
  if (lockWaitOf(stack, g.where, undefined)) return 'lock';
  if (stack.some((f) => SYNC_WAIT.test(f))) return 'sync-wait';
  if (stack.some((f) => CHAN_FRAME.test(f))) return isMainIdle(g) ? 'other' : 'chan';
  if (stack.some((f) => f === 'time.Sleep')) return 'sleep';
  if (stack.some((f) => /^(syscall\.|os\/signal\.signal_recv)/.test(f))) return 'syscall';
  // debug=1 hides the runtime frames, so a goroutine parked on a channel shows its own code as the
  // innermost frame; running goroutines look the same but are few (at most GOMAXPROCS).
  if (source === 'debug1' && stack.length > 0 && isUserFunction(stack[0]!) && !isMainIdle(g)) return 'chan';
  return 'other';
}

const RICHNESS = { debug2: 2, proto: 1, debug1: 0 } as const;

const LEAK_KINDS: Record<'goroutine-leak-chan' | 'goroutine-leak-netread', BlockKind[]> = {
  'goroutine-leak-chan': ['chan', 'chan-forever'],
  'goroutine-leak-netread': ['netread', 'keepalive'],
};

/** Identical stacks across formats and states: the non-runtime frames. */
const signature = (g: GoroutineGroup): string => g.stack.filter((f) => !isRuntimeFunction(f)).join(';');
const shortStack = (g: GoroutineGroup, limit = 8): string[] => g.stack.filter((f) => !isRuntimeFunction(f)).slice(0, limit);

interface Pile {
  sig: string;
  kind: BlockKind;
  count: number;
  groups: GoroutineGroup[];
  maxMinutes: number;
}

function piles(report: GoroutineReport, kinds: BlockKind[]): Map<string, Pile> {
  const out = new Map<string, Pile>();
  for (const g of report.groups) {
    const kind = blockKind(g, report.source);
    if (!kinds.includes(kind)) continue;
    const sig = signature(g);
    let p = out.get(sig);
    if (!p) {
      p = { sig, kind, count: 0, groups: [], maxMinutes: 0 };
      out.set(sig, p);
    }
    if (kind === 'chan-forever') p.kind = kind;
    p.count += g.count;
    p.groups.push(g);
    p.maxMinutes = Math.max(p.maxMinutes, g.waitMinutes.max);
  }
  return out;
}

const label = (p: Pile): string => {
  const g = p.groups[0]!;
  const state = g.state !== 'unknown' ? g.state : p.kind === 'chan' ? 'channel wait' : p.kind === 'chan-forever' ? 'blocked forever' : 'IO wait';
  return `${g.waitingAt} [${state}]`;
};

function reproduceFor(input: GoroutineInput, fns: string[]): string[] {
  const src = input.goroutines.source;
  const out = src === 'proto' ? [pprofTraces(input.name)] : fns.slice(0, 2).map((f) => dumpGrep(input.name, f, src));
  return [...out, curlGoroutines()];
}

const what = (classId: DetectorClassId): string => (classId === 'goroutine-leak-chan' ? 'blocked on channels' : 'blocked reading from the network');

/** One snapshot: piles of identical goroutines parked on channels or network reads. */
export function detectLeakPileUp(input: GoroutineInput, classId: 'goroutine-leak-chan' | 'goroutine-leak-netread', t: Thresholds): Candidate | undefined {
  const report = input.goroutines;
  const all = [...piles(report, LEAK_KINDS[classId]).values()];
  const leaking = all.filter((p) =>
    p.kind === 'chan-forever' ? p.count >= t.foreverBlockedMin : p.kind === 'keepalive' ? p.count >= t.keepAlivePileUp : p.count >= t.leakPileUp,
  );
  if (leaking.length === 0) return undefined;
  // Smaller piles of the same kind ride along: the same leak often parks at several sites.
  const small = all.filter((p) => !leaking.includes(p) && p.kind !== 'keepalive' && p.count >= Math.max(t.foreverBlockedMin, t.leakPileUp / 10));
  const shown = [...leaking, ...small].sort((a, b) => b.count - a.count || (a.sig < b.sig ? -1 : 1));
  const total = shown.reduce((s, p) => s + p.count, 0);
  const forever = shown.filter((p) => p.kind === 'chan-forever').reduce((s, p) => s + p.count, 0);
  const maxMinutes = Math.max(...shown.map((p) => p.maxMinutes));
  const top = shown[0]!;
  const confidence = blend(0.4, 0.4, [
    [0.5, ramp(Math.log10(total), Math.log10(t.leakPileUp), Math.log10(t.leakPileUpCritical * 10))],
    [0.25, ramp(maxMinutes, 0, 5)],
    [0.25, total > 0 ? forever / total : 0],
  ]);
  // One snapshot cannot show growth: critical only with proof the goroutines stay (minutes, nil channels).
  const severity: Severity = total >= t.leakPileUpCritical && (maxMinutes >= t.lockWaitMinutes || forever >= t.foreverBlockedMin) ? 'critical' : 'warning';
  const anchors = [...new Set(shown.map((p) => p.groups[0]!.waitingAt))].slice(0, 6);
  const creators = [...new Set(shown.flatMap((p) => p.groups.map((g) => g.createdBy)).filter((x): x is string => !!x))].slice(0, 3);
  const notes: string[] = [];
  if (report.source !== 'debug2') notes.push(`${input.name} is a ${report.source === 'proto' ? 'proto' : 'debug=1'} goroutine profile: no wait state or duration; the blocking operation is inferred from the stack`);
  if (forever > 0) notes.push(`${forever} goroutines wait on a nil channel or an empty select: they can never be woken`);
  if (maxMinutes > 0) notes.push(`the oldest have waited ${maxMinutes}+ minutes`);
  if (creators.length) notes.push(`created by ${creators.join(', ')}`);
  return {
    classId,
    detector: 'goroutine-pileup',
    family: 'goroutine',
    richness: RICHNESS[report.source],
    severity,
    confidence,
    anchors: [...new Set([...anchors, ...creators.filter((c) => isUserFunction(c))])],
    sites: anchors,
    title: `${total.toLocaleString('en-US')} goroutines ${what(classId)} pile up at ${top.groups[0]!.waitingAt}${shown.length > 1 ? ` and ${shown.length - 1} more site${shown.length > 2 ? 's' : ''}` : ''}`,
    detail: `${input.name} holds ${report.total.toLocaleString('en-US')} goroutines; ${total.toLocaleString('en-US')} are parked with identical stacks ${what(classId)}, the largest pile ${top.count.toLocaleString('en-US')} at ${label(top)}.`,
    evidence: {
      counts: Object.fromEntries([['goroutines total', report.total], ...shown.slice(0, 6).map((p) => [label(p), p.count])]),
      percentages: { [`share of goroutines ${what(classId)}`]: pct(total / Math.max(1, report.total)) },
      stacks: shown.slice(0, 3).map((p) => shortStack(p.groups[0]!)),
      notes,
    },
    reproduce: reproduceFor(input, anchors),
    sources: [input.name],
  };
}

/** Two snapshots of the same format: growth of goroutines parked on channels or network reads. */
export function detectLeakGrowth(
  first: GoroutineInput,
  last: GoroutineInput,
  seconds: number | undefined,
  classId: 'goroutine-leak-chan' | 'goroutine-leak-netread',
  t: Thresholds,
): Candidate | undefined {
  const a = piles(first.goroutines, LEAK_KINDS[classId]);
  const b = piles(last.goroutines, LEAK_KINDS[classId]);
  const sum = (m: Map<string, Pile>) => [...m.values()].reduce((s, p) => s + p.count, 0);
  const from = sum(a);
  const to = sum(b);
  const grown: { p: Pile; delta: number; before: number }[] = [];
  for (const p of b.values()) {
    const before = a.get(p.sig)?.count ?? 0;
    if (p.count > before) grown.push({ p, delta: p.count - before, before });
  }
  const delta = grown.reduce((s, g) => s + g.delta, 0);
  const ratio = from > 0 ? to / from : Infinity;
  if (delta < t.leakGrowthMin || ratio < t.leakGrowthRatio) return undefined;
  grown.sort((x, y) => y.delta - x.delta || (x.p.sig < y.p.sig ? -1 : 1));
  // Sites that grew by a handful are bystanders (a request in flight), not the leak.
  const minShown = Math.max(5, 0.02 * delta);
  const shown = grown.filter((g) => g.delta >= minShown);
  const top = grown[0]!;
  const perSecond = seconds ? delta / seconds : undefined;
  const confidence = blend(0.6, 0.39, [
    [0.5, ramp(Math.log10(delta), Math.log10(t.leakGrowthMin), Math.log10(t.leakGrowthMin * 100))],
    [0.5, ramp(Math.min(ratio, 100), t.leakGrowthRatio, 5)],
  ]);
  const severity: Severity = to >= t.leakPileUp ? 'critical' : 'warning';
  const anchors = [...new Set(shown.map((g) => g.p.groups[0]!.waitingAt))].slice(0, 6);
  const rate = perSecond !== undefined ? ` (+${perSecond.toFixed(1)}/s)` : '';
  return {
    classId,
    detector: 'goroutine-growth',
    family: 'goroutine',
    richness: RICHNESS[last.goroutines.source] + (seconds ? 1 : 0),
    severity,
    confidence,
    anchors,
    sites: anchors,
    title: `Goroutine leak: goroutines ${what(classId)} grew ${from.toLocaleString('en-US')} → ${to.toLocaleString('en-US')} between snapshots${rate}, mostly at ${top.p.groups[0]!.waitingAt}`,
    detail: `Between ${first.name} and ${last.name}${seconds ? ` (${seconds.toFixed(0)} s apart)` : ''} ${delta.toLocaleString('en-US')} more goroutines parked ${what(classId)}; none of them drain.`,
    evidence: {
      growth: { from, to, unit: 'goroutines', ...(seconds ? { seconds: Math.round(seconds * 100) / 100, perSecond: Math.round(perSecond! * 100) / 100 } : {}) },
      counts: Object.fromEntries(shown.slice(0, 6).map((g) => [`${label(g.p)} (+${g.delta})`, g.p.count])),
      stacks: shown.slice(0, 3).map((g) => shortStack(g.p.groups[0]!)),
      notes: seconds ? [] : ['text dumps carry no timestamp: the growth rate per second is unknown'],
    },
    reproduce:
      last.goroutines.source === 'proto'
        ? [`go tool pprof -top -diff_base=${shellQuote(first.name)} ${shellQuote(last.name)}`, pprofTraces(last.name), curlGoroutines()]
        : [dumpGrep(first.name, anchors[0]!, first.goroutines.source as 'debug1' | 'debug2'), dumpGrep(last.name, anchors[0]!, last.goroutines.source as 'debug1' | 'debug2'), curlGoroutines()],
    sources: [first.name, last.name],
  };
}

/** Very deep goroutine stacks (elided frames) and recursion in a dump. */
export function detectDeepGoroutines(input: GoroutineInput, t: Thresholds): Candidate | undefined {
  let best: { g: GoroutineGroup; repeats: number; fn: string; depth: number } | undefined;
  let goroutines = 0;
  for (const g of input.goroutines.groups) {
    const counts = new Map<string, number>();
    let repeats = 0;
    let fn = '';
    for (const f of g.stack) {
      // Recursion inside the standard library (regexp/syntax, go/parser) is not the service's to fix.
      if (!isUserFunction(f)) continue;
      const n = (counts.get(f) ?? 0) + 1;
      counts.set(f, n);
      if (n > repeats) {
        repeats = n;
        fn = f;
      }
    }
    const depthShown = g.stack.length;
    const deep = depthShown >= t.deepStackFrames || g.framesElided;
    if (!deep && repeats < t.recursionRepeats) continue;
    goroutines += g.count;
    const depth = g.framesElided ? Math.max(depthShown, 100) : depthShown;
    if (!best || repeats > best.repeats || (repeats === best.repeats && depth > best.depth)) best = { g, repeats, fn, depth };
  }
  if (!best) return undefined;
  const recursive = best.repeats >= t.recursionRepeats;
  const anchor = recursive ? best.fn : best.g.waitingAt;
  const confidence = blend(0.45, 0.35, [
    [0.5, ramp(best.repeats, t.recursionRepeats, 5 * t.recursionRepeats)],
    [0.5, ramp(best.depth, t.deepStackFrames, 2 * t.deepStackFrames)],
  ]);
  return {
    classId: 'deep-recursion',
    detector: 'goroutine-deep',
    family: 'goroutine',
    richness: RICHNESS[input.goroutines.source],
    severity: recursive ? 'warning' : 'info',
    confidence,
    anchors: [...new Set([anchor, best.g.waitingAt])],
    title: `Deep goroutine stacks: ${goroutines} goroutine${goroutines === 1 ? '' : 's'} ${best.g.framesElided ? 'with elided frames' : `${best.depth} frames deep`}${recursive ? `, ${anchor} ${best.repeats}× in one stack` : ''}`,
    detail: `${input.name} shows ${best.g.framesElided ? 'tracebacks so deep that Go elided their middle frames' : `stacks of ${best.depth} frames`}${recursive ? `; ${anchor} calls itself recursively` : ''}.`,
    evidence: {
      counts: { 'goroutines with deep stacks': goroutines, 'frames shown': best.g.stack.length, 'max repeats of one function': best.repeats },
      stacks: [best.g.stack.slice(0, 10)],
      notes: best.g.framesElided ? ['"...frames elided..." in the traceback: the real depth is larger than shown'] : [],
    },
    reproduce: input.goroutines.source === 'proto' ? [pprofTraces(input.name), curlGoroutines()] : [dumpGrep(input.name, anchor, input.goroutines.source), curlGoroutines()],
    sources: [input.name],
  };
}

/** Many goroutines queued on sync locks in one snapshot, none waiting long: contention. */
export function detectLockPileUp(input: GoroutineInput, t: Thresholds): Candidate | undefined {
  const report = input.goroutines;
  let waiting = 0;
  let maxMinutes = 0;
  const sites = new Map<string, number>();
  let handoff = 0;
  for (const g of report.groups) {
    const kind = blockKind(g, report.source);
    if (kind === 'active' && g.stack.some((f) => /(unlockSlow|runtime_Semrelease)$/.test(f))) handoff += g.count;
    if (kind !== 'lock') continue;
    waiting += g.count;
    maxMinutes = Math.max(maxMinutes, g.waitMinutes.max);
    const w = lockWaitOf(g.stack, g.where, undefined);
    if (w) sites.set(w.site, (sites.get(w.site) ?? 0) + g.count);
  }
  const share = report.total > 0 ? waiting / report.total : 0;
  if (waiting < t.lockPileUpMin || share < t.lockPileUpShare || maxMinutes >= t.lockWaitMinutes) return undefined;
  const ranked = [...sites].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const anchor = ranked[0]?.[0] ?? 'sync.(*Mutex).Lock';
  return {
    classId: 'mutex-contention',
    detector: 'goroutine-lock-pileup',
    family: 'goroutine',
    richness: RICHNESS[report.source],
    severity: 'warning',
    confidence: blend(0.35, 0.3, [[1, ramp(share, t.lockPileUpShare, 0.9)]]),
    anchors: ranked.slice(0, 3).map(([s]) => s),
    sites: ranked.map(([s]) => s),
    title: `${waiting} of ${report.total} goroutines queue on sync locks, most at ${anchor}`,
    detail: `${pct(share)}% of the goroutines in ${input.name} wait in sync.(*Mutex).Lock; ${handoff ? `${handoff} more are handing the lock over (unlockSlow)` : 'none has waited a minute, so the lock does move'}.`,
    evidence: {
      counts: Object.fromEntries([['goroutines waiting for locks', waiting], ['goroutines total', report.total], ...(handoff ? [['goroutines in unlock handoff', handoff]] : []), ...ranked.slice(0, 4).map(([s, n]) => [`waiting at ${s}`, n])]),
      percentages: { 'share of goroutines waiting for locks': pct(share) },
      notes: report.source === 'debug2' ? [] : ['no wait durations in this format: a snapshot alone cannot tell contention from a stuck lock'],
    },
    reproduce: reproduceFor(input, [anchor]),
    sources: [input.name],
  };
}
