import { describe, expect, it } from 'vitest';
import { formatConfidence } from '../lib/format';

describe('formatConfidence', () => {
  it('rounds to whole percent in the middle of the range', () => {
    expect(formatConfidence(0.5)).toBe('50%');
    expect(formatConfidence(0.994)).toBe('99%');
    expect(formatConfidence(0.005)).toBe('1%');
  });

  it('never claims certainty or impossibility for an estimate', () => {
    expect(formatConfidence(1)).toBe('>99%');
    expect(formatConfidence(0.9996)).toBe('>99%');
    expect(formatConfidence(0.0004)).toBe('<1%');
    expect(formatConfidence(0)).toBe('0%');
  });

  it('shows a dash when there is no number', () => {
    expect(formatConfidence(undefined)).toBe('—');
    expect(formatConfidence(null)).toBe('—');
    expect(formatConfidence(Number.NaN)).toBe('—');
  });
});
