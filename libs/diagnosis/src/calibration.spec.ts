import { describe, expect, it } from 'vitest';
import { expectedCalibrationError, fitCalibration } from './calibration';
import { LABELS } from './text-model';

describe('expectedCalibrationError', () => {
  it('is 0 for perfectly calibrated bins and measures the gap otherwise', () => {
    const calibrated = [...Array(10)].map((_, i) => ({ confidence: 0.8, correct: i < 8 }));
    expect(expectedCalibrationError(calibrated)).toBeCloseTo(0, 10);
    const over = [...Array(10)].map((_, i) => ({ confidence: 0.95, correct: i < 5 }));
    expect(expectedCalibrationError(over)).toBeCloseTo(0.45, 10);
    expect(expectedCalibrationError([])).toBe(0);
  });
});

describe('fitCalibration', () => {
  it('shrinks an over-confident model score toward the observed accuracy', () => {
    const L = LABELS.length;
    // The raw model always puts +10 on label 0, but label 0 is right only 60% of the time (label 1 otherwise).
    const items = [...Array(50)].map((_, i) => {
      const model = new Float64Array(L);
      model[0] = 10;
      return { model, scaled: new Float64Array(L), fixed: new Float64Array(L), label: i % 5 < 3 ? 0 : 1 };
    });
    const cal = fitCalibration(items, 0.2);
    const z0 = cal.a * 10;
    // P(label 0) = e^z0 / (e^z0 + 28 + e^bNone) should be close to 0.6.
    const p0 = Math.exp(z0) / (Math.exp(z0) + (L - 2) + Math.exp(cal.bNone));
    expect(p0).toBeGreaterThan(0.5);
    expect(p0).toBeLessThan(0.7);
    expect(fitCalibration(items, 0.2)).toEqual(cal);
  });
});
