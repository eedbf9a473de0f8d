import { type Candidate } from '../candidate';
import { pct, ramp, round3 } from '../confidence';
import { type CycleLink, type Severity } from '../finding';
import { shellQuote } from '../go-names';
import { type GoroutineInput, type LockWait } from '../inputs';
import { curlGoroutines, pprofTraces } from '../reproduce';
import { type Thresholds } from '../thresholds';

/**
 * Deadlock cycles among sync locks, from goroutine dumps.
 *
 * 1. Stuck locks: waiters that have waited lockWaitMinutes or more (debug=2 prints minutes), or,
 *    between two snapshots, the same goroutines still waiting / lock waiters piling up.
 * 2. Holders, where the evidence allows:
 *    - lock order: a function with waiters at two Lock calls (lines L1 < L2) on different
 *      mutexes: those waiting at L2 passed L1, so they hold the first mutex;
 *    - arguments: the waiting call's arguments hold pointers P_i, P_j with the waited mutex at
 *      P_j + k; another contested mutex at P_i + k is the same field of the other argument
 *      (transfer(from, to) locking from.mu then to.mu);
 *    - elimination: when two or more mutexes are stuck and every stuck waiter waits on one of
 *      them, each one's holder must be among the waiters of the others; the smallest such
 *      group (a mutex has one holder; piles of identical waiters are queues of victims), then
 *      the oldest goroutine (lowest id), is named as the likely holder.
 * 3. A cycle in "holder of A waits for B" over mutex addresses is a deadlock.
 * Without addresses (proto, debug=1) the same is done over call sites, with lower confidence.
 */

const RICHNESS = { debug2: 2, proto: 1, debug1: 0 } as const;

type Level = 'inferred' | 'elimination' | 'nested' | 'stuck';

const BASE: Record<Level, number> = { inferred: 0.8, elimination: 0.7, nested: 0.6, stuck: 0.45 };

const lineOf = (where: string | undefined): { file: string; line: number } | undefined => {
  const m = where ? /^(.*):(\d+)$/.exec(where) : null;
  return m ? { file: m[1]!, line: Number(m[2]) } : undefined;
};

const keyOf = (w: LockWait): string => `${w.address ?? ''}\u0000${w.site}\u0000${w.where ?? ''}`;
const minId = (w: LockWait): number => (w.ids.length ? Math.min(...w.ids) : Infinity);
const short = (where: string | undefined): string | undefined => where?.split('/').pop();

interface Held {
  lock: string;
  by: LockWait;
  inferredBy: 'lock-order' | 'arguments' | 'elimination';
}

/** Holders inferred from lock order within one function, then from call arguments. */
function inferHolders(all: LockWait[], stuck: LockWait[], contested: Set<string>): Held[] {
  const out: Held[] = [];
  for (const x of stuck) {
    if (!x.address) continue;
    const lx = lineOf(x.where);
    for (const y of all) {
      if (y.site !== x.site || !y.address || y.address === x.address) continue;
      const ly = lineOf(y.where);
      if (lx && ly && ly.file === lx.file && ly.line < lx.line) out.push({ lock: y.address, by: x, inferredBy: 'lock-order' });
    }
    if (!x.siteArgs) continue;
    const ptrs = [...new Set((x.siteArgs.match(/0x[0-9a-fA-F]+(?!\?)\b/g) ?? []).map((p) => BigInt(p)))];
    const b = BigInt(x.address);
    for (const pj of ptrs) {
      const k = b - pj;
      if (k < 0n || k >= 4096n) continue;
      for (const pi of ptrs) {
        if (pi === pj) continue;
        const a = `0x${(pi + k).toString(16)}`;
        if (a !== x.address && contested.has(a)) out.push({ lock: a, by: x, inferredBy: 'arguments' });
      }
    }
  }
  return out;
}

/** A cycle in the wait-for graph over locks (edges: lock held -> lock waited for), or undefined. */
function findCycle(nodes: string[], edges: Map<string, Held[]>): string[] | undefined {
  const state = new Map<string, number>();
  const path: string[] = [];
  const visit = (n: string): string[] | undefined => {
    state.set(n, 1);
    path.push(n);
    for (const h of edges.get(n) ?? []) {
      const next = h.by.address!;
      if (state.get(next) === 1) return path.slice(path.indexOf(next));
      if (!state.has(next)) {
        const c = visit(next);
        if (c) return c;
      }
    }
    path.pop();
    state.set(n, 2);
    return undefined;
  };
  for (const n of nodes) {
    if (state.has(n)) continue;
    const c = visit(n);
    if (c) return c;
  }
  return undefined;
}

