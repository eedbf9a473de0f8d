import { memeForClass } from '@memegraph/memes';
import { type Candidate, type DetectorClassId, type EvidenceFamily } from './candidate';
import { blend, noisyOr, pct, ramp, round3, severityRank } from './confidence';
import { detectContention } from './detectors/contention';
import { cpuHotspot, detectCpu } from './detectors/cpu';
import { detectDeadlock } from './detectors/deadlock';
import { detectDeepGoroutines, detectLeakGrowth, detectLeakPileUp, detectLockPileUp } from './detectors/goroutines';
import { type AllocFacts, detectHeapGrowth, detectHeapSnapshot } from './detectors/heap';
import { type AnalysisReport, type Evidence, type Finding, type Hotspot, type InputKind, type Severity } from './finding';
import { FIXES } from './fixes';
import { type AnalysisInput, type GoroutineInput, type ProfileInput, inputKind, lockWaitsFromReport, orderSnapshots, timeOf } from './inputs';
import { pprofPeek, pprofTop } from './reproduce';
import { type Thresholds, withThresholds } from './thresholds';

export interface AnalyzeOptions {
  thresholds?: Partial<Thresholds>;
}

/** FNV-1a, 32 bits: a short stable hash for finding ids. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(text, 'utf8')) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** Deterministic: the same class and primary anchor always give the same id. */
export const findingId = (classId: string, anchor: string): string => `${classId}-${fnv1a(`${classId}\n${anchor}`)}`;

const FAMILY_ORDER: EvidenceFamily[] = ['cpu', 'goroutine', 'alloc', 'mutex', 'block'];

const byStrength = (a: Candidate, b: Candidate): number =>
  severityRank(b.severity) - severityRank(a.severity) ||
  Math.round(b.confidence * 100) - Math.round(a.confidence * 100) ||
  (b.richness ?? 0) - (a.richness ?? 0) ||
  b.confidence - a.confidence ||
  FAMILY_ORDER.indexOf(a.family) - FAMILY_ORDER.indexOf(b.family) ||
  (a.title < b.title ? -1 : a.title > b.title ? 1 : 0);

const unique = <T>(xs: T[]): T[] => [...new Set(xs)];

function mergeEvidence(cands: Candidate[]): Evidence {
  const out: Evidence = {};
  const frames = new Map<string, NonNullable<Evidence['frames']>[number]>();
  const percentages: Record<string, number> = {};
  const counts: Record<string, number> = {};
  const stacks = new Map<string, string[]>();
  const notes: string[] = [];
  for (const c of cands) {
    const e = c.evidence;
    for (const f of e.frames ?? []) if (!frames.has(f.name)) frames.set(f.name, f);
    for (const [k, v] of Object.entries(e.percentages ?? {})) if (!(k in percentages)) percentages[k] = v;
    for (const [k, v] of Object.entries(e.counts ?? {})) if (!(k in counts)) counts[k] = v;
    for (const s of e.stacks ?? []) if (!stacks.has(s.join('\n'))) stacks.set(s.join('\n'), s);
    if (e.growth && !out.growth) out.growth = e.growth;
    if (e.cycle?.length && !out.cycle) out.cycle = e.cycle;
    notes.push(...(e.notes ?? []));
  }
  if (frames.size) out.frames = [...frames.values()].slice(0, 12);
  if (Object.keys(percentages).length) out.percentages = percentages;
  if (Object.keys(counts).length) out.counts = counts;
  if (stacks.size) out.stacks = [...stacks.values()].slice(0, 4);
  const n = unique(notes);
  if (n.length) out.notes = n;
  return out;
}

interface Merged {
  classId: DetectorClassId;
  /** The best candidate of each detector, strongest first (support last). */
  cands: Candidate[];
  /** Every input any candidate came from. */
  sources: string[];
  severity: Severity;
  confidence: number;
  notes: string[];
}

