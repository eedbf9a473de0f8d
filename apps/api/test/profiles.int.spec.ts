import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { type INestApplication, type INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorker } from '../../worker/src/bootstrap';
import { createApi } from '../src/bootstrap';
import { projectFixture, readRaw } from '../../../test/support/fixtures';
import { bearer, eventually, integration, testConfig } from '../../../test/support/services';

const FIXTURE = 'healthy.cpu.pb.gz';

describe.skipIf(!integration)('profile upload → queue → worker → Neo4j → API', () => {
  const config = testConfig({ MAX_UPLOAD_BYTES: String(2 * 1024 * 1024) });
  let api: INestApplication;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    api = await createApi(config);
    await api.init();
    worker = await createWorker(config);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  const http = () => request(api.getHttpServer());
  const getProfile = async (id: string) => (await http().get(`/v1/profiles/${id}`).set(bearer('viewer')).expect(200)).body;

  it('stores the summary the official tool reports for a real Go profile', async () => {
    const bytes = readFileSync(projectFixture(FIXTURE));
    const res = await http().post('/v1/profiles').set(bearer('engineer')).attach('file', bytes, FIXTURE).expect(202);
    expect(res.body).toEqual({ id: expect.any(String), status: 'queued' });

    const done = await eventually(() => getProfile(res.body.id), (p) => p.status === 'done' || p.status === 'failed');
    expect(done.status).toBe('done');
    const oracle = readRaw(projectFixture(FIXTURE.replace('.pb.gz', '.raw.txt')));
    expect(done.summary.kind).toBe('cpu');
    expect(done.summary.sampleCount).toBe(oracle.samples);
    expect(done.summary.sampleTypes.map((t: { type: string }) => t.type)).toEqual(oracle.types);
    expect(done.summary.totals.map((t: { total: number }) => t.total)).toEqual(oracle.totals);
    expect(done.summary.durationNanos).toBeGreaterThan(0);
    expect(done.filename).toBe(FIXTURE);

    const list = await http().get('/v1/profiles?limit=5').set(bearer('viewer')).expect(200);
    expect(list.body.items.map((p: { id: string }) => p.id)).toContain(res.body.id);
  });

  it('marks a gzip stream that is not a profile as failed with a clear error, and keeps working', async () => {
    const junk = gzipSync(Buffer.from('this is not a protobuf at all, just text'.repeat(10)));
    const res = await http().post('/v1/profiles').set(bearer('engineer')).attach('file', junk, 'junk.pb.gz').expect(202);
    const failed = await eventually(() => getProfile(res.body.id), (p) => p.status === 'failed' || p.status === 'done');
    expect(failed.status).toBe('failed');
    expect(failed.error.code).toMatch(/CORRUPT_PROFILE|UNSUPPORTED_FORMAT/);

    const truncated = readFileSync(projectFixture(FIXTURE)).subarray(0, 200);
    const res2 = await http().post('/v1/profiles').set(bearer('engineer')).attach('file', truncated, 'cut.pb.gz').expect(202);
    const failed2 = await eventually(() => getProfile(res2.body.id), (p) => p.status === 'failed' || p.status === 'done');
    expect(failed2.error).toEqual({ code: 'CORRUPT_PROFILE', message: expect.stringMatching(/truncated|corrupt/) });

    // The worker survived both: a good upload still completes.
    const ok = await http().post('/v1/profiles').set(bearer('engineer')).attach('file', readFileSync(projectFixture(FIXTURE)), 'again.pb.gz').expect(202);
    expect((await eventually(() => getProfile(ok.body.id), (p) => p.status === 'done')).status).toBe('done');
  });

  it('refuses bad uploads at the door with a code', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const r415 = await http().post('/v1/profiles').set(bearer('engineer')).attach('file', png, 'meme.png').expect(415);
    expect(r415.body.error).toMatchObject({ code: 'UNSUPPORTED_FORMAT', message: expect.stringContaining('PNG') });

    const r400 = await http().post('/v1/profiles').set(bearer('engineer')).attach('file', Buffer.alloc(0), 'empty.pb.gz').expect(400);
    expect(r400.body.error.code).toBe('EMPTY_FILE');

    const missing = await http().post('/v1/profiles').set(bearer('engineer')).field('note', 'no file').expect(400);
    expect(missing.body.error.code).toBe('BAD_REQUEST');

    const big = Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.alloc(3 * 1024 * 1024)]);
    const r413 = await http().post('/v1/profiles').set(bearer('engineer')).attach('file', big, 'big.pb.gz').expect(413);
    expect(r413.body.error.code).toBe('PAYLOAD_TOO_LARGE');

    const r404 = await http().get('/v1/profiles/00000000-0000-4000-8000-000000000000').set(bearer('viewer')).expect(404);
    expect(r404.body.error.code).toBe('NOT_FOUND');
    expect((await http().get('/v1/profiles/not-a-uuid').set(bearer('viewer')).expect(404)).body.error.code).toBe('NOT_FOUND');
  });

  it('requires a token with the right role for writes', async () => {
    const bytes = readFileSync(projectFixture(FIXTURE));
    expect((await http().post('/v1/profiles').attach('file', bytes, 'a.pb.gz').expect(401)).body.error.code).toBe('UNAUTHENTICATED');
    expect((await http().post('/v1/profiles').set(bearer('viewer')).attach('file', bytes, 'a.pb.gz').expect(403)).body.error.code).toBe('FORBIDDEN');
    await http().post('/v1/profiles').set({ Authorization: 'Bearer nope-nope-nope-nope' }).attach('file', bytes, 'a.pb.gz').expect(401);
    await http().post('/v1/profiles').set({ Authorization: 'Basic abc' }).attach('file', bytes, 'a.pb.gz').expect(401);
    // Reads are closed unless OPEN_READS is on.
    expect((await http().get('/v1/profiles').expect(401)).body.error.code).toBe('UNAUTHENTICATED');
  });

  it('answers health, readiness, metrics and the OpenAPI document', async () => {
    await http().get('/healthz').expect(200, { status: 'ok' });
    const ready = await http().get('/readyz').expect(200);
    expect(ready.body.info).toMatchObject({ neo4j: { status: 'up' }, redis: { status: 'up' }, blobs: { status: 'up' } });

    const metrics = await http().get('/metrics').expect(200);
    expect(metrics.text).toContain('memegraph_http_request_duration_seconds_bucket');
    expect(metrics.text).toMatch(/memegraph_queue_jobs\{queue="profiles",state="completed"\} [1-9]/);
    expect(metrics.text).toMatch(/memegraph_queue_jobs\{queue="profiles",state="failed"\} [1-9]/);
    expect(metrics.text).toMatch(/memegraph_http_request_duration_seconds_count\{method="POST",route="\/v1\/profiles",status="202"\} [1-9]/);

    const doc = await http().get('/docs/openapi.json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/v1/profiles', '/v1/profiles/{id}', '/healthz', '/readyz']));
    expect(doc.body.paths['/v1/profiles/{id}'].get.responses['200'].content['application/json'].schema.properties.status.enum).toEqual([
      'queued',
      'processing',
      'done',
      'failed',
    ]);
  });
});