interface Analysis {
  level: Level;
  links: CycleLink[];
  anchors: string[];
  notes: string[];
  stuckWaiters: number;
  maxMinutes: number;
  holders: LockWait[];
  addresses: string[];
}

function waitersOf(ws: LockWait[]): CycleLink['waiters'] {
  return ws
    .sort((a, b) => b.count - a.count || (a.site < b.site ? -1 : 1))
    .map((w) => {
      const o: CycleLink['waiters'][number] = { site: w.site, count: w.count };
      if (w.where) o.where = short(w.where);
      if (w.waitMinutes) o.waitMinutes = w.waitMinutes;
      if (w.ids.length) o.ids = [...w.ids].sort((x, y) => x - y);
      return o;
    });
}

function analyzeAddresses(all: LockWait[], stuck: LockWait[]): Analysis | undefined {
  const contested = new Set(all.map((w) => w.address!).filter(Boolean));
  const stuckAddrs = [...new Set(stuck.map((w) => w.address!))];
  const byAddr = (a: string) => all.filter((w) => w.address === a);
  const order = (xs: string[]) => xs.sort((a, b) => byAddr(b).reduce((s, w) => s + w.count, 0) - byAddr(a).reduce((s, w) => s + w.count, 0) || (a < b ? -1 : 1));
  const held = inferHolders(all, stuck, contested);
  const edges = new Map<string, Held[]>();
  for (const h of held) edges.set(h.lock, [...(edges.get(h.lock) ?? []), h]);
  let cycle = findCycle(order([...contested]), edges);
  let level: Level = 'inferred';
  const notes: string[] = [];
  if (!cycle) {
    if (stuckAddrs.length < 2) {
      if (stuckAddrs.length === 0) return undefined;
      const a = stuckAddrs[0]!;
      return {
        level: 'stuck',
        links: [{ lock: a, waiters: waitersOf(byAddr(a)) }],
        anchors: [...new Set(byAddr(a).map((w) => w.site))],
        notes: [`one mutex (${a}) has been held for minutes and no other lock waiter can be its holder: it is held across a blocking operation (channel, IO) or leaked by a missing Unlock`],
        stuckWaiters: byAddr(a).reduce((s, w) => s + w.count, 0),
        maxMinutes: Math.max(...byAddr(a).map((w) => w.waitMinutes)),
        holders: [],
        addresses: [a],
      };
    }
    // Elimination: each stuck mutex's holder is among the waiters of the other stuck mutexes.
    level = 'elimination';
    edges.clear();
    for (const a of stuckAddrs) {
      // A mutex has one holder: a pile of identical waiters is a queue of victims, so the
      // smallest group (a singleton) is the likely holder, then the oldest goroutine.
      const candidates = stuck.filter((w) => w.address !== a).sort((x, y) => x.count - y.count || minId(x) - minId(y) || (x.site < y.site ? -1 : 1));
      const likely = candidates[0];
      if (likely) edges.set(a, [{ lock: a, by: likely, inferredBy: 'elimination' }]);
    }
    cycle = findCycle(order([...stuckAddrs]), edges) ?? order([...stuckAddrs]);
    notes.push(
      'holders inferred by elimination: every stuck waiter waits on one of these mutexes, so each one is held by a waiter of another; the smallest group (a mutex has one holder, piles of identical waiters are queues), then the oldest goroutine, is named',
    );
  }
  const links: CycleLink[] = cycle.map((a) => {
    const h = (edges.get(a) ?? []).find((x) => cycle!.includes(x.by.address!)) ?? edges.get(a)?.[0];
    const link: CycleLink = { lock: a, waiters: waitersOf(byAddr(a)) };
    if (h) {
      link.heldBy = { site: h.by.site, inferredBy: h.inferredBy };
      if (h.by.where) link.heldBy.where = short(h.by.where);
      link.holderWaitsFor = h.by.address;
    }
    return link;
  });
  const holders = links.flatMap((l) => (edges.get(l.lock) ?? []).filter((h) => h.by.address === l.holderWaitsFor).map((h) => h.by));
  const inCycle = all.filter((w) => cycle!.includes(w.address!));
  if (level === 'inferred') {
    const how = [...new Set(held.filter((h) => cycle!.includes(h.lock)).map((h) => h.inferredBy))];
    notes.push(`holders inferred from ${how.map((x) => (x === 'lock-order' ? 'lock order within one function (a waiter at a later Lock call holds the earlier one)' : 'the call arguments (same field of another argument)')).join(' and ')}`);
  }
  return {
    level,
    links,
    anchors: [...new Set([...holders.map((w) => w.site), ...inCycle.sort((a, b) => b.count - a.count).map((w) => w.site)])],
    notes,
    stuckWaiters: inCycle.reduce((s, w) => s + w.count, 0),
    maxMinutes: Math.max(0, ...inCycle.map((w) => w.waitMinutes)),
    holders,
    addresses: cycle,
  };
}

