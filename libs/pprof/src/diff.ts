import { AppError } from '@memegraph/contracts';
import { type CallTree, TreeBuilder, finishTree, sampleFrames } from './call-tree';
import { type FilterOptions, applyFilters, hasFilters } from './filters';
import { type Granularity, buildFrameTable } from './frames';
import { frameWeights } from './graph';
import { type ProfileModel } from './profile.model';
import { resolveSampleIndex } from './sample-index';
import { type TopTable, topTable } from './top';

/**
 * Base-versus-new comparison, as `go tool pprof -diff_base=BASE NEW` does it: the base's
 * samples join the new profile's with negated values, so every flat/cum is new minus base,
 * and percentages are of the base total. Normalisation scales the new profile first:
 * "total" to the base's total (pprof -normalize), "duration" by base/new duration, so a
 * 60 s profile compares fairly with a 10 s one.
 */
export type Normalization = 'none' | 'total' | 'duration';

export interface DiffOptions {
  sampleIndex?: string | number;
  normalize?: Normalization;
  granularity?: Granularity;
  nodeFraction?: number;
  nodeCount?: number;
  filters?: FilterOptions;
  /** Pruning of the diff call tree (fraction of the larger of base and new). */
  minFraction?: number;
}

export interface DiffRow {
  name: string;
  baseFlat: number;
  newFlat: number;
  flatDelta: number;
  baseCum: number;
  newCum: number;
  cumDelta: number;
}

export interface ProfileDiff {
  sampleType: string;
  unit: string;
  normalize: Normalization;
  /** Factor applied to the new profile's values. */
  scale: number;
  baseTotal: number;
  newTotal: number;
  /** pprof -diff_base -top: flat/cum are new minus base, percentages of the base total. */
  top: TopTable;
  /** The top rows with base and new values side by side, same order. */
  rows: DiffRow[];
  /** Merged call tree: total/self are the new profile's, baseTotal/baseSelf the base's. */
  tree: CallTree;
}

const concatU64 = (a: BigUint64Array, b: BigUint64Array) => {
  const o = new BigUint64Array(a.length + b.length);
  o.set(a);
  o.set(b, a.length);
  return o;
};

const goRound = (x: number): number => Math.sign(x) * Math.round(Math.abs(x));

function sumOf(m: ProfileModel, vi: number): number {
  const T = m.sampleTypes.length;
  let t = 0;
  for (let s = 0; s < m.sampleCount; s++) t += m.values[s * T + vi]!;
  return t;
}

/** New samples first (scaled), then base samples negated; locations and functions concatenated. */
function mergeForDiff(next: ProfileModel, vi: number, base: ProfileModel, bi: number, scale: number): ProfileModel {
  const locs = next.locAddress.length;
  const fns = next.funcName.length;
  const lines = next.lineFunc.length;
  const maps = next.mappings.length;
  const concatF = (a: Float64Array, b: Float64Array) => {
    const o = new Float64Array(a.length + b.length);
    o.set(a);
    o.set(b, a.length);
    return o;
  };
  const locLineStart = new Uint32Array(locs + base.locAddress.length + 1);
  locLineStart.set(next.locLineStart.subarray(0, locs));
  for (let l = 0; l <= base.locAddress.length; l++) locLineStart[locs + l] = base.locLineStart[l]! + lines;
  const lineFunc = new Int32Array(lines + base.lineFunc.length);
  lineFunc.set(next.lineFunc);
  for (let i = 0; i < base.lineFunc.length; i++) lineFunc[lines + i] = base.lineFunc[i]! < 0 ? -1 : base.lineFunc[i]! + fns;
  const locMapping = new Int32Array(locs + base.locAddress.length);
  locMapping.set(next.locMapping);
  for (let l = 0; l < base.locAddress.length; l++) locMapping[locs + l] = base.locMapping[l]! < 0 ? -1 : base.locMapping[l]! + maps;

  const count = next.sampleCount + base.sampleCount;
  const stackStart = new Uint32Array(count + 1);
  const frames = next.stackLocs.length;
  stackStart.set(next.stackStart.subarray(0, next.sampleCount));
  for (let s = 0; s <= base.sampleCount; s++) stackStart[next.sampleCount + s] = base.stackStart[s]! + frames;
  const stackLocs = new Uint32Array(frames + base.stackLocs.length);
  stackLocs.set(next.stackLocs);
  for (let i = 0; i < base.stackLocs.length; i++) stackLocs[frames + i] = base.stackLocs[i]! + locs;
  const values = new Float64Array(count);
  const NT = next.sampleTypes.length;
  const BT = base.sampleTypes.length;
  for (let s = 0; s < next.sampleCount; s++) values[s] = scale === 1 ? next.values[s * NT + vi]! : goRound(next.values[s * NT + vi]! * scale);
  for (let s = 0; s < base.sampleCount; s++) values[next.sampleCount + s] = -base.values[s * BT + bi]!;
  const labels = next.labels || base.labels ? [...Array.from({ length: next.sampleCount }, (_, s) => next.labels?.[s]), ...Array.from({ length: base.sampleCount }, (_, s) => base.labels?.[s])] : undefined;
  return {
    ...next,
    sampleTypes: [next.sampleTypes[vi]!],
    defaultSampleType: undefined,
    mappings: [...next.mappings, ...base.mappings],
    funcName: [...next.funcName, ...base.funcName],
    funcSystemName: [...next.funcSystemName, ...base.funcSystemName],
    funcFile: [...next.funcFile, ...base.funcFile],
    funcStartLine: concatF(next.funcStartLine, base.funcStartLine),
    locAddress: concatU64(next.locAddress, base.locAddress),
    locMapping,
    locIsFolded: Uint8Array.from([...next.locIsFolded, ...base.locIsFolded]),
    locLineStart,
    lineFunc,
    lineNumber: concatF(next.lineNumber, base.lineNumber),
    lineColumn: concatF(next.lineColumn, base.lineColumn),
    sampleCount: count,
    stackStart,
    stackLocs,
    values,
    labels,
  };
}

