import { readFileSync, readdirSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpu } from '../../../../libs/pprof/test/synth';
import { run, tempDir } from '../../test/run';

const data = (f: string) => readFileSync(join(__dirname, '../../../../libs/pprof/test/data', f));
const goroutine = data('go126-goroutine.pb.gz');
const debug2 = data('go126-goroutine.debug2.txt');
const cpuProfile = cpu([{ stack: ['main.main'], values: [1, 10] }]);

/** A loopback stand-in for net/http/pprof; under /redirect/ heap answers 302, under /nopprof/ everything is 404. */
let server: Server;
let base = '';
const seen: string[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://x');
    const name = url.pathname.replace(/^.*\/debug\/pprof\//, '');
    if (url.pathname.startsWith('/redirect/') && name === 'heap') {
      res.writeHead(302, { location: 'http://169.254.169.254/' }).end();
      return;
    }
    const body = url.pathname.startsWith('/nopprof/')
      ? undefined
      : name === 'profile' ? cpuProfile : name === 'goroutine' && url.searchParams.get('debug') === '2' ? debug2 : ['heap', 'allocs', 'goroutine', 'mutex', 'block'].includes(name) ? goroutine : undefined;
    if (!body) res.writeHead(404).end('404 page not found');
    else res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('memegraph capture', () => {
  it('writes every profile it fetched and prints what it wrote', async () => {
    const out = join(tempDir(), 'captured');
    const r = await run('capture', base, '--seconds', '1', '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['allocs.pb.gz', 'block.pb.gz', 'cpu.pb.gz', 'goroutine.debug2.txt', 'goroutine.pb.gz', 'heap.pb.gz', 'mutex.pb.gz']);
    expect(readFileSync(join(out, 'goroutine.debug2.txt')).equals(debug2)).toBe(true);
    expect(r.stdout).toContain(`wrote ${join(out, 'cpu.pb.gz')} (${cpuProfile.length} bytes) from ${base}/debug/pprof/profile?seconds=1`);
    expect(seen).toContain('/debug/pprof/profile?seconds=1');
  });

  it('keeps going when one endpoint redirects, and says so in the exit code', async () => {
    const out = tempDir();
    const r = await run('capture', `${base}/redirect`, '--out', out, '--kinds', 'heap,goroutine');
    expect(readdirSync(out)).toEqual(['goroutine.pb.gz']);
    expect(r.stderr).toContain('memegraph capture: heap: DEPENDENCY_UNAVAILABLE:');
    expect(r.stderr).toContain('redirects are not followed');
    expect(r.code).toBe(1);
    expect(seen).not.toContain('/');
  });

  it('maps a missing endpoint to exit 3, an unreachable host to 1 and usage errors to 2', async () => {
    const r = await run('capture', `${base}/nopprof`, '--out', tempDir(), '--kinds', 'mutex');
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('mutex: NOT_FOUND:');
    const refused = await run('capture', 'http://127.0.0.1:1', '--out', tempDir(), '--kinds', 'heap', '--timeout', '2');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('could not be fetched');
    expect((await run('capture', base)).code).toBe(2);
    expect((await run('capture', base, '--out', tempDir(), '--kinds', 'heap,trace')).code).toBe(2);
    expect((await run('capture', 'ftp://x', '--out', tempDir())).code).toBe(2);
  });
});