/** Without addresses: call sites, and nested locking within one function (two Lock lines). */
function analyzeSites(stuck: LockWait[]): Analysis {
  const bySite = new Map<string, LockWait[]>();
  for (const w of stuck) bySite.set(w.site, [...(bySite.get(w.site) ?? []), w]);
  const links: CycleLink[] = [];
  const holders: LockWait[] = [];
  for (const [site, ws] of [...bySite].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const lines = ws.map((w) => ({ w, l: lineOf(w.where) })).filter((x) => x.l) as { w: LockWait; l: { file: string; line: number } }[];
    if (new Set(lines.map((x) => x.l.line)).size < 2) continue;
    lines.sort((a, b) => a.l.line - b.l.line);
    const first = lines[0]!;
    const last = lines[lines.length - 1]!;
    holders.push(last.w);
    links.push({
      lock: `lock taken at ${site} (${short(first.w.where)})`,
      waiters: waitersOf([first.w]),
      heldBy: { site, where: short(last.w.where), inferredBy: 'lock-order' },
      holderWaitsFor: `lock taken at ${site} (${short(last.w.where)})`,
    });
  }
  const nested = links.length >= 2;
  const notes = nested
    ? ['these functions each hold one lock while waiting for another (two Lock calls per function); with opposite orders they wait on each other. The dump format shows no mutex addresses, so which locks they share is inferred, not seen']
    : ['lock waiters never drain; the dump format shows no mutex addresses, so the holders cannot be identified'];
  const all = [...stuck].sort((a, b) => b.count - a.count || (a.site < b.site ? -1 : 1));
  if (!nested) links.push(...all.slice(0, 4).map((w) => ({ lock: `lock taken at ${w.site}${w.where ? ` (${short(w.where)})` : ''}`, waiters: waitersOf([w]) })));
  return {
    level: nested ? 'nested' : 'stuck',
    links,
    anchors: [...new Set([...holders.map((w) => w.site), ...all.map((w) => w.site)])],
    notes,
    stuckWaiters: stuck.reduce((s, w) => s + w.count, 0),
    maxMinutes: Math.max(0, ...stuck.map((w) => w.waitMinutes)),
    holders,
    addresses: [],
  };
}

const total = (ws: LockWait[]): number => ws.reduce((s, w) => s + w.count, 0);

