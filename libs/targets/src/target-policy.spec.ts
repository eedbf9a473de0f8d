import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardedFetch, guardedGet } from './guarded-fetch';
import { allowedAddresses, checkTarget, parseTargetPolicy } from './target-policy';

describe('target policy', () => {
  const policy = parseTargetPolicy(['*.svc.cluster.local:6060', 'payments.internal', '10.20.0.0/16', '192.168.1.7:6060']);

  it('allows listed names, wildcards, CIDRs and ports', () => {
    expect(checkTarget(policy, 'http://orders.default.svc.cluster.local:6060/debug/pprof/').hostname).toBe('orders.default.svc.cluster.local');
    expect(checkTarget(policy, 'https://payments.internal/debug/pprof/heap').port).toBe('');
    expect(checkTarget(policy, 'http://10.20.3.4:6060').hostname).toBe('10.20.3.4');
    expect(checkTarget(policy, 'http://192.168.1.7:6060').hostname).toBe('192.168.1.7');
  });

  it('refuses everything else with FORBIDDEN, and bad URLs with VALIDATION_FAILED', () => {
    const forbidden = ['http://svc.cluster.local:6060', 'http://x.svc.cluster.local:8080', 'http://10.21.0.1:6060', 'http://192.168.1.7:80', 'http://169.254.169.254/latest/meta-data', 'http://127.0.0.1:6060', 'http://evil.com/?payments.internal', 'http://payments.internal.evil.com/'];
    for (const url of forbidden) expect(() => checkTarget(policy, url), url).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    for (const url of ['file:///etc/passwd', 'gopher://10.20.0.1', 'not a url', 'http://user:pw@payments.internal/']) {
      expect(() => checkTarget(policy, url), url).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    }
  });

  it('allows loopback only when asked (development)', () => {
    const dev = parseTargetPolicy([], { allowLoopback: true });
    expect(checkTarget(dev, 'http://127.0.0.1:6060/').port).toBe('6060');
    expect(checkTarget(dev, 'http://[::1]:6060/').port).toBe('6060');
    expect(checkTarget(dev, 'http://localhost:6060/').hostname).toBe('localhost');
    expect(() => checkTarget(parseTargetPolicy([]), 'http://127.0.0.1:6060/')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('checks resolved addresses: link-local never, ranges only when the name is not what allowed it', () => {
    const resolved = [{ address: '169.254.169.254' }, { address: '10.20.1.1' }, { address: '172.16.0.1' }];
    expect(allowedAddresses(policy, true, resolved, 443).map((a) => a.address)).toEqual(['10.20.1.1', '172.16.0.1']);
    expect(allowedAddresses(policy, false, resolved, 443).map((a) => a.address)).toEqual(['10.20.1.1']);
  });

  it('rejects malformed allowlist entries', () => {
    expect(() => parseTargetPolicy(['10.0.0.0/99'])).toThrow(/invalid CIDR/);
    expect(() => parseTargetPolicy(['bad host!'])).toThrow(/invalid host/);
  });
});

describe('guardedGet', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/redirect') {
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' }).end();
      } else if (req.url === '/big') {
        res.end(Buffer.alloc(10_000, 1));
      } else {
        res.end('profile-bytes');
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((r) => server.close(r)));
  const dev = parseTargetPolicy([], { allowLoopback: true });

  it('fetches from an allowed target', async () => {
    const res = await guardedGet(dev, `http://127.0.0.1:${port}/debug/pprof/heap`, { timeoutMs: 2000, maxBytes: 1000 });
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe('profile-bytes');
    const viaFetch = await guardedFetch(dev, { timeoutMs: 2000, maxBytes: 1000 })(`http://localhost:${port}/x`);
    expect(await viaFetch.text()).toBe('profile-bytes');
  });

  it('never follows redirects', async () => {
    const res = await guardedGet(dev, `http://127.0.0.1:${port}/redirect`, { timeoutMs: 2000, maxBytes: 1000 });
    expect(res.status).toBe(302);
    expect(res.body.length).toBe(0);
  });

  it('caps the body size', async () => {
    await expect(guardedGet(dev, `http://127.0.0.1:${port}/big`, { timeoutMs: 2000, maxBytes: 1000 })).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' });
  });

  it('refuses targets outside the policy before connecting', async () => {
    await expect(guardedGet(parseTargetPolicy(['10.0.0.0/8']), `http://127.0.0.1:${port}/`, { timeoutMs: 2000, maxBytes: 1000 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