/** Best first; one candidate per detector (the same detector over another format repeats itself). */
function bestPerDetector(cands: Candidate[]): Candidate[] {
  const seen = new Set<string>();
  return [...cands].sort(byStrength).filter((c) => !seen.has(c.detector) && seen.add(c.detector));
}

function mergeClass(classId: DetectorClassId, all: Candidate[]): Merged | undefined {
  const main = all.filter((c) => !c.support);
  if (main.length === 0) return undefined;
  const byFamily = new Map<EvidenceFamily, number>();
  for (const c of main) byFamily.set(c.family, Math.max(byFamily.get(c.family) ?? 0, c.confidence));
  const cands = [...bestPerDetector(main), ...bestPerDetector(all.filter((c) => c.support))];
  return {
    classId,
    cands,
    sources: unique(all.flatMap((c) => c.sources)),
    severity: cands[0]!.severity,
    confidence: noisyOr([...byFamily.values()]),
    notes: [],
  };
}

function toFinding(m: Merged, order: Map<string, number>): Finding {
  const primary = m.cands[0]!;
  const anchors = unique(m.cands.flatMap((c) => c.anchors)).filter(Boolean).slice(0, 8);
  const meme = memeForClass(m.classId);
  const evidence = mergeEvidence(m.cands);
  if (m.notes.length) evidence.notes = unique([...m.notes, ...(evidence.notes ?? [])]);
  const details = unique(m.cands.map((c) => c.detail));
  return {
    id: findingId(m.classId, anchors[0] ?? m.classId),
    classId: m.classId,
    memeId: meme?.id ?? m.classId,
    severity: m.severity,
    confidence: round3(m.confidence),
    title: primary.title,
    explanation: [meme?.explanation.en, ...details].filter(Boolean).join(' '),
    evidence,
    fix: FIXES[m.classId](anchors[0] ?? 'the hot function', anchors),
    reproduce: unique(m.cands.flatMap((c) => c.reproduce)).slice(0, 8),
    anchors,
    sources: [...m.sources].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)),
  };
}

/** Down-ranks findings that are the symptom of another finding. */
function explain(merged: Map<DetectorClassId, Merged>, t: Thresholds): void {
  const strong = (id: DetectorClassId): Merged | undefined => {
    const m = merged.get(id);
    return m && severityRank(m.severity) >= severityRank('warning') ? m : undefined;
  };
  const demote = (m: Merged, note: string) => {
    m.severity = 'info';
    m.notes.push(note);
  };

  // Allocation under JSON decoding, concatenation or regexp compilation is their cost.
  const gc = merged.get('gc-pressure');
  if (gc) {
    const fractions: Partial<Record<DetectorClassId, number>> = {};
    for (const c of gc.cands) for (const [k, v] of Object.entries(c.explainedBy ?? {})) fractions[k as DetectorClassId] = Math.max(fractions[k as DetectorClassId] ?? 0, v);
    const explainers = (Object.entries(fractions) as [DetectorClassId, number][]).filter(([k, v]) => v > 0 && strong(k)).sort((a, b) => b[1] - a[1]);
    const total = Math.min(1, explainers.reduce((s, [, v]) => s + v, 0));
    if (explainers.length && total >= t.gcExplainedFraction) {
      demote(gc, `explained by ${explainers.map(([k, v]) => `${k} (${pct(v)}% of allocation CPU is under it)`).join(', ')}: fix that first`);
    } else if (explainers.length) {
      gc.confidence = round3(gc.confidence * (1 - total));
      gc.notes.push(`${pct(total)}% of allocation CPU is under ${explainers.map(([k]) => k).join(', ')}`);
    }
  }

  // Heap growing at the sites where leaked goroutines sit is the goroutines' memory.
  const heap = merged.get('heap-leak');
  if (heap && severityRank(heap.severity) > 0) {
    for (const id of ['goroutine-leak-chan', 'goroutine-leak-netread', 'deadlock-cycle'] as DetectorClassId[]) {
      const g = strong(id);
      if (!g) continue;
      const frames = new Set(g.cands.flatMap((c) => [...(c.sites ?? []), ...c.anchors, ...(c.evidence.stacks ?? []).flat()]));
      const sites = unique(heap.cands.filter((c) => c.detector === 'heap-growth').flatMap((c) => c.sites ?? []));
      const shared = sites.filter((s) => frames.has(s));
      if (shared.length) {
        demote(heap, `explained by ${id}: the growing allocation site${shared.length > 1 ? 's' : ''} ${shared.join(', ')} belong${shared.length > 1 ? '' : 's'} to the leaked goroutines`);
        break;
      }
    }
  }

  // Goroutines queued on the deadlocked locks are its victims, not separate contention.
  const mutex = merged.get('mutex-contention');
  const dl = strong('deadlock-cycle');
  if (mutex && dl && mutex.cands.every((c) => c.support || c.family === 'goroutine')) {
    demote(mutex, 'explained by deadlock-cycle: the goroutines queue on locks that are never released');
  }
}