/** Deadlock evidence from the latest snapshot of one dump format, compared with its first. */
export function detectDeadlock(last: GoroutineInput, first: GoroutineInput | undefined, t: Thresholds): Candidate | undefined {
  const lw = last.lockWaits ?? [];
  const asleep = last.goroutines.preamble.some((l) => /all goroutines are asleep - deadlock/.test(l));
  const prev = first && first !== last ? first.lockWaits ?? [] : undefined;

  let stuck = lw.filter((w) => w.waitMinutes >= t.lockWaitMinutes);
  const stuckAddrs = new Set(stuck.map((w) => w.address).filter(Boolean));
  stuck = lw.filter((w) => w.waitMinutes >= t.lockWaitMinutes || (w.address && stuckAddrs.has(w.address)));
  let pairConfirmed = false;
  const pairNotes: string[] = [];
  if (prev && prev.length) {
    const prevIds = new Set(prev.flatMap((w) => w.ids));
    const sameIds = lw.flatMap((w) => w.ids).filter((id) => prevIds.has(id)).length;
    const growing = total(lw) - total(prev) >= t.leakGrowthMin && total(lw) >= t.leakGrowthRatio * total(prev);
    if (sameIds > 0 || growing) {
      pairConfirmed = true;
      const keys = new Set(prev.map(keyOf));
      const persistent = lw.filter((w) => keys.has(keyOf(w)));
      if (stuck.length === 0) stuck = persistent;
      pairNotes.push(
        sameIds > 0
          ? `${sameIds} of the waiting goroutines are the same in ${first!.name} and ${last.name}: they never got the lock`
          : `lock waiters grew ${total(prev)} → ${total(lw)} between ${first!.name} and ${last.name} and never drain`,
      );
    }
  }
  if (stuck.length === 0 && !asleep) return undefined;

  const withAddr = stuck.length > 0 && stuck.every((w) => w.address);
  const a: Analysis | undefined = stuck.length === 0 ? undefined : withAddr ? analyzeAddresses(lw, stuck) : analyzeSites(stuck);
  if (!a && !asleep) return undefined;

  const level = a?.level ?? 'stuck';
  let confidence = round3(Math.min(0.99, BASE[level] + 0.15 * ramp(a?.maxMinutes ?? 0, t.lockWaitMinutes, 10) + (pairConfirmed ? 0.05 : 0)));
  let severity: Severity = level === 'inferred' || level === 'elimination' || (level === 'nested' && (pairConfirmed || (a?.maxMinutes ?? 0) >= t.lockWaitMinutes)) ? 'critical' : 'warning';
  const notes = [...(a?.notes ?? []), ...pairNotes];
  if (asleep) {
    // The runtime itself proved it: every goroutine is blocked.
    confidence = Math.max(confidence, 0.97);
    severity = 'critical';
    notes.unshift('the runtime aborted with "fatal error: all goroutines are asleep - deadlock!"');
  }
  const stacks = (a?.holders ?? []).slice(0, 4).map((w) => w.stack.slice(0, 8));
  const addrs = a?.addresses ?? [];
  const grep = /\.gz$/i.test(last.name) ? 'zgrep' : 'grep';
  const reproduce =
    last.goroutines.source === 'proto'
      ? [pprofTraces(last.name), curlGoroutines()]
      : [
          ...(addrs.length ? [`${grep} -c -E ${shellQuote(`lockSlow\\((${addrs.join('|')})\\)`)} ${shellQuote(last.name)}`] : []),
          `${grep} -B2 -A12 -E ${shellQuote('^goroutine [0-9]+ \\[(sync\\.(RW)?Mutex\\.R?Lock|semacquire)')} ${shellQuote(last.name)} | head -80`,
          curlGoroutines(),
        ];
  const holderSites = [...new Set(a?.links.map((l) => l.heldBy?.site).filter((x): x is string => !!x) ?? [])];
  const cycleText =
    a && (level === 'inferred' || level === 'elimination')
      ? ` ${holderSites.length >= 2 ? holderSites.join(' ⇄ ') : a.links.map((l) => l.lock).join(' ⇄ ')} over ${a.links.length} mutexes (${a.links.map((l) => l.lock).join(', ')})`
      : '';
  const title = asleep
    ? 'Deadlock: the runtime reports that all goroutines are asleep'
    : level === 'stuck'
      ? `Stuck lock: ${a!.stuckWaiters} goroutines wait on sync locks that are never released${a!.maxMinutes ? ` (${a!.maxMinutes}+ min)` : ''}`
      : `Deadlock cycle:${cycleText || ` ${a!.holders.map((w) => w.site).join(' ⇄ ')}`} — ${a!.stuckWaiters} goroutines blocked${a!.maxMinutes ? ` for ${a!.maxMinutes}+ min` : ''}`;
  return {
    classId: 'deadlock-cycle',
    detector: 'goroutine-deadlock',
    family: 'goroutine',
    richness: RICHNESS[last.goroutines.source],
    severity,
    confidence,
    anchors: a?.anchors.length ? a.anchors.slice(0, 6) : ['sync.(*Mutex).Lock'],
    sites: a?.anchors ?? [],
    title,
    detail: `${last.name}: ${a ? `${a.stuckWaiters} goroutines wait for ${a.links.length} lock${a.links.length === 1 ? '' : 's'}${a.maxMinutes ? `, the longest for ${a.maxMinutes} minute${a.maxMinutes === 1 ? '' : 's'}` : ''}` : 'the process stopped'}; ${
      level === 'inferred' || level === 'elimination' ? 'each lock is held by a goroutine waiting for the next one in the cycle' : level === 'nested' ? 'functions hold one lock while waiting for another' : 'nothing releases them'
    }.`,
    evidence: {
      cycle: a?.links ?? [],
      counts: Object.fromEntries([
        ['goroutines waiting for these locks', a?.stuckWaiters ?? 0],
        ['goroutines total', last.goroutines.total],
        ...(a?.maxMinutes ? [['longest wait (minutes)', a.maxMinutes]] : []),
      ]),
      percentages: { 'share of goroutines stuck on locks': pct((a?.stuckWaiters ?? 0) / Math.max(1, last.goroutines.total)) },
      stacks,
      notes,
    },
    reproduce,
    sources: first && first !== last && pairConfirmed ? [first.name, last.name] : [last.name],
  };
}
