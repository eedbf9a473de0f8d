import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { hasManifest, sharedFixtures } from '../../../../libs/pprof/test/fixtures';
import { run, tempDir } from '../../test/run';

const data = (f: string) => readFileSync(join(__dirname, '../../../../libs/pprof/test/data', f));
const dir = tempDir({
  'g.pb.gz': data('go126-goroutine.pb.gz'),
  'g.debug1.txt': data('go126-goroutine.debug1.txt'),
  'g.debug2.txt.gz': gzipSync(data('go126-goroutine.debug2.txt')),
  'panic.txt': data('go126-panic.txt'),
  'notes.txt': 'just some notes\n',
});
const file = (n: string) => join(dir, n);

describe('memegraph goroutines', () => {
  it('prints the JSON contract from a debug=2 dump (gzipped)', async () => {
    const r = await run('goroutines', file('g.debug2.txt.gz'), '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.total).toBe(8);
    expect(out.byState).toEqual({ 'chan receive': 5, 'select (no cases)': 2, running: 1 });
    expect(out.groups[0]).toEqual({
      state: 'chan receive',
      count: 5,
      waitMinutes: { min: 0, max: 0 },
      stack: ['main.waiter'],
      createdBy: 'main.main',
      waitingAt: 'main.waiter',
    });
    expect(out.groups.map((g: { count: number }) => g.count)).toEqual([5, 2, 1]);
  });

  it('reads proto and debug=1 inputs with state unknown', async () => {
    for (const f of ['g.pb.gz', 'g.debug1.txt']) {
      const out = JSON.parse((await run('goroutines', file(f), '--json')).stdout);
      expect(out).toMatchObject({ total: 8, byState: { unknown: 8 } });
      expect(out.groups[0]).toMatchObject({ count: 5, state: 'unknown', createdBy: null });
    }
  });

  it('prints a readable summary, panic preamble included', async () => {
    const r = await run('goroutines', file('panic.txt'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('7 goroutines in 5 groups (from a debug2 text dump)');
    expect(r.stdout).toContain('| panic: assignment to entry in nil map');
    expect(r.stdout).toContain('3  [chan receive]  at main.(*server).worker');
  });

  it('exits 3 on text that is not a dump and 2 on usage errors', async () => {
    expect((await run('goroutines', file('notes.txt'))).code).toBe(3);
    expect((await run('goroutines')).code).toBe(2);
    expect((await run('goroutines', file('g.pb.gz'), '--limit', '0')).code).toBe(2);
  });
});

describe.skipIf(!hasManifest(sharedFixtures))('memegraph goroutines on the 100,000-goroutine dump', () => {
  it('groups all of them', async () => {
    const out = JSON.parse((await run('goroutines', join(sharedFixtures, 'big-goroutine-dump.goroutine.debug2.txt.gz'), '--json')).stdout);
    expect(out.total).toBe(100_004);
    expect(out.groups[0]).toMatchObject({ state: 'select', count: 40_000 });
  });
});
