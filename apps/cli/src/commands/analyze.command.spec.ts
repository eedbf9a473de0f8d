import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BAD_PROFILE_CASES, badProfileFiles, run, tempDir } from '../../test/run';

const fixtures = resolve(__dirname, '../../../../fixtures/go');
const fx = (name: string) => join(fixtures, name);
const hasFixtures = existsSync(join(fixtures, 'MANIFEST.json'));

const bad = tempDir({
  ...badProfileFiles(),
  'dump.txt': ['goroutine 1 [chan receive]:', 'main.main()', '\t/src/main.go:10 +0x1d', ''].join('\n'),
});
const badFile = (n: string) => join(bad, n);

describe.skipIf(!hasFixtures)('memegraph analyze on captured profiles', () => {
  const t1 = fx('heap-leak.heap.t1.pb.gz');
  const t2 = fx('heap-leak.heap.t2.pb.gz');

  it('prints the JSON contract, best finding first', async () => {
    const r = await run('analyze', t1, t2, '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { findings: Record<string, unknown>[]; hotspots: unknown[]; inputs: { name: string; kind: string }[] };
    const top = out.findings[0]!;
    expect(top).toMatchObject({ classId: 'heap-leak', memeId: 'heap-balloon', severity: 'critical' });
    expect(typeof top.confidence).toBe('number');
    expect(top.confidence as number).toBeGreaterThan(0.6);
    expect(top.confidence as number).toBeLessThanOrEqual(1);
    expect(typeof top.title).toBe('string');
    expect(top.evidence).toMatchObject({ growth: { unit: 'bytes' } });
    expect((top.fix as string[]).length).toBeGreaterThan(0);
    expect((top.reproduce as string[])[0]).toBe(`go tool pprof -top -sample_index=inuse_space -diff_base=${t1} ${t2}`);
    expect(top.anchors).toContain('main.cacheSession');
    expect(typeof top.id).toBe('string');
    expect(out.inputs).toEqual([
      { name: t1, kind: 'heap', snapshot: 0 },
      { name: t2, kind: 'heap', snapshot: 1 },
    ]);
    expect(Array.isArray(out.hotspots)).toBe(true);
  });

  it('analyses growth in the order given: newer first shows no leak', async () => {
    const r = await run('analyze', t2, t1, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { findings: { classId: string; severity: string }[] };
    expect(out.findings.some((f) => f.classId === 'heap-leak' && f.severity !== 'info')).toBe(false);
  });

  it('prints a short human report: meme first, then title, confidence, evidence, fix, reproduce', async () => {
    const r = await run('analyze', t1, t2);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const meme = lines.indexOf('🎈📈 内存气球越吹越大 — The memory balloon keeps inflating');
    expect(meme).toBeGreaterThan(0);
    expect(lines[meme + 1]).toMatch(/^ {2}Heap leak: inuse_space at main\.cacheSession grew/);
    expect(lines[meme + 2]).toMatch(/^ {2}heap-leak · critical · confidence \d+%$/);
    const text = r.stdout;
    expect(text.indexOf('  Evidence:')).toBeGreaterThan(meme);
    expect(text).toMatch(/ {4}- growth: [\d.]+ MiB → [\d.]+ MiB over \d+ s, [\d.]+ MiB\/min/);
    expect(text.indexOf('  Fix:')).toBeGreaterThan(text.indexOf('  Evidence:'));
    expect(text).toContain('    1. Bound what main.cacheSession retains');
    expect(text.indexOf('  Reproduce:')).toBeGreaterThan(text.indexOf('  Fix:'));
    expect(text).toContain(`    $ go tool pprof -top -sample_index=inuse_space -diff_base=${t1} ${t2}`);
  });

  it('takes any mix of kinds and formats of one service', async () => {
    const files = ['cpu.pb.gz', 'goroutine.pb.gz', 'goroutine.debug1.txt', 'goroutine.debug2.txt', 'heap.pb.gz', 'allocs.pb.gz', 'mutex.pb.gz', 'block.pb.gz'].map((k) => fx(`mutex-contention.${k}`));
    const r = await run('analyze', ...files, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { findings: { classId: string; sources: string[] }[]; inputs: { kind: string }[] };
    expect(out.findings[0]!.classId).toBe('mutex-contention');
    expect(out.inputs.map((i) => i.kind)).toEqual(['cpu', 'goroutine', 'goroutine', 'goroutine', 'heap', 'allocs', 'mutex', 'block']);
  });

  it('says so when nothing is found, and still lists hotspots', async () => {
    const r = await run('analyze', fx('healthy.cpu.pb.gz'), fx('healthy.goroutine.debug2.txt'), fx('healthy.heap.pb.gz'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No anti-pattern found above info level.');
    expect(r.stdout).toMatch(/Hotspots in .*healthy\.cpu\.pb\.gz/);
  });
});

describe('memegraph analyze errors', () => {
  it('prints usage on --help', async () => {
    const r = await run('analyze', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: memegraph analyze FILE\.\.\. \[--json\]/);
  });

  it.each([
    ['no file', []],
    ['an unknown option', [badFile('dump.txt'), '--frobnicate']],
  ])('exits 2 on %s', async (_what, args) => {
    const r = await run('analyze', ...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^memegraph analyze: /);
  });

  it.each(BAD_PROFILE_CASES)('%s exits %i with %s and the file name on stderr', async (name, code, error) => {
    const r = await run('analyze', badFile('dump.txt'), badFile(name));
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(error);
    expect(r.stderr).toContain(name);
  });

  it('accepts a lone text dump', async () => {
    const r = await run('analyze', badFile('dump.txt'), '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ findings: [], inputs: [{ kind: 'goroutine' }] });
  });
});
