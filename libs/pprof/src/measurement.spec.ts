import { describe, expect, it } from 'vitest';
import { goFixed, goG } from './go-format';
import { parseScaledLabel, percentage, scale, scaledLabel, selectOutputUnit } from './measurement';

describe('Go number formatting', () => {
  it('%.2f rounds exact ties to even, as Go does', () => {
    expect(goFixed(12.125, 2)).toBe('12.12');
    expect(goFixed(12.375, 2)).toBe('12.38');
    expect(goFixed(0.125, 2)).toBe('0.12');
    expect(goFixed(2.5, 0)).toBe('2');
    expect(goFixed(3.5, 0)).toBe('4');
    expect(goFixed(9.999, 2)).toBe('10.00');
    expect(goFixed(-0.001, 2)).toBe('-0.00');
    expect(goFixed(1e22, 2)).toBe('10000000000000000000000.00');
  });

  it('%.2g uses significant digits, %e form for small exponents, no trailing zeros', () => {
    expect(goG(0.66225, 2)).toBe('0.66');
    expect(goG(0.5, 2)).toBe('0.5');
    expect(goG(0.05, 2)).toBe('0.05');
    expect(goG(0.00012345, 2)).toBe('0.00012');
    expect(goG(0.000012, 2)).toBe('1.2e-05');
    expect(goG(0.999, 2)).toBe('1');
    expect(goG(0, 2)).toBe('0');
    expect(goG(123, 2)).toBe('1.2e+02');
    expect(goG(0.0091, 2)).toBe('0.0091');
  });
});

describe('pprof measurement', () => {
  it('scales bytes by 1024 and times by 1000, choosing the largest fitting unit', () => {
    expect(scale(1536, 'bytes', 'auto')).toEqual([1.5, 'kB']);
    expect(scale(3 * 2 ** 30, 'bytes', 'minimum')).toEqual([3, 'GB']);
    expect(scale(1_480_000_000, 'nanoseconds', 'auto')).toEqual([1.48, 's']);
    expect(scale(20_000_000, 'nanoseconds', 'ms')).toEqual([20, 'ms']);
    expect(scale(42, 'count', 'auto')).toEqual([42, '']);
    expect(scale(-1536, 'bytes', 'auto')).toEqual([-1.5, 'kB']);
  });

  it('labels values the way pprof prints them', () => {
    expect(scaledLabel(1_480_000_000, 'nanoseconds', 's')).toBe('1.48s');
    expect(scaledLabel(16 * 2 ** 20, 'bytes', 'MB')).toBe('16MB');
    expect(scaledLabel(0, 'nanoseconds', 's')).toBe('0');
    expect(scaledLabel(100_003, 'count', 'count')).toBe('100003');
  });

  it('formats percentages like pprof: 100%, %5.2f, %5.2g', () => {
    expect(percentage(1, 1)).toBe('  100%');
    expect(percentage(9996, 10_000)).toBe('  100%');
    expect(percentage(202, 1000)).toBe('20.20%');
    expect(percentage(5, 1000)).toBe('  0.5%');
    expect(percentage(0, 1000)).toBe('    0%');
    expect(percentage(1, 0)).toBe('    0%');
  });

  it('picks the output unit from the smallest shown value', () => {
    // 20ms vs 3.02s: units differ and 100 x 20ms < 3.02s, so pprof moves up to seconds (0.02s).
    expect(selectOutputUnit(20_000_000, 3_020_000_000, 'nanoseconds')).toBe('s');
    // 60ms: 100 x 60ms = 6s is not below 3.02s, so milliseconds stay.
    expect(selectOutputUnit(60_000_000, 3_020_000_000, 'nanoseconds')).toBe('ms');
    expect(selectOutputUnit(3, 100_004, 'count')).toBe('count');
  });

  it('parses printed values back with their precision', () => {
    expect(parseScaledLabel('1.48s', 'nanoseconds')).toEqual([1_480_000_000, 5_000_000]);
    expect(parseScaledLabel('16MB', 'bytes')).toEqual([16 * 2 ** 20, 0.005 * 2 ** 20]);
    expect(parseScaledLabel('100003', 'count')).toEqual([100_003, 0.005]);
    expect(() => parseScaledLabel('n/a', 'count')).toThrow();
  });
});
