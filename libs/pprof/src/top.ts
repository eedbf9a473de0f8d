import { type FilterOptions, activeFilters, applyFilters, hasFilters } from './filters';
import { type FrameTable, type Granularity, buildFrameTable } from './frames';
import { frameWeights, reportTotal } from './graph';
import { type ProfileModel } from './profile.model';
import { resolveSampleIndex } from './sample-index';

/**
 * The top table, equal to `go tool pprof -top`: same total, same flat/cum per function, same
 * rows dropped by -nodefraction and -nodecount, same order (flat desc, then name, then cum
 * desc), same "(inline)" labels.
 */
export interface TopOptions {
  /** Sample type name or position; default: default_sample_type, else the last type. */
  sampleIndex?: string | number;
  granularity?: Granularity;
  /** Drop nodes whose |cum| is below this fraction of the total (pprof -nodefraction, 0.005). */
  nodeFraction?: number;
  /** Edges below this fraction do not count for inline labels (pprof -edgefraction, 0.001). */
  edgeFraction?: number;
  /** Keep at most this many rows (pprof -nodecount); 0 or undefined keeps all. */
  nodeCount?: number;
  filters?: FilterOptions;
  /** Percentages relative to this total instead of the profile's (the diff base total). */
  total?: number;
}

export type InlineLabel = 'inline' | 'partial-inline';

export interface TopRow {
  name: string;
  flat: number;
  flatPct: number;
  sumPct: number;
  cum: number;
  cumPct: number;
  /** How pprof labels the row: every caller edge inlined, or only some. */
  inline?: InlineLabel;
}

