import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main';

const capture = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) }, out, err };
};

describe('memegraph --help', () => {
  it('lists every command and the exit-code contract', async () => {
    const c = capture();
    expect(await main(['--help'], c.io)).toBe(0);
    const text = c.out.join('\n');
    expect(text).toMatch(/^Usage: memegraph <command>/m);
    expect(text).toContain('Exit codes: 0 ok, 2 usage, 3 unsupported or corrupt input, 4 limit exceeded.');
    expect(text).toMatch(/^ {2}summary +describe a pprof profile/m);
  });

  it('rejects unknown commands and no command with exit code 2', async () => {
    const c = capture();
    expect(await main(['frobnicate'], c.io)).toBe(2);
    expect(c.err.join('')).toContain('unknown command "frobnicate"');
    expect(await main([], capture().io)).toBe(2);
  });

  it('maps a missing file to exit code 3 with a message on stderr', async () => {
    const c = capture();
    expect(await main(['summary', '/nonexistent/heap.pb.gz'], c.io)).toBe(3);
    expect(c.err.join('')).toContain('no such file: /nonexistent/heap.pb.gz');
  });

  const bin = join(__dirname, '../bin/memegraph.js');
  it.skipIf(!existsSync(join(__dirname, '../dist/main.js')))('runs as a real process through the bin launcher', () => {
    const out = execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(out).toContain('memegraph — diagnose Go services');
  });
});
