import { type ProfileModel } from '@memegraph/pprof';
import { type Candidate } from '../candidate';
import { blend, pct, ramp } from '../confidence';
import { type EvidenceFrame, type Severity } from '../finding';
import { isRuntimeFunction, isUserFunction } from '../go-names';
import { DYNAMIC_CODEC, REGEX_COMPILE, isCodecFunction } from '../patterns';
import { pprofDiff, pprofPeek, pprofTop } from '../reproduce';
import { type StackView, addTo, buildStackView, callerAbove, hasFrame, mask, rankIds, regexMask } from '../stack-view';
import { type Thresholds } from '../thresholds';

/** What one heap/allocs profile says about allocation, for cross-checks with CPU findings. */
export interface AllocFacts {
  source: string;
  allocTotal: number;
  inuseTotal: number;
  /** Functions allocating the most bytes (alloc_space flat; runtime frames are hidden there). */
  allocTop: { name: string; share: number; bytes: number }[];
}

interface HeapViews {
  alloc?: StackView;
  inuse?: StackView;
}

const MiB = 1024 * 1024;
const mib = (b: number): number => Math.round((b / MiB) * 100) / 100;

function views(model: ProfileModel): HeapViews {
  const ai = model.sampleTypes.findIndex((s) => s.type === 'alloc_space');
  const ii = model.sampleTypes.findIndex((s) => s.type === 'inuse_space');
  return { alloc: ai >= 0 ? buildStackView(model, ai) : undefined, inuse: ii >= 0 ? buildStackView(model, ii) : undefined };
}

/** Flat bytes per allocation site (the innermost non-runtime frame). */
function bySite(view: StackView): Map<string, number> {
  const out = new Map<string, number>();
  for (let s = 0; s < view.sampleCount; s++) {
    const w = view.weight[s]!;
    if (w === 0) continue;
    let site = '';
    for (let i = view.start[s]!; i < view.start[s + 1]!; i++) {
      const n = view.names[view.frames[i]!]!;
      if (!isRuntimeFunction(n)) {
        site = n;
        break;
      }
    }
    if (!site && view.start[s + 1]! > view.start[s]!) site = view.names[view.frames[view.start[s]!]!]!;
    if (site) addTo(out, site, w);
  }
  return out;
}

/** The heaviest stack (innermost first, runtime frames dropped) that allocates at `site`. */
function stackOf(view: StackView, site: string, limit = 12): string[] {
  let best = -1;
  for (let s = 0; s < view.sampleCount; s++) {
    const a = view.start[s]!;
    const b = view.start[s + 1]!;
    let i = a;
    while (i < b && isRuntimeFunction(view.names[view.frames[i]!]!)) i++;
    if (i < b && view.names[view.frames[i]!] === site && (best < 0 || view.weight[s]! > view.weight[best]!)) best = s;
  }
  if (best < 0) return [site];
  const out: string[] = [];
  for (let i = view.start[best]!; i < view.start[best + 1]! && out.length < limit; i++) {
    const n = view.names[view.frames[i]!]!;
    if (!isRuntimeFunction(n)) out.push(n);
  }
  return out;
}

