import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { synthBytes } from '../test/synth';
import { CAPTURE_KINDS, type FetchLike, type FetchResponseLike, captureProfiles, captureUrl, pprofIndexUrl } from './capture';

const goroutineProto = readFileSync(join(__dirname, '../test/data/go126-goroutine.pb.gz'));
const debug2 = readFileSync(join(__dirname, '../test/data/go126-goroutine.debug2.txt'));
const cpuProto = synthBytes({ sampleTypes: [['samples', 'count'], ['cpu', 'nanoseconds']], samples: [{ stack: ['main.main'], values: [1, 10] }] });

function response(status: number, body: Uint8Array | string, headers: Record<string, string> = {}): FetchResponseLike {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  return {
    status,
    headers: { get: (k: string) => headers[k.toLowerCase()] ?? null },
    body: new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < bytes.length; i += 1000) c.enqueue(bytes.subarray(i, i + 1000));
        c.close();
      },
    }),
    arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  };
}

/** A fake net/http/pprof server: routes by path, records what was asked. */
function fakeServer(routes: Record<string, (url: URL, init: Parameters<FetchLike>[1]) => Promise<FetchResponseLike> | FetchResponseLike>) {
  const calls: { url: string; redirect: string }[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, redirect: init.redirect });
    const u = new URL(url);
    const key = u.pathname.replace(/^.*\/debug\/pprof\//, '') + (u.search.includes('debug=2') ? '?debug=2' : '');
    const route = routes[key];
    return route ? route(u, init) : response(404, '404 page not found');
  };
  return { fetch, calls };
}

const healthyRoutes = {
  profile: () => response(200, cpuProto, { 'content-type': 'application/octet-stream' }),
  heap: () => response(200, goroutineProto),
  allocs: () => response(200, goroutineProto),
  goroutine: () => response(200, goroutineProto),
  'goroutine?debug=2': () => response(200, debug2, { 'content-type': 'text/plain; charset=utf-8' }),
  mutex: () => response(200, goroutineProto),
  block: () => response(200, goroutineProto),
};

describe('capture URLs', () => {
  it('finds the pprof index from a service URL or the index itself', () => {
    expect(pprofIndexUrl('http://10.0.0.5:6060').toString()).toBe('http://10.0.0.5:6060/debug/pprof/');
    expect(pprofIndexUrl('http://h:1/debug/pprof').toString()).toBe('http://h:1/debug/pprof/');
    expect(pprofIndexUrl('https://h/app/?x=1#y').toString()).toBe('https://h/app/debug/pprof/');
    expect(captureUrl(pprofIndexUrl('http://h:1'), 'cpu', 5)).toBe('http://h:1/debug/pprof/profile?seconds=5');
    expect(captureUrl(pprofIndexUrl('http://h:1'), 'goroutine-debug2', 5)).toBe('http://h:1/debug/pprof/goroutine?debug=2');
  });

  it('refuses other schemes, credentials and non-URLs', () => {
    expect(() => pprofIndexUrl('file:///etc/passwd')).toThrow(/only http and https/);
    expect(() => pprofIndexUrl('http://user:pw@h/')).toThrow(/credentials/);
    expect(() => pprofIndexUrl('not a url')).toThrow(/not a URL/);
  });
});