describe.skipIf(!integration)('open reads and dependency outages', () => {
  it('serves reads without a token when OPEN_READS is on, and still guards writes', async () => {
    const api = await createApi(testConfig({ OPEN_READS: 'true' }));
    await api.init();
    try {
      await request(api.getHttpServer()).get('/v1/profiles').expect(200);
      await request(api.getHttpServer()).post('/v1/profiles').attach('file', Buffer.from([0x0a]), 'x.pb').expect(401);
    } finally {
      await api.close();
    }
  });

  it('reports Redis down on /readyz with 503 and per-dependency status', async () => {
    const api = await createApi(testConfig({ REDIS_URL: 'redis://127.0.0.1:1' }));
    await api.init();
    try {
      const res = await request(api.getHttpServer()).get('/readyz').expect(503);
      expect(res.body.details.redis.status).toBe('down');
      expect(res.body.details.neo4j.status).toBe('up');
      // An upload cannot be queued: 503 so the client retries, not a 500.
      const up = await request(api.getHttpServer())
        .post('/v1/profiles')
        .set(bearer('engineer'))
        .attach('file', readFileSync(projectFixture(FIXTURE)), FIXTURE)
        .expect(503);
      expect(up.body.error.code).toBe('DEPENDENCY_UNAVAILABLE');
    } finally {
      await api.close();
    }
  });
});
