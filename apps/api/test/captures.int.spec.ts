import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type INestApplication, type INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorker } from '../../worker/src/bootstrap';
import { createApi } from '../src/bootstrap';
import { projectFixture } from '../../../test/support/fixtures';
import { bearer, eventually, integration, testConfig } from '../../../test/support/services';

/** A stand-in pprof endpoint on loopback serving the project's own fixtures. */
function pprofServer(): Server {
  const files: Record<string, string> = {
    '/debug/pprof/profile': 'healthy.cpu.pb.gz',
    '/debug/pprof/heap': 'healthy.heap.pb.gz',
    '/debug/pprof/goroutine': 'healthy.goroutine.pb.gz',
  };
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/evil/debug/pprof/heap') {
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      return;
    }
    const file = files[url.pathname];
    if (!file) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(readFileSync(projectFixture(file)));
  });
}

describe.skipIf(!integration)('live capture through the worker', () => {
  const config = testConfig({ NODE_ENV: 'test' });
  let api: INestApplication;
  let worker: INestApplicationContext;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = pprofServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    api = await createApi(config);
    await api.init();
    worker = await createWorker(config);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await new Promise((r) => server?.close(r));
  });
  const http = () => request(api.getHttpServer());
  const capture = async (id: string) => (await http().get(`/v1/captures/${id}`).set(bearer('viewer')).expect(200)).body;

  it('captures the requested kinds from an allowed target and analyses each profile', async () => {
    const res = await http().post('/v1/captures').set(bearer('engineer')).send({ target: base, kinds: ['cpu', 'heap', 'goroutine'], seconds: 1 }).expect(202);
    expect(res.body).toMatchObject({ target: base, kinds: ['cpu', 'heap', 'goroutine'] });
    // The worker may already have picked it up.
    expect(['queued', 'capturing', 'done']).toContain(res.body.status);
    const done = await eventually(() => capture(res.body.id), (c) => c.status === 'done' || c.status === 'failed');
    expect(done.status).toBe('done');
    expect(done.profileIds).toHaveLength(3);
    const kinds = [];
    for (const id of done.profileIds) {
      const p = await eventually(async () => (await http().get(`/v1/profiles/${id}`).set(bearer('viewer'))).body, (x) => x.status === 'done' || x.status === 'failed');
      expect(p.status).toBe('done');
      kinds.push(p.summary.kind);
    }
    expect(kinds.sort()).toEqual(['cpu', 'goroutine', 'heap']);
  });

  it('records per-kind failures without losing the others', async () => {
    const res = await http().post('/v1/captures').set(bearer('engineer')).send({ target: base, kinds: ['heap', 'mutex'], seconds: 1 }).expect(202);
    const done = await eventually(() => capture(res.body.id), (c) => c.status === 'done' || c.status === 'failed');
    expect(done.status).toBe('done');
    expect(done.profileIds).toHaveLength(1);
    expect(done.failures).toEqual([expect.objectContaining({ kind: 'mutex' })]);
  });

  it('refuses targets outside the allowlist with 403, and never follows redirects', async () => {
    for (const target of ['http://10.1.2.3:6060', 'http://169.254.169.254/', 'http://example.com:6060']) {
      const r = await http().post('/v1/captures').set(bearer('engineer')).send({ target, kinds: ['heap'] }).expect(403);
      expect(r.body.error.code).toBe('FORBIDDEN');
    }
    expect((await http().post('/v1/captures').set(bearer('engineer')).send({ target: 'file:///etc/passwd' }).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
    await http().post('/v1/captures').set(bearer('viewer')).send({ target: base }).expect(403);

    const res = await http().post('/v1/captures').set(bearer('engineer')).send({ target: `${base}/evil`, kinds: ['heap'], seconds: 1 }).expect(202);
    const failed = await eventually(() => capture(res.body.id), (c) => c.status === 'done' || c.status === 'failed');
    expect(failed.status).toBe('failed');
    expect(failed.failures[0].message).toMatch(/redirect|3\d\d/i);
  });
});

describe.skipIf(!integration)('capture allowlist in production', () => {
  it('allows nothing, not even loopback, unless listed', async () => {
    const api = await createApi(testConfig({ NODE_ENV: 'production' }));
    await api.init();
    try {
      await request(api.getHttpServer()).post('/v1/captures').set(bearer('engineer')).send({ target: 'http://127.0.0.1:6060' }).expect(403);
    } finally {
      await api.close();
    }
  });
});