describe('captureProfiles', () => {
  it('fetches every kind, never following redirects, and checks each payload', async () => {
    const server = fakeServer(healthyRoutes);
    const r = await captureProfiles({ baseUrl: 'http://127.0.0.1:6060', seconds: 3, fetch: server.fetch });
    expect(r.failures).toEqual([]);
    expect(r.artifacts.map((a) => a.kind)).toEqual(CAPTURE_KINDS);
    expect(r.artifacts[0]).toMatchObject({ kind: 'cpu', url: 'http://127.0.0.1:6060/debug/pprof/profile?seconds=3', contentType: 'application/octet-stream' });
    expect(Buffer.from(r.artifacts.find((a) => a.kind === 'goroutine-debug2')!.bytes).equals(debug2)).toBe(true);
    expect(server.calls.every((c) => c.redirect === 'manual')).toBe(true);
  });

  it('treats a redirect as an error and keeps the other kinds', async () => {
    const server = fakeServer({ ...healthyRoutes, heap: () => response(302, '', { location: 'http://169.254.169.254/latest/meta-data' }) });
    const r = await captureProfiles({ baseUrl: 'http://127.0.0.1:6060', fetch: server.fetch });
    expect(r.artifacts).toHaveLength(6);
    expect(r.failures).toHaveLength(1);
    expect(r.failures[0]!.kind).toBe('heap');
    expect(r.failures[0]!.error.code).toBe('DEPENDENCY_UNAVAILABLE');
    expect(r.failures[0]!.error.details).toMatchObject({ reason: 'redirect', status: 302, location: 'http://169.254.169.254/latest/meta-data' });
  });

  it('times each request out, the CPU profile after its duration plus the margin', async () => {
    const hang = (_u: URL, init: Parameters<FetchLike>[1]) =>
      new Promise<FetchResponseLike>((_, reject) => init.signal.addEventListener('abort', () => reject(new Error('aborted'))));
    const server = fakeServer({ ...healthyRoutes, mutex: hang, profile: hang });
    const started = Date.now();
    const r = await captureProfiles({ baseUrl: 'http://h:1', seconds: 1, cpuMarginMs: 100, timeoutMs: 50, fetch: server.fetch });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(1000);
    expect(elapsed).toBeLessThan(5000);
    const byKind = Object.fromEntries(r.failures.map((f) => [f.kind, f.error]));
    expect(byKind.mutex?.message).toMatch(/did not answer within 50 ms/);
    expect(byKind.cpu?.message).toMatch(/did not answer within 1100 ms/);
    expect(r.artifacts).toHaveLength(5);
  });

  it('caps response sizes, announced or streamed', async () => {
    const big = new Uint8Array(5000);
    const server = fakeServer({
      ...healthyRoutes,
      heap: () => response(200, big, { 'content-length': '5000' }),
      allocs: () => response(200, big),
    });
    const r = await captureProfiles({ baseUrl: 'http://h:1', fetch: server.fetch, maxBytes: 4096, kinds: ['heap', 'allocs', 'goroutine'] });
    expect(r.failures.map((f) => [f.kind, f.error.code])).toEqual([
      ['heap', 'LIMIT_EXCEEDED'],
      ['allocs', 'LIMIT_EXCEEDED'],
    ]);
    expect(r.artifacts.map((a) => a.kind)).toEqual(['goroutine']);
  });

  it('types failures: 404, server errors, wrong payloads, network errors', async () => {
    const server = fakeServer({
      ...healthyRoutes,
      mutex: () => response(500, 'profile duration exceeds server WriteTimeout'),
      heap: () => response(200, '<html>login</html>'),
      'goroutine?debug=2': () => response(200, cpuProto),
      allocs: () => {
        throw new Error('ECONNREFUSED');
      },
      block: undefined as never,
    });
    const r = await captureProfiles({ baseUrl: 'http://h:1', fetch: server.fetch, kinds: ['mutex', 'heap', 'goroutine-debug2', 'allocs', 'block'] });
    expect(Object.fromEntries(r.failures.map((f) => [f.kind, f.error.code]))).toEqual({
      mutex: 'DEPENDENCY_UNAVAILABLE',
      heap: 'UNSUPPORTED_FORMAT',
      'goroutine-debug2': 'UNSUPPORTED_FORMAT',
      allocs: 'DEPENDENCY_UNAVAILABLE',
      block: 'NOT_FOUND',
    });
    expect(r.failures[0]!.error.message).toContain('answered 500: profile duration exceeds server WriteTimeout');
  });

  it('validates seconds', async () => {
    await expect(captureProfiles({ baseUrl: 'http://h:1', seconds: 0, fetch: fakeServer(healthyRoutes).fetch })).rejects.toThrow(/seconds/);
  });
});
