import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cpu } from '../../../../libs/pprof/test/synth';
import { run, tempDir } from '../../test/run';

const dir = tempDir({
  'cpu.pb.gz': cpu([
    { stack: ['main.b', 'main.a', 'main.main'], values: [5, 50] },
    { stack: ['main.<evil>&', 'main.main'], values: [1, 10] },
  ]),
});
const file = (n: string) => join(dir, n);

describe('memegraph flame', () => {
  it('writes SVG, folded, speedscope and tree JSON in one run', async () => {
    const r = await run('flame', file('cpu.pb.gz'), '--svg', file('f.svg'), '--folded', file('f.txt'), '--speedscope', file('f.speedscope.json'), '--json', file('f.json'));
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`wrote SVG flame graph to ${file('f.svg')}`);
    const svg = readFileSync(file('f.svg'), 'utf8');
    expect(svg).toMatch(/^<svg /);
    expect(svg).toContain('main.&lt;evil&gt;&amp;');
    expect(svg).toContain('<title>cpu.pb.gz: cpu</title>');
    // Pre-order, heaviest child first.
    expect(readFileSync(file('f.txt'), 'utf8')).toBe('main.main;main.a;main.b 50\nmain.main;main.<evil>& 10\n');
    const ss = JSON.parse(readFileSync(file('f.speedscope.json'), 'utf8'));
    expect(ss.profiles[0]).toMatchObject({ type: 'sampled', unit: 'nanoseconds', endValue: 60 });
    const tree = JSON.parse(readFileSync(file('f.json'), 'utf8'));
    expect(tree).toMatchObject({ version: 2, sampleType: 'cpu', total: 60, valueScale: 10 });
  });

  it('writes to stdout with "-" and honours --min-fraction and --inverted', async () => {
    const r = await run('flame', file('cpu.pb.gz'), '--folded', '-', '--min-fraction', '0.5');
    expect(r.stdout).toBe('main.main;main.a;main.b 50\nmain.main;(other) 10\n');
    const inv = await run('flame', file('cpu.pb.gz'), '--folded', '-', '--inverted');
    expect(inv.stdout).toContain('main.b;main.a;main.main 50\n');
  });

  it('needs an output and a valid fraction', async () => {
    expect((await run('flame', file('cpu.pb.gz'))).code).toBe(2);
    expect((await run('flame', file('cpu.pb.gz'), '--svg', file('x.svg'), '--min-fraction', '2')).code).toBe(2);
    expect(existsSync(file('x.svg'))).toBe(false);
    expect((await run('flame', file('missing'), '--svg', file('x.svg'))).code).toBe(3);
  });
});