/** Corroboration that needs two inputs: concatenation sites in allocation profiles, GC churn. */
function crossCheck(cands: Candidate[], facts: AllocFacts[], t: Thresholds): Candidate[] {
  const out: Candidate[] = [];
  for (const c of cands.filter((x) => x.classId === 'string-concat-loop' && x.family === 'cpu')) {
    const site = c.anchors[0];
    for (const f of facts) {
      const top = f.allocTop.find((x) => x.name === site);
      if (!top || top.share < t.allocPatternShare) continue;
      out.push({
        classId: 'string-concat-loop',
        detector: 'alloc-concat',
        family: 'alloc',
        severity: 'warning',
        confidence: blend(0.35, 0.25, [[1, ramp(top.share, t.allocPatternShare, 0.9)]]),
        anchors: [top.name],
        title: `${top.name} allocates ${pct(top.share)}% of all bytes in ${f.source}`,
        detail: `In ${f.source}, ${top.name} allocates ${pct(top.share)}% of alloc_space (${Math.round(top.bytes / 1048576)} MiB): the concatenated strings (heap profiles hide runtime.concatstrings and charge its bytes to the caller).`,
        evidence: { frames: [{ name: top.name, flatPct: pct(top.share) }], percentages: { [`${top.name} share of alloc_space`]: pct(top.share) } },
        reproduce: [pprofTop(f.source, 'alloc_space'), pprofPeek(f.source, top.name, 'alloc_space')],
        sources: [f.source],
      });
    }
  }
  if (cands.some((x) => x.classId === 'gc-pressure' && !x.support)) {
    for (const f of facts) {
      if (f.inuseTotal <= 0) continue;
      out.push({
        classId: 'gc-pressure',
        detector: 'alloc-churn',
        family: 'alloc',
        severity: 'info',
        confidence: 0,
        support: true,
        anchors: f.allocTop.slice(0, 2).map((x) => x.name),
        title: '',
        detail: `${f.source}: ${Math.round(f.allocTotal / 1048576)} MiB allocated since start for ${Math.round((f.inuseTotal / 1048576) * 10) / 10} MiB live (churn ×${Math.round(f.allocTotal / f.inuseTotal)}), most by ${f.allocTop[0]?.name ?? '?'}.`,
        evidence: {
          counts: { 'alloc_space / inuse_space (churn)': Math.round(f.allocTotal / f.inuseTotal) },
          frames: f.allocTop.slice(0, 3).map((x) => ({ name: x.name, flatPct: pct(x.share) })),
        },
        reproduce: [pprofTop(f.source, 'alloc_space')],
        sources: [f.source],
      });
    }
  }
  return out;
}

const secondsBetween = (a: AnalysisInput, b: AnalysisInput): number | undefined => {
  const ta = timeOf(a);
  const tb = timeOf(b);
  return ta > 0 && tb > ta ? (tb - ta) / 1e9 : undefined;
};

/**
 * Runs every detector over the inputs of one service and returns ranked findings (best first:
 * severity, then confidence, then class id), CPU hotspots and the inputs as classified.
 * Inputs of kinds the detectors do not use (threadcreate, unknown) are listed and ignored.
 */
