import { type INestApplication, type INestApplicationContext } from '@nestjs/common';
import { type Config } from '@memegraph/config';
import { QueueNames } from '@memegraph/contracts';
import { normalizeAlerts } from '@memegraph/alerts';
import { AlertRepository, Neo4jClient } from '@memegraph/graph';
import { createRedis, PendingAlerts } from '@memegraph/queue';
import { Queue } from 'bullmq';
import { type Redis } from 'ioredis';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../api/src/bootstrap';
import { createWorker } from '../src/bootstrap';
import { recordingSink } from '../../../test/support/http-servers';
import { bearer, eventually, integration, testConfig } from '../../../test/support/services';

const AM_TOKEN = 'am-token-ingest-0123456789abcdef';

/** The worker side of ingestion: accepted deliveries become Alert nodes, once each, and get enriched once. */
describe.skipIf(!integration)('alert ingestion by the worker', () => {
  let api: INestApplication;
  let worker: INestApplicationContext;
  let sink: Awaited<ReturnType<typeof recordingSink>>;
  let config: Config;
  let redis: Redis;
  const run = `${Date.now()}`;

  beforeAll(async () => {
    sink = await recordingSink();
    config = testConfig({ NODE_ENV: 'test', ALERTMANAGER_TOKEN: AM_TOKEN, SINK_WEBHOOK_URL: `${sink.url}/hook` });
    redis = createRedis(config.REDIS_URL, 'producer');
    api = await createApi(config);
    await api.init();
    worker = await createWorker(config);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink?.close();
    redis?.disconnect();
  });

  const http = () => request(api.getHttpServer());
  const send = (status: 'firing' | 'resolved', alerts: object[]) =>
    http().post('/v1/webhooks/alertmanager').set('Authorization', `Bearer ${AM_TOKEN}`).send({ version: '4', status, receiver: 'memegraph', alerts }).expect(202);
  const inGraph = async (id: string) =>
    (await api.get(Neo4jClient).read<{ n: number; deliveries: number; status: string; enrichment: string; endsAt: string | null; diagnoses: number }>(
      `MATCH (a:Alert {id: $id})
       OPTIONAL MATCH (a)-[:DIAGNOSED_AS]->(d:Diagnosis)
       RETURN count(DISTINCT a) AS n, a.deliveries AS deliveries, a.status AS status, a.enrichment AS enrichment, toString(a.endsAt) AS endsAt, count(d) AS diagnoses`,
      { id },
    ))[0];
  const pendingOf = (id: string) => new PendingAlerts(redis, config.QUEUE_PREFIX).get(id);

  it('stores an HA pair of deliveries as one alert, enriches and notifies it once, and closes it on resolve', async () => {
    const alert = {
      status: 'firing',
      labels: { alertname: 'KubePodCrashLooping', service: `ingest-${run}`, pod: `ingest-${run}-0` },
      annotations: { description: 'Pod is in CrashLoopBackOff: back-off restarting failed container' },
      startsAt: '2026-11-26T09:00:00Z',
      fingerprint: `ha-${run}`,
    };
    // Both Alertmanager peers deliver the same alert at the same moment.
    const [a, b] = await Promise.all([send('firing', [alert]), send('firing', [alert])]);
    const id = a.body.alertIds[0];
    expect(b.body.alertIds).toEqual([id]);

    const stored = await eventually(() => inGraph(id), (r) => r?.enrichment === 'enriched', 60_000, 200);
    expect(stored).toMatchObject({ n: 1, deliveries: 2, status: 'firing', diagnoses: 1 });
    expect(await pendingOf(id)).toBeUndefined();
    await eventually(async () => sink.received.filter((r) => JSON.parse(r.body).alertId === id).length, (n) => n >= 1, 20_000);

    await send('resolved', [{ ...alert, status: 'resolved', endsAt: '2026-11-26T09:30:00Z' }]);
    const closed = await eventually(() => inGraph(id), (r) => r?.status === 'resolved', 30_000, 100);
    expect(closed).toMatchObject({ n: 1, deliveries: 3, diagnoses: 1 });
    expect(closed!.endsAt).toMatch(/^2026-11-26T09:30:00/);
    const detail = (await http().get(`/v1/alerts/${id}`).set(bearer('viewer')).expect(200)).body;
    expect(detail).toMatchObject({ status: 'resolved', deliveries: 3, enrichment: 'enriched', diagnosis: { topClassId: expect.any(String) } });
    // No second enrichment and no second notification for the repeated deliveries.
    await new Promise((r) => setTimeout(r, 500));
    expect(sink.received.filter((r) => JSON.parse(r.body).alertId === id)).toHaveLength(1);
  });

  it('still enriches an alert whose first ingest committed but crashed before queueing enrichment', async () => {
    const payload = {
      status: 'firing',
      labels: { alertname: 'GoroutinesGrowing', service: `crashed-${run}` },
      annotations: { description: 'go_goroutines keeps growing' },
      startsAt: '2026-11-26T10:00:00Z',
      fingerprint: `crashed-${run}`,
    };
    // The first attempt's transaction committed; the process died before the enqueue.
    const [alert] = normalizeAlerts('alertmanager', { status: 'firing', alerts: [payload] }).alerts;
    await api.get(AlertRepository).upsert([{ ...alert!, receivedAt: new Date().toISOString() }]);
    // The retried delivery finds the alert already stored, and queues its enrichment anyway.
    await send('firing', [payload]);
    const stored = await eventually(() => inGraph(alert!.id), (r) => r?.enrichment === 'enriched', 60_000, 200);
    expect(stored).toMatchObject({ n: 1, deliveries: 2, diagnoses: 1 });
  });

  it('links every stored alert to its Service, including one that resolved before any enrichment', async () => {
    const service = `linked-${run}`;
    const res = await send('resolved', [
      {
        status: 'resolved',
        labels: { alertname: 'HighErrorRate', service },
        annotations: { description: '5xx ratio above 5%' },
        startsAt: '2026-11-26T08:00:00Z',
        endsAt: '2026-11-26T08:05:00Z',
        fingerprint: `linked-${run}`,
      },
    ]);
    const id = res.body.alertIds[0];
    const linked = await eventually(
      async () => (await api.get(Neo4jClient).read<{ service: string; enrichment: string }>('MATCH (a:Alert {id: $id})-[:FIRED_FOR]->(s:Service) RETURN s.name AS service, a.enrichment AS enrichment', { id }))[0],
      (r) => !!r,
      30_000,
    );
    // Resolved on arrival: stored and linked, with nothing firing to diagnose — and said so.
    expect(linked).toEqual({ service, enrichment: 'skipped' });
    expect((await http().get(`/v1/alerts/${id}`).set(bearer('viewer')).expect(200)).body).toMatchObject({ status: 'resolved', enrichment: 'skipped', diagnosis: null });
  });

  it('keeps the API acceptance time as receivedAt and lists stored alerts with filters and pagination', async () => {
    const service = `paged-${run}`;
    const res = await send(
      'firing',
      Array.from({ length: 3 }, (_, i) => ({
        status: 'firing',
        labels: { alertname: 'HighLatency', service, pod: `${service}-${i}` },
        annotations: { description: 'p99 latency above 2s' },
        startsAt: new Date().toISOString(),
        fingerprint: `paged-${run}-${i}`,
      })),
    );
    const acceptedBy = Date.now();
    const ids: string[] = res.body.alertIds;
    await eventually(async () => (await Promise.all(ids.map(inGraph))).filter((r) => r?.n === 1).length, (n) => n === 3, 30_000);

    const page1 = await http().get(`/v1/alerts?limit=2&status=firing&service=${service}`).set(bearer('viewer')).expect(200);
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.items.every((a: { status: string; service: string }) => a.status === 'firing' && a.service === service)).toBe(true);
    expect(page1.body.items.every((a: { receivedAt: string }) => Date.parse(a.receivedAt) <= acceptedBy)).toBe(true);
    const page2 = await http().get(`/v1/alerts?limit=2&status=firing&service=${service}&cursor=${encodeURIComponent(page1.body.nextCursor)}`).set(bearer('viewer')).expect(200);
    expect(page2.body.items).toHaveLength(1);
    expect(new Set([...page1.body.items, ...page2.body.items].map((a: { id: string }) => a.id))).toEqual(new Set(ids));
  });

  it('sends a malformed ingest job straight to the dead-letter list the API shows', async () => {
    const queue = new Queue(QueueNames.alertIngest, { connection: redis, prefix: config.QUEUE_PREFIX });
    try {
      await queue.add('ingest', { alerts: [], receivedAt: 'yesterday' }, { jobId: `bad-${run}`, attempts: 3 });
      const dead = await eventually(
        async () => (await http().get('/v1/alerts/dead-letters').set(bearer('engineer')).expect(200)).body.items as { queue: string; id: string; failedReason: string; attemptsMade: number; finishedOn?: number }[],
        (items) => items.some((j) => j.id === `bad-${run}`),
        20_000,
      );
      const bad = dead.find((j) => j.id === `bad-${run}`)!;
      expect(bad).toMatchObject({ queue: 'alert-ingest', attemptsMade: 1 });
      expect(bad.failedReason).toMatch(/malformed alert-ingest job: alerts: .*; receivedAt/);
      await http().get('/v1/alerts/dead-letters').set(bearer('viewer')).expect(403);

      // An engineer can put it back once the cause is fixed; this one is still malformed, so it
      // is processed again (fresh attempts) and fails again.
      await http().post(`/v1/alerts/dead-letters/alert-ingest/bad-${run}/retry`).set(bearer('viewer')).expect(403);
      await http().post(`/v1/alerts/dead-letters/alert-ingest/bad-${run}/retry`).set(bearer('engineer')).expect(202);
      await eventually(
        async () => (await http().get('/v1/alerts/dead-letters').set(bearer('engineer'))).body.items.find((j: { id: string }) => j.id === `bad-${run}`),
        (j) => !!j && j.finishedOn > bad.finishedOn! && j.attemptsMade === 1,
        20_000,
      );
      await http().post(`/v1/alerts/dead-letters/alert-ingest/nope-${run}/retry`).set(bearer('engineer')).expect(404);
      await http().post(`/v1/alerts/dead-letters/profiles/bad-${run}/retry`).set(bearer('engineer')).expect(404);
    } finally {
      await queue.close();
    }
  });
});
