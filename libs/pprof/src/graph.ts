import { type FrameTable } from './frames';
import { type ProfileModel } from './profile.model';

/**
 * Flat and cumulative weight per frame over all samples, pprof's graph semantics:
 * cum counts a frame once per sample however often it recurs in the stack, and flat goes to
 * the innermost frame (the deepest inlined callee of the leaf location). Iterative and
 * linear in the total stack length, whatever the depth.
 */
export interface FrameWeights {
  flat: Float64Array;
  cum: Float64Array;
}

/** Weights over samples [from, to) (all by default); `sign` flips them (a diff base stored negated). */
export function frameWeights(m: ProfileModel, frames: FrameTable, valueIndex: number, from = 0, to = m.sampleCount, sign = 1): FrameWeights {
  const n = frames.names.length;
  const flat = new Float64Array(n);
  const cum = new Float64Array(n);
  const seen = new Int32Array(n).fill(-1);
  const T = m.sampleTypes.length;
  const { stackStart, stackLocs, values } = m;
  const { locStart, frames: fr } = frames;
  for (let s = from; s < to; s++) {
    const w = sign * values[s * T + valueIndex]!;
    if (w === 0) continue;
    const a = stackStart[s]!;
    const b = stackStart[s + 1]!;
    if (a === b) continue;
    for (let i = a; i < b; i++) {
      const l = stackLocs[i]!;
      for (let j = locStart[l]!; j < locStart[l + 1]!; j++) {
        const f = fr[j]!;
        if (seen[f] !== s) {
          seen[f] = s;
          cum[f]! += w;
        }
      }
    }
    // The leaf is the first frame of the first location: its innermost inlined callee.
    flat[fr[locStart[stackLocs[a]!]!]!]! += w;
  }
  return { flat, cum };
}

/** pprof's report total: the sum of absolute sample values (of the diff base alone when `isBase` marks one). */
export function reportTotal(m: ProfileModel, valueIndex: number, isBase?: (sample: number) => boolean): number {
  const T = m.sampleTypes.length;
  let total = 0;
  let baseTotal = 0;
  for (let s = 0; s < m.sampleCount; s++) {
    const v = Math.abs(m.values[s * T + valueIndex]!);
    total += v;
    if (isBase?.(s)) baseTotal += v;
  }
  return baseTotal > 0 ? baseTotal : total;
}