/** One heap or allocs profile: allocation facts, generic-decoding and regexp allocation, retained sites. */
export function detectHeapSnapshot(name: string, model: ProfileModel, t: Thresholds): { candidates: Candidate[]; facts?: AllocFacts } {
  const { alloc, inuse } = views(model);
  const candidates: Candidate[] = [];
  if (!alloc || alloc.total <= 0) return { candidates };
  const sites = bySite(alloc);
  const allocTop = [...sites]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 5)
    .map(([n, bytes]) => ({ name: n, bytes, share: bytes / alloc.total }));
  const facts: AllocFacts = { source: name, allocTotal: alloc.total, inuseTotal: inuse?.total ?? 0, allocTop };

  // Allocation by generic decoding and by regexp compilation: corroboration for the CPU detectors.
  const codec = mask(alloc, isCodecFunction);
  const dynamic = regexMask(alloc, DYNAMIC_CODEC);
  const rx = regexMask(alloc, REGEX_COMPILE);
  const patterns: [Candidate['classId'], (s: number) => boolean, typeof codec][] = [
    ['cpu-reflection-json', (s) => hasFrame(alloc, s, codec) && hasFrame(alloc, s, dynamic), codec],
    ['regex-compile-hot-path', (s) => hasFrame(alloc, s, rx), rx],
  ];
  for (const [classId, pred, m] of patterns) {
    let w = 0;
    const who = new Map<number, number>();
    for (let s = 0; s < alloc.sampleCount; s++) {
      if (!alloc.weight[s] || !pred(s)) continue;
      w += alloc.weight[s]!;
      const f = callerAbove(alloc, s, m);
      if (f >= 0) addTo(who, f, alloc.weight[s]!);
    }
    const share = w / alloc.total;
    if (share < t.allocPatternShare) continue;
    const callers = rankIds(who, alloc.names, 3);
    const anchor = callers[0]?.[0] ?? '';
    const what = classId === 'cpu-reflection-json' ? 'interface{}/map decoding and encoding' : 'regexp compilation';
    candidates.push({
      classId,
      detector: `alloc-${classId}`,
      family: 'alloc',
      severity: share >= 0.5 ? 'warning' : 'info',
      confidence: blend(0.35, 0.25, [[1, ramp(share, t.allocPatternShare, 0.9)]]),
      anchors: anchor ? [anchor] : [],
      title: `${pct(share)}% of allocated bytes come from ${what} under ${anchor || 'the codec'}`,
      detail: `The allocation profile ${name} attributes ${pct(share)}% of alloc_space to ${what}.`,
      evidence: {
        frames: callers.map(([n, b]) => ({ name: n, cumPct: pct(b / alloc.total) })),
        percentages: { [`${what} share of alloc_space`]: pct(share) },
      },
      reproduce: [pprofTop(name, 'alloc_space'), ...(anchor ? [pprofPeek(name, anchor, 'alloc_space')] : [])],
      sources: [name],
    });
  }

  // One snapshot: a site holding most of the live heap and never freeing anything.
  if (inuse && inuse.total > 0) {
    const live = bySite(inuse);
    let best: [string, number] | undefined;
    for (const [site, bytes] of live) if (!best || bytes > best[1]) best = [site, bytes];
    if (best) {
      const [site, bytes] = best;
      const allocated = sites.get(site) ?? 0;
      const share = bytes / inuse.total;
      const retained = allocated > 0 ? bytes / allocated : 0;
      if (share >= t.heapRetainedShare && retained >= t.heapRetainedRatio && bytes >= t.heapRetainedMinBytes) {
        candidates.push({
          classId: 'heap-leak',
          detector: 'heap-retained',
          family: 'alloc',
          severity: 'info',
          confidence: blend(0.25, 0.2, [
            [0.5, ramp(share, t.heapRetainedShare, 0.95)],
            [0.5, ramp(retained, t.heapRetainedRatio, 1)],
          ]),
          anchors: [site],
          sites: [site],
          title: `${site} holds ${pct(share)}% of the live heap (${mib(bytes)} MiB) and has never freed what it allocated`,
          detail: `In ${name}, ${pct(retained)}% of the bytes ${site} ever allocated are still live. One snapshot cannot tell a leak from a cache or a start-up table: compare two heap snapshots.`,
          evidence: {
            frames: [{ name: site, flatPct: pct(share) }],
            percentages: { 'share of inuse_space': pct(share), 'inuse / alloc at the site': pct(retained) },
            counts: { 'inuse bytes at the site': bytes },
            stacks: [stackOf(inuse, site)],
            notes: ['single snapshot: take a second heap profile a few minutes later to see growth'],
          },
          reproduce: [pprofTop(name, 'inuse_space'), pprofPeek(name, site, 'inuse_space')],
          sources: [name],
        });
      }
    }
  }
  return { candidates, facts };
}

