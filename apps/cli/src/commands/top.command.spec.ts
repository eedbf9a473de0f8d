import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasManifest, sharedFixtures } from '../../../../libs/pprof/test/fixtures';
import { cpu } from '../../../../libs/pprof/test/synth';
import { BAD_PROFILE_CASES, badProfileFiles, run, tempDir } from '../../test/run';

const dir = tempDir({
  'cpu.pb.gz': cpu([
    { stack: ['main.b', 'main.a', 'main.main'], values: [5, 50_000_000] },
    { stack: ['main.a', 'main.main'], values: [2, 20_000_000] },
    { stack: [['strconv.Itoa', 'main.fmt'], 'main.main'], values: [3, 30_000_000] },
  ]),
  'nosym.pb.gz': cpu([{ stack: ['a', 'b'], values: [1, 10] }], { noSymbols: true }),
  ...badProfileFiles(),
});
const file = (n: string) => join(dir, n);

describe('memegraph top', () => {
  it('prints the exact JSON contract with raw values in the profile unit', async () => {
    const r = await run('top', file('cpu.pb.gz'), '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      sampleType: 'cpu',
      unit: 'nanoseconds',
      total: 100_000_000,
      rows: [
        { name: 'main.b', flat: 50_000_000, flatPct: 50, sumPct: 50, cum: 50_000_000, cumPct: 50 },
        { name: 'strconv.Itoa', flat: 30_000_000, flatPct: 30, sumPct: 80, cum: 30_000_000, cumPct: 30 },
        { name: 'main.a', flat: 20_000_000, flatPct: 20, sumPct: 100, cum: 70_000_000, cumPct: 70 },
        { name: 'main.fmt', flat: 0, flatPct: 0, sumPct: 100, cum: 30_000_000, cumPct: 30 },
        { name: 'main.main', flat: 0, flatPct: 0, sumPct: 100, cum: 100_000_000, cumPct: 100 },
      ],
    });
  });

  it('prints text shaped like go tool pprof -top, inline labels included', async () => {
    const r = await run('top', file('cpu.pb.gz'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Type: cpu\n');
    expect(r.stdout).toContain('      flat  flat%   sum%        cum   cum%\n');
    expect(r.stdout).toContain('    30ms 30.00% 80.00%       30ms 30.00%  strconv.Itoa (inline)\n');
  });

  it('takes --sample-index, --nodecount, --lines and filters', async () => {
    const bySamples = JSON.parse((await run('top', file('cpu.pb.gz'), '--json', '--sample-index', 'samples', '--nodecount', '2')).stdout);
    expect(bySamples).toMatchObject({ sampleType: 'samples', unit: 'count', total: 10 });
    expect(bySamples.rows.map((r: { name: string }) => r.name)).toEqual(['main.b', 'strconv.Itoa']);
    const focused = JSON.parse((await run('top', file('cpu.pb.gz'), '--json', '--focus', 'main.fmt')).stdout);
    expect(focused.total).toBe(100_000_000);
    expect(focused.rows[0]).toMatchObject({ name: 'strconv.Itoa', flat: 30_000_000 });
    expect((await run('top', file('cpu.pb.gz'), '--lines')).stdout).toContain('main.b /src/main.go:10');
  });

  it('says on stderr when the profile has no symbols, keeping stdout JSON exact', async () => {
    const r = await run('top', file('nosym.pb.gz'), '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('no symbols (hasSymbols: false)');
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['sampleType', 'unit', 'total', 'rows']);
    expect(out.rows.map((x: { name: string }) => x.name).every((n: string) => /^0x[0-9a-f]+$/.test(n))).toBe(true);
  });

  it.each([
    ['no file', [], 2],
    ['two files', ['a', 'b'], 2],
    ['an unknown option', ['--frobnicate'], 2],
    ['a bad --nodecount', ['--nodecount', 'x'], 2],
    ['an unknown sample index', ['--sample-index', 'nope'], 2],
    ['a bad regexp', ['--focus', '('], 2],
  ])('exits 2 on %s', async (_what, extra, code) => {
    const args = extra.length && !extra[0]!.startsWith('--') ? extra : extra.length ? [file('cpu.pb.gz'), ...extra] : [];
    const r = await run('top', ...args);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(/^memegraph top: /);
  });

  it.each(BAD_PROFILE_CASES)('%s exits %i with %s on stderr', async (name, code, error) => {
    const r = await run('top', file(name));
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(error);
  });
});

describe.skipIf(!hasManifest(sharedFixtures))('memegraph top on real profiles', () => {
  it('prints the same table body as go tool pprof -top', async () => {
    const r = await run('top', join(sharedFixtures, 'healthy.cpu.pb.gz'));
    const oracle = readFileSync(join(sharedFixtures, 'healthy.cpu.top.txt'), 'utf8');
    const body = (s: string) => s.slice(s.indexOf('Showing nodes'));
    expect(body(r.stdout)).toBe(body(oracle));
  });
});
