import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cpu } from '../../../../libs/pprof/test/synth';
import { run, tempDir } from '../../test/run';

const dir = tempDir({ 'cpu.pb.gz': cpu([{ stack: ['main.main'], values: [2, 20] }]), 'bad.bin': 'not a profile at all' });

describe('memegraph summary', () => {
  it('describes a profile as JSON', async () => {
    const r = await run('summary', join(dir, 'cpu.pb.gz'), '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ kind: 'cpu', sampleCount: 1, hasSymbols: true, totals: [{ type: 'samples', total: 2 }, { type: 'cpu', total: 20 }] });
  });

  it('exits 3 on bad input and 2 without a file', async () => {
    expect((await run('summary', join(dir, 'bad.bin'))).code).toBe(3);
    expect((await run('summary')).code).toBe(2);
  });
});
