import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../main';

const dir = join(__dirname, '../../test/runbooks');
const run = async (args: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
};

describe('memegraph import-runbooks (offline)', () => {
  it('parses the runbooks and links confident alert names to root causes', async () => {
    const prev = process.env.MEMEGRAPH_API_URL;
    delete process.env.MEMEGRAPH_API_URL;
    try {
      const r = await run(['import-runbooks', dir, '--json']);
      expect(r.code).toBe(0);
      const result = JSON.parse(r.out);
      expect(result.mode).toBe('offline');
      const byName = Object.fromEntries(result.items.map((i: { alertName: string }) => [i.alertName, i]));
      expect(Object.keys(byName).sort()).toEqual(['CertificateExpiringSoon', 'GoGoroutinesGrowing', 'TeamLunch']);
      expect(byName.GoGoroutinesGrowing.classId).toBe('goroutine-leak-chan');
      expect(byName.CertificateExpiringSoon.classId).toBe('tls-cert-expiry');
      // Nothing in it signals a known cause: no invented link.
      expect(byName.TeamLunch.classId).toBeUndefined();
      expect(result.linked).toBe(2);
    } finally {
      if (prev !== undefined) process.env.MEMEGRAPH_API_URL = prev;
    }
  });

  it('reports usage and missing folders with the contract exit codes', async () => {
    expect((await run(['import-runbooks'])).code).toBe(2);
    const missing = await run(['import-runbooks', '/nonexistent/runbooks']);
    expect(missing.code).toBe(3);
    expect(missing.err).toContain('no such directory');
  });
});