export function diffProfiles(baseModel: ProfileModel, nextModel: ProfileModel, options: DiffOptions = {}): ProfileDiff {
  const vi = resolveSampleIndex(nextModel, options.sampleIndex);
  const st = nextModel.sampleTypes[vi]!;
  const bi = baseModel.sampleTypes.findIndex((t) => t.type === st.type);
  if (bi < 0 || baseModel.sampleTypes[bi]!.unit !== st.unit) {
    throw new AppError('BAD_REQUEST', `cannot compare: the base profile has no "${st.type}" samples in ${st.unit} (it has ${baseModel.sampleTypes.map((t) => `${t.type}/${t.unit}`).join(', ')})`);
  }
  const normalize = options.normalize ?? 'none';
  // Filters apply to both sides before anything is compared, as in pprof.
  const base = hasFilters(options.filters) ? applyFilters(baseModel, options.filters) : baseModel;
  const next = hasFilters(options.filters) ? applyFilters(nextModel, options.filters) : nextModel;
  const baseSum = sumOf(baseModel, bi);
  const nextSum = sumOf(nextModel, vi);
  let scale = 1;
  if (normalize === 'total') scale = nextSum === 0 ? 0 : baseSum / nextSum;
  else if (normalize === 'duration') {
    if (!baseModel.durationNanos || !nextModel.durationNanos) {
      throw new AppError('BAD_REQUEST', 'duration normalisation needs both profiles to record a duration');
    }
    scale = baseModel.durationNanos / nextModel.durationNanos;
  }
  const merged = mergeForDiff(next, vi, base, bi, scale);

  // Totals come from the unfiltered profiles: pprof computes them before applying filters.
  const BT = baseModel.sampleTypes.length;
  const NT = nextModel.sampleTypes.length;
  let baseTotal = 0;
  for (let s = 0; s < baseModel.sampleCount; s++) baseTotal += Math.abs(baseModel.values[s * BT + bi]!);
  let newTotal = 0;
  let newAbs = 0;
  for (let s = 0; s < nextModel.sampleCount; s++) {
    const v = nextModel.values[s * NT + vi]!;
    const scaled = scale === 1 ? v : goRound(v * scale);
    newTotal += scaled;
    newAbs += Math.abs(scaled);
  }
  // pprof's percentage base: the diff base's total, or everything when the base is empty.
  const absTotal = baseTotal > 0 ? baseTotal : newAbs;

  const top = topTable(merged, {
    sampleIndex: 0,
    granularity: options.granularity,
    nodeFraction: options.nodeFraction,
    nodeCount: options.nodeCount,
    total: absTotal,
  });

  // Side-by-side values for the rows pprof shows.
  const frames = buildFrameTable(merged, options.granularity ?? 'functions');
  const nw = frameWeights(merged, frames, 0, 0, next.sampleCount);
  const bw = frameWeights(merged, frames, 0, next.sampleCount, merged.sampleCount, -1);
  const idOf = new Map(frames.names.map((nm, i) => [nm, i]));
  const rows: DiffRow[] = top.rows.map((r) => {
    const f = idOf.get(r.name)!;
    return { name: r.name, baseFlat: bw.flat[f]!, newFlat: nw.flat[f]!, flatDelta: r.flat, baseCum: bw.cum[f]!, newCum: nw.cum[f]!, cumDelta: r.cum };
  });

  // The diff call tree: new weights and base weights on the same merged nodes.
  const tf = buildFrameTable(merged, 'functions');
  const builder = new TreeBuilder(tf.names.length);
  const path: number[] = [];
  for (let s = 0; s < merged.sampleCount; s++) {
    const v = merged.values[s]!;
    if (v === 0) continue;
    sampleFrames(merged, tf, s, path);
    const isBase = s >= next.sampleCount;
    builder.add(path, 0, path.length, isBase ? -v : v, isBase);
  }
  const tree = finishTree(builder, tf.names, st.type, st.unit, options.minFraction ?? 0, true, tf.files);

  return { sampleType: st.type, unit: st.unit, normalize, scale, baseTotal, newTotal, top, rows, tree };
}
