import { type FrameTable, type ProfileModel, buildFrameTable } from '@memegraph/pprof';
import { isRuntimeFunction, isUserFunction } from './go-names';

/**
 * A profile seen as weighted stacks of function names, leaf first, inlined calls expanded
 * (the same frames pprof's -top and -traces show). Built once per profile and sample type;
 * every detector walks it with per-function masks computed once per function, so a pattern
 * test costs one regexp per distinct function, not per sample.
 */
export interface StackView {
  names: string[];
  /** Frames of sample s: frames[start[s] .. start[s+1]), leaf first. */
  start: Uint32Array;
  frames: Uint32Array;
  weight: Float64Array;
  /** Sum of |weight| over all samples: pprof's percentage base. */
  total: number;
  sampleCount: number;
}

export function buildStackView(model: ProfileModel, valueIndex: number, table: FrameTable = buildFrameTable(model, 'functions')): StackView {
  const T = model.sampleTypes.length;
  const n = model.sampleCount;
  let len = 0;
  for (let s = 0; s < n; s++) {
    for (let i = model.stackStart[s]!; i < model.stackStart[s + 1]!; i++) {
      const l = model.stackLocs[i]!;
      len += table.locStart[l + 1]! - table.locStart[l]!;
    }
  }
  const start = new Uint32Array(n + 1);
  const frames = new Uint32Array(len);
  const weight = new Float64Array(n);
  let k = 0;
  let total = 0;
  for (let s = 0; s < n; s++) {
    start[s] = k;
    for (let i = model.stackStart[s]!; i < model.stackStart[s + 1]!; i++) {
      const l = model.stackLocs[i]!;
      for (let j = table.locStart[l]!; j < table.locStart[l + 1]!; j++) frames[k++] = table.frames[j]!;
    }
    const w = T > 0 ? model.values[s * T + valueIndex]! : 0;
    weight[s] = w;
    total += Math.abs(w);
  }
  start[n] = k;
  return { names: table.names, start, frames, weight, total, sampleCount: n };
}

/** A per-function yes/no, computed once per distinct function name. */
export type Mask = Uint8Array;

export function mask(view: StackView, test: (name: string) => boolean): Mask {
  const m = new Uint8Array(view.names.length);
  for (let f = 0; f < view.names.length; f++) if (test(view.names[f]!)) m[f] = 1;
  return m;
}

export const regexMask = (view: StackView, re: RegExp): Mask => mask(view, (n) => re.test(n));

export function hasFrame(view: StackView, s: number, m: Mask): boolean {
  for (let i = view.start[s]!; i < view.start[s + 1]!; i++) if (m[view.frames[i]!]) return true;
  return false;
}

export const depth = (view: StackView, s: number): number => view.start[s + 1]! - view.start[s]!;

export const leaf = (view: StackView, s: number): number => (depth(view, s) > 0 ? view.frames[view.start[s]!]! : -1);

/** Sum of weights of the samples that satisfy `pred`. */
export function weightWhere(view: StackView, pred: (s: number) => boolean): number {
  let w = 0;
  for (let s = 0; s < view.sampleCount; s++) if (view.weight[s] !== 0 && pred(s)) w += view.weight[s]!;
  return w;
}

/** Share (0..1) of the total carried by samples that contain a frame of the mask. */
export function shareWithFrame(view: StackView, m: Mask): number {
  return view.total > 0 ? weightWhere(view, (s) => hasFrame(view, s, m)) / view.total : 0;
}

/** Flat and cumulative weight per function (cum counts a function once per sample). */
export function flatCum(view: StackView): { flat: Float64Array; cum: Float64Array } {
  const n = view.names.length;
  const flat = new Float64Array(n);
  const cum = new Float64Array(n);
  const seen = new Int32Array(n).fill(-1);
  for (let s = 0; s < view.sampleCount; s++) {
    const w = view.weight[s]!;
    if (w === 0) continue;
    const a = view.start[s]!;
    const b = view.start[s + 1]!;
    if (a === b) continue;
    flat[view.frames[a]!]! += w;
    for (let i = a; i < b; i++) {
      const f = view.frames[i]!;
      if (seen[f] !== s) {
        seen[f] = s;
        cum[f]! += w;
      }
    }
  }
  return { flat, cum };
}

/**
 * The code responsible for a pattern in sample s: above the outermost frame of the mask,
 * the first function of the service itself, else the first non-runtime function, else the
 * outermost pattern frame. -1 when the sample has no frame of the mask.
 */
export function callerAbove(view: StackView, s: number, m: Mask): number {
  const a = view.start[s]!;
  const b = view.start[s + 1]!;
  let outer = -1;
  for (let i = a; i < b; i++) if (m[view.frames[i]!]) outer = i;
  if (outer < 0) return -1;
  let fallback = -1;
  for (let i = outer + 1; i < b; i++) {
    const f = view.frames[i]!;
    const name = view.names[f]!;
    if (isUserFunction(name)) return f;
    if (fallback < 0 && !isRuntimeFunction(name) && !m[f]) fallback = f;
  }
  return fallback >= 0 ? fallback : view.frames[outer]!;
}

/** Weight per function id, largest first, as [name, weight] pairs. */
export function rankIds(weights: Map<number, number>, names: string[], limit = 5): [string, number][] {
  return [...weights]
    .sort((x, y) => y[1] - x[1] || (names[x[0]]! < names[y[0]]! ? -1 : 1))
    .slice(0, limit)
    .map(([f, w]) => [names[f]!, w]);
}

export function addTo<K>(map: Map<K, number>, key: K, w: number): void {
  map.set(key, (map.get(key) ?? 0) + w);
}
