import { type Severity } from './finding';

/**
 * The building blocks of every confidence formula. All are monotone non-decreasing in their
 * signal argument, so a stronger signal never lowers a confidence. docs/detectors.md lists each
 * detector's formula in these terms.
 */

export const clamp01 = (x: number): number => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

/** 0 at or below lo, 1 at or above hi, linear in between. */
export function ramp(x: number, lo: number, hi: number): number {
  if (!(hi > lo)) return x >= hi ? 1 : 0;
  return clamp01((x - lo) / (hi - lo));
}

/** base + span * (weighted sum of ramps), clamped to [0, 0.99]: weights should add up to 1. */
export function blend(base: number, span: number, parts: [weight: number, strength: number][]): number {
  let s = 0;
  for (const [w, v] of parts) s += w * clamp01(v);
  return round3(Math.min(0.99, Math.max(0, base + span * s)));
}

/**
 * Noisy-OR of independent evidence: 1 - prod(1 - c). Used across evidence families (CPU,
 * allocations, goroutines, mutex, block); within one family the maximum is taken, since two
 * formats of the same snapshot are not independent.
 */
export function noisyOr(cs: number[]): number {
  let miss = 1;
  for (const c of cs) miss *= 1 - clamp01(c);
  return round3(Math.min(0.99, 1 - miss));
}

export const round3 = (x: number): number => Math.round(x * 1000) / 1000;
export const pct = (fraction: number): number => Math.round(fraction * 10000) / 100;

const ORDER: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };
export const severityRank = (s: Severity): number => ORDER[s];
export const maxSeverity = (a: Severity, b: Severity): Severity => (ORDER[a] >= ORDER[b] ? a : b);
export const minSeverity = (a: Severity, b: Severity): Severity => (ORDER[a] <= ORDER[b] ? a : b);