/** Growth of inuse_space per site between two snapshots of the same kind. */
export function detectHeapGrowth(
  first: { name: string; model: ProfileModel; timeNanos: number },
  last: { name: string; model: ProfileModel; timeNanos: number },
  t: Thresholds,
): Candidate | undefined {
  const a = views(first.model);
  const b = views(last.model);
  if (!a.inuse || !b.inuse) return undefined;
  const before = bySite(a.inuse);
  const after = bySite(b.inuse);
  const allocAfter = b.alloc ? bySite(b.alloc) : new Map<string, number>();
  const deltas: { site: string; from: number; to: number; delta: number }[] = [];
  let positive = 0;
  for (const site of new Set([...before.keys(), ...after.keys()])) {
    const from = before.get(site) ?? 0;
    const to = after.get(site) ?? 0;
    if (to > from) positive += to - from;
    deltas.push({ site, from, to, delta: to - from });
  }
  deltas.sort((x, y) => y.delta - x.delta || (x.site < y.site ? -1 : 1));
  const base = a.inuse.total;
  const growing = deltas.filter(
    (d) => d.delta >= t.heapGrowthMinBytes && (base <= 0 || d.delta / base >= t.heapGrowthRelative) && positive > 0 && d.delta / positive >= t.heapGrowthSiteShare,
  );
  if (growing.length === 0) return undefined;
  const top = growing[0]!;
  const seconds = first.timeNanos > 0 && last.timeNanos > first.timeNanos ? (last.timeNanos - first.timeNanos) / 1e9 : undefined;
  const siteShare = top.delta / positive;
  const relGrowth = base > 0 ? top.delta / base : Infinity;
  const allocated = allocAfter.get(top.site) ?? 0;
  const retention = allocated > 0 ? Math.min(1, top.to / allocated) : 0;
  const confidence = blend(0.55, 0.44, [
    [0.4, ramp(siteShare, t.heapGrowthSiteShare, 0.9)],
    [0.4, ramp(relGrowth, t.heapGrowthRelative, 2)],
    [0.2, ramp(retention, 0.2, 0.9)],
  ]);
  const totalGrowth = b.inuse.total - a.inuse.total;
  const severity: Severity = relGrowth >= t.heapGrowthCriticalRelative ? 'critical' : 'warning';
  const perSecond = seconds ? top.delta / seconds : undefined;
  const frames: EvidenceFrame[] = growing.slice(0, 3).map((d) => ({ name: d.site, flatPct: pct(d.to / b.inuse!.total) }));
  const rate = perSecond !== undefined ? `, ${mib(perSecond * 60)} MiB/min` : '';
  return {
    classId: 'heap-leak',
    detector: 'heap-growth',
    family: 'alloc',
    severity,
    confidence,
    anchors: growing.slice(0, 3).map((d) => d.site),
    // The allocating code of the top site: its own function and first caller in the service.
    sites: [...new Set([top.site, ...stackOf(b.inuse, top.site).filter(isUserFunction).slice(0, 2)])],
    title: `Heap leak: inuse_space at ${top.site} grew ${mib(top.from)} → ${mib(top.to)} MiB between snapshots${rate}`,
    detail: `${top.site} accounts for ${pct(siteShare)}% of the heap growth between ${first.name} and ${last.name}${seconds ? ` (${seconds.toFixed(0)} s apart)` : ''}; ${pct(retention)}% of what it allocated is still live.`,
    evidence: {
      frames,
      growth: {
        from: top.from,
        to: top.to,
        unit: 'bytes',
        ...(seconds ? { seconds: Math.round(seconds * 100) / 100, perSecond: Math.round(perSecond!) } : {}),
      },
      percentages: {
        'site share of total growth': pct(siteShare),
        'site growth relative to first heap': Number.isFinite(relGrowth) ? pct(relGrowth) : 100,
        'inuse / alloc at the site': pct(retention),
      },
      counts: { 'heap inuse bytes (first)': a.inuse.total, 'heap inuse bytes (last)': b.inuse.total, 'heap growth bytes': totalGrowth },
      stacks: [stackOf(b.inuse, top.site)],
      notes: ['inuse_* values are as of the last completed GC, so they lag the live heap by up to one GC cycle'],
    },
    reproduce: [pprofDiff(first.name, last.name, 'inuse_space'), pprofPeek(last.name, top.site, 'inuse_space'), pprofTop(last.name, 'inuse_space')],
    sources: [first.name, last.name],
  };
}
