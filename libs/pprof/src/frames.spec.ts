import { describe, expect, it } from 'vitest';
import { cpu } from '../test/synth';
import { readProfile } from './decode';
import { buildFrameTable, cleanPath } from './frames';

describe('frames', () => {
  it('cleans paths like Go filepath.Clean and trims /proc/self/cwd', () => {
    expect(cleanPath('/a/./b/../c//d/')).toBe('/a/c/d');
    expect(cleanPath('a/../../b')).toBe('../b');
    expect(cleanPath('/proc/self/cwd/./src/x.go')).toBe('src/x.go');
    expect(cleanPath('')).toBe('');
  });

  it('expands inlined locations innermost first and interns names', () => {
    const m = readProfile(cpu([{ stack: [['in', 'out'], 'main'], values: [1, 1] }, { stack: ['in', 'main'], values: [1, 1] }]));
    const t = buildFrameTable(m);
    expect(t.hasInlined).toBe(true);
    expect(t.names.slice().sort()).toEqual(['in', 'main', 'out']);
    const loc0 = Array.from(t.frames.subarray(t.locStart[0]!, t.locStart[1]!)).map((f) => t.names[f]);
    expect(loc0).toEqual(['in', 'out']);
    const lines = buildFrameTable(m, 'lines');
    expect(lines.names).toContain('in /src/in.go:10');
    expect(lines.names).toContain('out /src/out.go:11');
  });
});
