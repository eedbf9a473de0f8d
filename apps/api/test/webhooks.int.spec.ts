import { createHmac } from 'node:crypto';
import { type INestApplication } from '@nestjs/common';
import { normalizeAlerts } from '@memegraph/alerts';
import { AlertIngestQueue } from '@memegraph/queue';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../src/bootstrap';
import { bearer, integration, testConfig } from '../../../test/support/services';

const AM_TOKEN = 'am-token-0123456789abcdef';
const GRAFANA_SECRET = 'grafana-secret-0123456789';
const GENERIC_SECRET = 'generic-secret-0123456789';

let seq = 0;
/** A fresh Alertmanager v4 payload; each call makes distinct alerts unless told otherwise. */
function amPayload(opts: { n?: number; status?: 'firing' | 'resolved'; key?: string; truncated?: number } = {}) {
  const key = opts.key ?? `k${Date.now()}-${seq++}`;
  return {
    version: '4',
    groupKey: `{}:{alertname="KubePodCrashLooping"}`,
    truncatedAlerts: opts.truncated ?? 0,
    status: opts.status ?? 'firing',
    receiver: 'memegraph',
    groupLabels: { alertname: 'KubePodCrashLooping' },
    commonLabels: { alertname: 'KubePodCrashLooping', namespace: 'shop' },
    commonAnnotations: {},
    externalURL: 'http://alertmanager.local:9093',
    alerts: Array.from({ length: opts.n ?? 1 }, (_, i) => ({
      status: opts.status ?? 'firing',
      labels: { alertname: 'KubePodCrashLooping', namespace: 'shop', service: 'checkout', pod: `checkout-${key}-${i}` },
      annotations: { description: `Pod shop/checkout-${i} is in CrashLoopBackOff (back-off restarting failed container)` },
      startsAt: '2026-11-26T09:00:00Z',
      endsAt: opts.status === 'resolved' ? '2026-11-26T09:30:00Z' : '0001-01-01T00:00:00Z',
      generatorURL: 'http://prometheus.local:9090/graph',
      fingerprint: `${key}-${i}`,
    })),
  };
}