export interface TopTable {
  sampleType: string;
  unit: string;
  sampleIndex: number;
  granularity: Granularity;
  /** Sum of |value| over all samples before filters (pprof's percentage base). */
  total: number;
  /** Sum of flat over the rows shown. */
  shownTotal: number;
  rows: TopRow[];
  /** Nodes dropped for |cum| below the node cutoff. */
  droppedNodes: number;
  /** The cutoff as pprof prints it in "Dropped N nodes (cum <= X)": trunc(total * nodeFraction). */
  droppedCutoff: number;
  /** Nodes left after the cutoff, before nodeCount. */
  nodesAfterCutoff: number;
  nodeFraction: number;
  nodeCount: number;
  /** Filters applied, as pprof lists them ("focus=regexp"). */
  activeFilters: string[];
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
const pct = (v: number, total: number): number => (total === 0 ? 0 : round2((v / total) * 100));

/** pprof's FlatNameOrder: |flat| desc, name asc (byte order), |cum| desc. */
function compareRows(names: string[], flat: Float64Array, cum: Float64Array) {
  return (a: number, b: number): number => {
    const fa = Math.abs(flat[a]!);
    const fb = Math.abs(flat[b]!);
    if (fa !== fb) return fb - fa;
    const na = names[a]!;
    const nb = names[b]!;
    if (na !== nb) return na < nb ? -1 : 1;
    return Math.abs(cum[b]!) - Math.abs(cum[a]!);
  };
}

export function topTable(model: ProfileModel, options: TopOptions = {}): TopTable {
  const valueIndex = resolveSampleIndex(model, options.sampleIndex);
  const granularity = options.granularity ?? 'functions';
  const nodeFraction = options.nodeFraction ?? 0.005;
  const edgeFraction = options.edgeFraction ?? 0.001;
  const nodeCount = options.nodeCount ?? 0;
  const total = options.total ?? reportTotal(model, valueIndex);
  const m = hasFilters(options.filters) ? applyFilters(model, options.filters) : model;
  const frames = buildFrameTable(m, granularity);
  const { flat, cum } = frameWeights(m, frames, valueIndex);

  // Nodes in the graph: any with weight. pprof's cutoff base is the sum of their flat values.
  const graph: number[] = [];
  let graphFlat = 0;
  for (let f = 0; f < frames.names.length; f++) {
    if (flat[f] === 0 && cum[f] === 0) continue;
    graph.push(f);
    graphFlat += flat[f]!;
  }
  const nodeCutoff = Math.abs(Math.trunc(graphFlat * nodeFraction));
  let kept = nodeCutoff > 0 ? graph.filter((f) => Math.abs(cum[f]!) >= nodeCutoff) : graph;
  const droppedNodes = graph.length - kept.length;
  const nodesAfterCutoff = kept.length;
  kept.sort(compareRows(frames.names, flat, cum));
  if (nodeCount > 0 && kept.length > nodeCount) kept = kept.slice(0, nodeCount);

  const labels = inlineLabels(m, frames, valueIndex, kept, Math.abs(Math.trunc(graphFlat * edgeFraction)));
  const rows: TopRow[] = [];
  let sum = 0;
  for (const f of kept) {
    sum += flat[f]!;
    const row: TopRow = {
      name: frames.names[f]!,
      flat: flat[f]!,
      flatPct: pct(flat[f]!, total),
      sumPct: pct(sum, total),
      cum: cum[f]!,
      cumPct: pct(cum[f]!, total),
    };
    const label = labels.get(f);
    if (label) row.inline = label;
    rows.push(row);
  }
  const st = model.sampleTypes[valueIndex]!;
  return {
    sampleType: st.type,
    unit: st.unit,
    sampleIndex: valueIndex,
    granularity,
    total,
    shownTotal: sum,
    rows,
    droppedNodes,
    droppedCutoff: Math.abs(Math.trunc(total * nodeFraction)),
    nodesAfterCutoff,
    nodeFraction,
    nodeCount,
    activeFilters: activeFilters(options.filters),
  };
}

/**
 * pprof labels a row "(inline)" when every surviving caller edge into it is an inlined call,
 * "(partial-inline)" when only some are. Edges are rebuilt over the kept nodes only (an edge
 * may skip dropped frames), weighted once per sample, and those under the edge cutoff do not
 * count. Only frames that ever appear inlined can get a label, so only their edges are tracked.
 */
function inlineLabels(m: ProfileModel, frames: FrameTable, valueIndex: number, kept: number[], edgeCutoff: number): Map<number, InlineLabel> {
  const result = new Map<number, InlineLabel>();
  if (!frames.hasInlined || kept.length === 0) return result;
  const n = frames.names.length;
  const isKept = new Uint8Array(n);
  for (const f of kept) isKept[f] = 1;
  const { locStart, frames: fr } = frames;
  // Frames that sit at an inner (inlined) position of some location.
  const inlinable = new Uint8Array(n);
  let any = false;
  for (let l = 0; l + 1 < locStart.length; l++) {
    for (let j = locStart[l]!; j + 1 < locStart[l + 1]!; j++) {
      if (isKept[fr[j]!]) {
        inlinable[fr[j]!] = 1;
        any = true;
      }
    }
  }
  if (!any) return result;

  const edgeIndex = new Map<number, number>();
  const weight: number[] = [];
  const inline: boolean[] = [];
  const seenIn: number[] = [];
  const child: number[] = [];
  const T = m.sampleTypes.length;
  for (let s = 0; s < m.sampleCount; s++) {
    const w = m.values[s * T + valueIndex]!;
    if (w === 0) continue;
    let parent = -1;
    for (let i = m.stackStart[s + 1]! - 1; i >= m.stackStart[s]!; i--) {
      const l = m.stackLocs[i]!;
      const last = locStart[l + 1]! - 1;
      for (let j = last; j >= locStart[l]!; j--) {
        const f = fr[j]!;
        if (!isKept[f]) continue;
        if (inlinable[f] && parent >= 0 && parent !== f) {
          const key = parent * n + f;
          let e = edgeIndex.get(key);
          if (e === undefined) {
            e = weight.length;
            edgeIndex.set(key, e);
            weight.push(0);
            inline.push(true);
            seenIn.push(-1);
            child.push(f);
          }
          if (seenIn[e] !== s) {
            seenIn[e] = s;
            weight[e]! += w;
            if (j === last) inline[e] = false;
          }
        }
        parent = f;
      }
    }
  }
  const hasInline = new Uint8Array(n);
  const hasDirect = new Uint8Array(n);
  for (let e = 0; e < weight.length; e++) {
    if (Math.abs(weight[e]!) < edgeCutoff) continue;
    if (inline[e]) hasInline[child[e]!] = 1;
    else hasDirect[child[e]!] = 1;
  }
  for (const f of kept) {
    if (hasInline[f]) result.set(f, hasDirect[f] ? 'partial-inline' : 'inline');
  }
  return result;
}