export function analyze(inputs: AnalysisInput[], options: AnalyzeOptions = {}): AnalysisReport {
  const t = withThresholds(options.thresholds);
  const kinds = inputs.map(inputKind);
  const order = new Map(inputs.map((x, i) => [x.name, i]));
  const cands: Candidate[] = [];
  const hotspots: Hotspot[] = [];
  const facts: AllocFacts[] = [];

  // Snapshots of the same kind (goroutines: of the same format), in time order.
  const series = new Map<string, { input: AnalysisInput; index: number }[]>();
  inputs.forEach((input, index) => {
    const k = kinds[index]!;
    const key = k === 'goroutine' ? `goroutine:${(input as GoroutineInput).goroutines.source}` : k;
    series.set(key, [...(series.get(key) ?? []), { input, index }]);
  });

  for (const [key, members] of series) {
    const ordered = orderSnapshots(members);
    const last = ordered[ordered.length - 1]!;
    const first = ordered[0]!;
    const kind = key.split(':')[0] as InputKind;
    if (kind === 'cpu') {
      for (const p of ordered as ProfileInput[]) {
        cands.push(...detectCpu(p.name, p.profile, t));
        const h = cpuHotspot(p.name, p.profile);
        if (h) hotspots.push(h);
      }
    } else if (kind === 'heap' || kind === 'allocs') {
      for (const p of ordered as ProfileInput[]) {
        const r = detectHeapSnapshot(p.name, p.profile, t);
        if (p === last) cands.push(...r.candidates);
        else cands.push(...r.candidates.filter((c) => c.classId !== 'heap-leak'));
        if (r.facts && p === last) facts.push(r.facts);
      }
      if (ordered.length >= 2) {
        const a = first as ProfileInput;
        const b = last as ProfileInput;
        const g = detectHeapGrowth({ name: a.name, model: a.profile, timeNanos: timeOf(a) }, { name: b.name, model: b.profile, timeNanos: timeOf(b) }, t);
        if (g) cands.push(g);
      }
    } else if (kind === 'mutex' || kind === 'block') {
      for (const p of ordered as ProfileInput[]) {
        const c = detectContention(p.name, kind, p.profile, t);
        if (c) cands.push(c);
      }
    } else if (kind === 'goroutine') {
      const gs = (ordered as GoroutineInput[]).map((g) => (g.lockWaits ? g : { ...g, lockWaits: lockWaitsFromReport(g.goroutines) }));
      const gl = gs[gs.length - 1]!;
      const gf = gs[0]!;
      for (const classId of ['goroutine-leak-chan', 'goroutine-leak-netread'] as const) {
        const p = detectLeakPileUp(gl, classId, t);
        if (p) cands.push(p);
        if (gs.length >= 2) {
          const g = detectLeakGrowth(gf, gl, secondsBetween(gf, gl), classId, t);
          if (g) cands.push(g);
        }
      }
      for (const c of [detectDeepGoroutines(gl, t), detectLockPileUp(gl, t), detectDeadlock(gl, gs.length >= 2 ? gf : undefined, t)]) if (c) cands.push(c);
    }
  }

  cands.push(...crossCheck(cands, facts, t));
  const merged = new Map<DetectorClassId, Merged>();
  for (const classId of unique(cands.map((c) => c.classId)).sort()) {
    const m = mergeClass(
      classId,
      cands.filter((c) => c.classId === classId),
    );
    if (m) merged.set(classId, m);
  }
  explain(merged, t);
  const findings = [...merged.values()]
    .map((m) => toFinding(m, order))
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || b.confidence - a.confidence || (a.classId < b.classId ? -1 : a.classId > b.classId ? 1 : 0));

  return {
    findings,
    hotspots,
    inputs: inputs.map((x, i) => {
      const entry: AnalysisReport['inputs'][number] = { name: x.name, kind: kinds[i]! };
      if (x.snapshot?.order !== undefined) entry.snapshot = x.snapshot.order;
      return entry;
    }),
  };
}