describe.skipIf(!integration)('alert webhooks', () => {
  let api: INestApplication;
  const config = testConfig({ ALERTMANAGER_TOKEN: AM_TOKEN, GRAFANA_WEBHOOK_SECRET: GRAFANA_SECRET, GENERIC_WEBHOOK_SECRET: GENERIC_SECRET, WEBHOOK_MAX_BYTES: '65536' });
  beforeAll(async () => {
    api = await createApi(config);
    await api.init();
  });
  afterAll(() => api?.close());
  const http = () => request(api.getHttpServer());
  const am = (body: unknown) => http().post('/v1/webhooks/alertmanager').set('Authorization', `Bearer ${AM_TOKEN}`).send(body as object);
  const getAlert = async (id: string) => (await http().get(`/v1/alerts/${id}`).set(bearer('viewer')).expect(200)).body;

  // No worker runs in this file: what these tests see is what the API alone guarantees —
  // the delivery is in Redis (its ingest job) and readable (read-through) before the 202.
  // Storing in Neo4j and enrichment are covered in apps/worker/test/alert-ingest.int.spec.ts.
  const queued = async () => {
    const c = await api.get(AlertIngestQueue).counts();
    return c.waiting + c.active + c.delayed;
  };

  it('accepts a firing alert: queued in Redis, readable at once, 202 with its id', async () => {
    const before = await queued();
    const res = await am(amPayload()).expect(202);
    expect(res.body).toEqual({ accepted: 1, alertIds: [expect.stringMatching(/^[0-9a-f]{32}$/)] });
    expect(await queued()).toBe(before + 1);
    const alert = await getAlert(res.body.alertIds[0]);
    expect(alert).toMatchObject({ name: 'KubePodCrashLooping', status: 'firing', service: 'checkout', enrichment: 'pending', deliveries: 1, source: 'alertmanager', diagnosis: null });
    expect(Date.parse(alert.receivedAt)).toBeGreaterThan(Date.now() - 60_000);
    // The backlog waiting for a worker is a metric operators can alert on.
    const metrics = await http().get('/metrics').expect(200);
    const depth = Number(/memegraph_queue_jobs\{queue="alert-ingest",state="waiting"\} (\d+)/.exec(metrics.text)?.[1]);
    expect(depth).toBe(await queued());
  });

  it('is idempotent: a duplicate delivery (HA peer) is the same alert counted twice; resolved closes it', async () => {
    const payload = amPayload({ key: `dup-${Date.now()}` });
    const first = await am(payload).expect(202);
    const second = await am(payload).expect(202);
    expect(second.body.alertIds).toEqual(first.body.alertIds);
    expect((await getAlert(first.body.alertIds[0])).deliveries).toBe(2);

    const resolved = { ...payload, status: 'resolved', alerts: payload.alerts.map((a) => ({ ...a, status: 'resolved', endsAt: '2026-11-26T09:30:00Z' })) };
    await am(resolved).expect(202);
    // A late firing copy from the other HA peer does not reopen it.
    await am(payload).expect(202);
    const closed = await getAlert(first.body.alertIds[0]);
    expect(closed).toMatchObject({ status: 'resolved', deliveries: 4 });
    expect(closed.endsAt).toMatch(/^2026-11-26T09:30:00/);
  });

  it('accepts grouped and truncated payloads', async () => {
    const res = await am(amPayload({ n: 5, truncated: 12 })).expect(202);
    expect(res.body.accepted).toBe(5);
    expect(new Set(res.body.alertIds).size).toBe(5);
    expect(res.body.truncatedAlerts).toBe(12);
  });

  it('refuses bad credentials with 401 and stores nothing', async () => {
    const payload = amPayload({ key: `noauth-${Date.now()}` });
    const id = normalizeAlerts('alertmanager', payload).alerts[0]!.id;
    const before = await queued();
    await http().post('/v1/webhooks/alertmanager').send(payload).expect(401);
    await http().post('/v1/webhooks/alertmanager').set('Authorization', 'Bearer wrong-token-000000000').send(payload).expect(401);
    await http().post('/v1/webhooks/alertmanager').set(bearer('admin')).send(payload).expect(401);
    expect(await queued()).toBe(before);
    await http().get(`/v1/alerts/${id}`).set(bearer('viewer')).expect(404);
    // The same payload with the right token is accepted under that id.
    expect((await am(payload).expect(202)).body.alertIds).toEqual([id]);
  });

  it('answers 400 naming the field, and 413 for oversized bodies', async () => {
    const bad = amPayload();
    (bad.alerts[0] as { startsAt: string }).startsAt = 'not-a-time';
    const r = await am(bad).expect(400);
    expect(r.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('alerts.0.startsAt') });
    expect((await am({ status: 'firing' }).expect(400)).body.error.message).toMatch(/^alerts/);
    await http().post('/v1/webhooks/alertmanager').set('Authorization', `Bearer ${AM_TOKEN}`).set('Content-Type', 'application/json').send('{"status":').expect(400);
    const huge = amPayload();
    huge.alerts[0]!.annotations.description = 'x'.repeat(70_000);
    expect((await am(huge).expect(413)).body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('verifies Grafana HMAC signatures', async () => {
    const body = JSON.stringify(amPayload());
    const sig = createHmac('sha256', GRAFANA_SECRET).update(body).digest('hex');
    await http().post('/v1/webhooks/grafana').set('Content-Type', 'application/json').set('X-Grafana-Alerting-Signature', sig).send(body).expect(202);
    // One hex digit changed (always to a different one: the signature may start with 0).
    const wrong = `${sig[0] === '0' ? '1' : '0'}${sig.slice(1)}`;
    await http().post('/v1/webhooks/grafana').set('Content-Type', 'application/json').set('X-Grafana-Alerting-Signature', wrong).send(body).expect(401);
    await http().post('/v1/webhooks/grafana').set('Content-Type', 'application/json').send(body).expect(401);
  });

  it('verifies generic HMAC with timestamp and refuses replays', async () => {
    const body = JSON.stringify({ alerts: [{ name: 'HighLatency', service: 'search', description: 'p99 over 2s' }] });
    const ts = String(Math.floor(Date.now() / 1000));
    const sig = `sha256=${createHmac('sha256', GENERIC_SECRET).update(`${ts}.${body}`).digest('hex')}`;
    const send = (t: string, s: string) => http().post('/v1/webhooks/generic').set('Content-Type', 'application/json').set('X-Memegraph-Timestamp', t).set('X-Memegraph-Signature', s).send(body);
    const ok = await send(ts, sig).expect(202);
    expect(ok.body.accepted).toBe(1);
    expect((await send(ts, sig).expect(401)).body.error.message).toMatch(/replay/);
    const old = String(Math.floor(Date.now() / 1000) - 3600);
    const oldSig = `sha256=${createHmac('sha256', GENERIC_SECRET).update(`${old}.${body}`).digest('hex')}`;
    expect((await send(old, oldSig).expect(401)).body.error.message).toMatch(/window/);
  });

  it('answers 400 for bad list filters and 404 for an unknown alert', async () => {
    await http().get('/v1/alerts?status=burning').set(bearer('viewer')).expect(400);
    await http().get('/v1/alerts/ffffffffffffffffffffffffffffffff').set(bearer('viewer')).expect(404);
    await http().get('/v1/alerts/not-an-id').set(bearer('viewer')).expect(404);
  });
});

describe.skipIf(!integration)('webhook rate limits and outages', () => {
  it('answers 429 past the per-source rate', async () => {
    const api = await createApi(testConfig({ ALERTMANAGER_TOKEN: AM_TOKEN, WEBHOOK_RATE_PER_SECOND: '1' }));
    await api.init();
    try {
      const send = () => request(api.getHttpServer()).post('/v1/webhooks/alertmanager').set('Authorization', `Bearer ${AM_TOKEN}`).send(amPayload());
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await send()).status);
      expect(codes.slice(0, 2)).toEqual([202, 202]);
      expect(codes).toContain(429);
    } finally {
      await api.close();
    }
  });

  it('answers 503 when Redis is down so Alertmanager retries', async () => {
    const api = await createApi(testConfig({ ALERTMANAGER_TOKEN: AM_TOKEN, REDIS_URL: 'redis://127.0.0.1:1' }));
    await api.init();
    try {
      const res = await request(api.getHttpServer()).post('/v1/webhooks/alertmanager').set('Authorization', `Bearer ${AM_TOKEN}`).send(amPayload());
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('DEPENDENCY_UNAVAILABLE');
    } finally {
      await api.close();
    }
  });
});
