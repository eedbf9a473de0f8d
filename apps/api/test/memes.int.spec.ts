import { type INestApplication } from '@nestjs/common';
import { MemeRepository } from '@memegraph/graph';
import request from 'supertest';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../src/bootstrap';
import { bearer, integration, testConfig } from '../../../test/support/services';

/** A PNG header claiming the given size, with no pixel data: costs nothing unless decoded. */
function pngHeader(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const chunk = Buffer.concat([Buffer.from([0, 0, 0, 13]), Buffer.from('IHDR'), ihdr, Buffer.alloc(4)]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk]);
}

export const draft = {
  classId: 'goroutine-leak-chan',
  title: 'Report workers never read their result channel',
  reproduction: [{ command: 'kubectl -n shop set image deploy/reports reports=registry.local/reports:2.3.1' }, { command: 'curl -s http://reports:6060/debug/pprof/goroutine?debug=2 > goroutines.txt' }],
  verification: [
    { promql: 'go_goroutines{job="reports"}' },
    { promql: 'deriv(go_goroutines{job="reports"}[15m])' },
    { promql: 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="reports"}[5m])))' },
  ],
  rollback: { steps: ['kubectl -n shop rollout history deploy/reports', 'kubectl -n shop rollout undo deploy/reports'], revisionsAvailable: 4 },
  fix: { commit: 'deadbeef1', commitMessage: 'fix: cancel report workers with the request context' },
};

describe.skipIf(!integration)('meme submissions (API side)', () => {
  let api: INestApplication;
  beforeAll(async () => {
    api = await createApi(testConfig({ MAX_IMAGE_BYTES: String(200_000), MAX_IMAGE_PIXELS: String(4_000_000) }));
    await api.init();
  });
  afterAll(() => api?.close());
  const http = () => request(api.getHttpServer());

  it('accepts a screenshot as a queued draft and serves the image back', async () => {
    const png = await sharp({ create: { width: 320, height: 80, channels: 3, background: '#101010' } }).png().toBuffer();
    const res = await http().post('/v1/memes').set(bearer('engineer')).attach('image', png, 'oom.png').field('caption', '内存气球越吹越大').field('tags', 'oom, prod').field('service', 'sessiond').expect(202);
    expect(res.body).toMatchObject({ status: 'queued', caption: '内存气球越吹越大', tags: ['oom', 'prod'], service: 'sessiond', submittedBy: 'engineer', image: { format: 'png', width: 320, height: 80 } });
    const img = await http().get(`/v1/memes/${res.body.id}/image`).set(bearer('viewer')).buffer(true).expect(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(Buffer.from(img.body), png)).toBe(0);
  });

  it('refuses bad images with a code and stores nothing', async () => {
    const cases: [Buffer, number, string][] = [
      [Buffer.from('just some text'), 415, 'UNSUPPORTED_FORMAT'],
      [Buffer.alloc(0), 400, 'EMPTY_FILE'],
      [pngHeader(20_000, 20_000), 413, 'LIMIT_EXCEEDED'],
      [Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from([0, 0, 0])]), 422, 'CORRUPT_IMAGE'],
      [Buffer.concat([pngHeader(100, 100), Buffer.alloc(250_000)]), 413, 'PAYLOAD_TOO_LARGE'],
    ];
    const before = await api.get(MemeRepository).list({ limit: 500 });
    for (const [bytes, status, code] of cases) {
      const r = await http().post('/v1/memes').set(bearer('engineer')).attach('image', bytes, 'x.png').expect(status);
      expect(r.body.error.code, code).toBe(code);
    }
    expect((await api.get(MemeRepository).list({ limit: 500 })).length).toBe(before.length);
    await http().post('/v1/memes').set(bearer('viewer')).attach('image', pngHeader(10, 10), 'x.png').expect(403);
  });

  it('validates drafts and refuses to publish before OCR is done or with missing parts', async () => {
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#ffffff' } }).png().toBuffer();
    const { id } = (await http().post('/v1/memes').set(bearer('engineer')).attach('image', png, 'a.png').expect(202)).body;
    const bad = await http().put(`/v1/memes/${id}/runbook`).set(bearer('engineer')).send({ ...draft, fix: { commit: 'not-a-hash' } }).expect(400);
    expect(bad.body.error.message).toMatch(/^fix\.commit/);
    await http().put(`/v1/memes/${id}/runbook`).set(bearer('engineer')).send({ ...draft, verification: draft.verification.slice(0, 1) }).expect(200);
    // No worker here: the submission is still queued.
    expect((await http().post(`/v1/memes/${id}/publish`).set(bearer('engineer')).expect(409)).body.error.code).toBe('CONFLICT');
    await api.get(MemeRepository).setOcr(id, { text: 'goroutine 1 [chan send, 30 minutes]:', confidence: 90, signatures: [], ms: 1 }, []);
    const incomplete = await http().post(`/v1/memes/${id}/publish`).set(bearer('engineer')).expect(422);
    expect(incomplete.body.error.code).toBe('RUNBOOK_INCOMPLETE');
    expect(incomplete.body.error.details.missing).toEqual(['verification: exactly 3 PromQL metrics (got 1)']);
  });
});
