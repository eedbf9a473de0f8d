import { type INestApplication, type INestApplicationContext } from '@nestjs/common';
import { hmacHex } from '@memegraph/alerts';
import { IncidentRepository } from '@memegraph/graph';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../api/src/bootstrap';
import { createWorker } from '../src/bootstrap';
import { fakePprof, type LocalServer, recordingSink } from '../../../test/support/http-servers';
import { bearer, eventually, integration, testConfig } from '../../../test/support/services';

const AM_TOKEN = 'am-token-enrichment-0123456789';
const SINK_SECRET = 'sink-secret-0123456789abcdef';

describe.skipIf(!integration)('alert enrichment', () => {
  let pprof: LocalServer;
  let slack: Awaited<ReturnType<typeof recordingSink>>;
  let hook: Awaited<ReturnType<typeof recordingSink>>;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let service: string;

  beforeAll(async () => {
    pprof = await fakePprof({
      '/debug/pprof/profile': 'goroutine-leak-chan.cpu.pb.gz',
      '/debug/pprof/heap': 'goroutine-leak-chan.heap.t2.pb.gz',
      '/debug/pprof/goroutine': 'goroutine-leak-chan.goroutine.t2.pb.gz',
      '/debug/pprof/goroutine?debug=2': 'goroutine-leak-chan.goroutine.debug2.t2.txt.gz',
    });
    slack = await recordingSink();
    hook = await recordingSink();
    service = `reports-${Date.now()}`;
    const config = testConfig({
      NODE_ENV: 'test',
      ALERTMANAGER_TOKEN: AM_TOKEN,
      CAPTURE_SECONDS: '1',
      SINK_SLACK_URL: `${slack.url}/slack`,
      SINK_WEBHOOK_URL: `${hook.url}/hook`,
      SINK_WEBHOOK_SECRET: SINK_SECRET,
      PPROF_TARGETS: `${service}-mapped=${pprof.url}`,
    });
    api = await createApi(config);
    await api.init();
    worker = await createWorker(config);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await Promise.all([pprof?.close(), slack?.close(), hook?.close()]);
  });

  const send = (alerts: object[]) =>
    request(api.getHttpServer())
      .post('/v1/webhooks/alertmanager')
      .set('Authorization', `Bearer ${AM_TOKEN}`)
      .send({ version: '4', status: 'firing', receiver: 'memegraph', alerts })
      .expect(202);
  const alertOf = (id: string) => request(api.getHttpServer()).get(`/v1/alerts/${id}`).set(bearer('viewer')).then((r) => r.body);

  it('diagnoses a Go alert with findings from a live capture, stores it and notifies each sink once', async () => {
    const res = await send([
      {
        status: 'firing',
        labels: { alertname: 'GoroutinesGrowing', service, severity: 'warning' },
        annotations: { description: `go_goroutines of ${service} grew from 700 to 4800 in 10 minutes`, pprof_url: pprof.url },
        startsAt: new Date().toISOString(),
        fingerprint: `fp-${service}`,
      },
    ]);
    const id = res.body.alertIds[0];
    const alert = await eventually(() => alertOf(id), (a) => a.enrichment === 'enriched' || a.enrichment === 'failed', 60_000, 250);
    expect(alert.enrichment).toBe('enriched');
    expect(alert.topClassId).toBe('goroutine-leak-chan');
    expect(alert.incidentId).toMatch(/^[0-9a-f-]{36}$/);

    const stored = await api.get(IncidentRepository).diagnosisOf(id);
    expect(stored!.profileIds.length).toBeGreaterThanOrEqual(3);
    const findings = stored!.findings.map((f) => JSON.parse(f) as { classId: string });
    expect(findings.map((f) => f.classId)).toContain('goroutine-leak-chan');
    const steps = JSON.parse(stored!.stepsJson) as { name: string; status: string }[];
    expect(steps.map((s) => `${s.name}:${s.status}`)).toEqual(expect.arrayContaining(['diagnose:ok', 'capture:ok', 'detect:ok', 'similar:ok']));
    expect(stored!.mermaid).toMatch(/^sequenceDiagram\n/);
    expect(stored!.mermaid).toContain('GET /debug/pprof/*');

    const detail = await alertOf(id);
    expect(detail.diagnosis).toMatchObject({ topClassId: 'goroutine-leak-chan', meme: { id: 'rush-hour-platform' }, top: { classId: 'goroutine-leak-chan' } });
    expect(detail.diagnosis.top.verification).toHaveLength(3);
    expect(detail.diagnosis.top.runbook.length).toBeGreaterThanOrEqual(3);
    expect(detail.diagnosis.top.rollback.length).toBeGreaterThanOrEqual(1);
    expect(detail.diagnosis.sequenceDiagram).toContain('sequenceDiagram');

    await eventually(async () => slack.received.length + hook.received.length, (n) => n >= 2, 20_000);
    expect(slack.received).toHaveLength(1);
    expect(JSON.parse(slack.received[0]!.body).text).toContain('GoroutinesGrowing');
    expect(hook.received).toHaveLength(1);
    const h = hook.received[0]!;
    const expected = `sha256=${hmacHex(SINK_SECRET, `${h.headers['x-memegraph-timestamp']}.${h.body}`)}`;
    expect(h.headers['x-memegraph-signature']).toBe(expected);
    expect(JSON.parse(h.body)).toMatchObject({ alertId: id, topClassId: 'goroutine-leak-chan', incidentId: alert.incidentId });
  });

  it('joins a storm of alerts of one service and class into one incident', async () => {
    const storm = `${service}-mapped`;
    const now = new Date().toISOString();
    const alerts = Array.from({ length: 12 }, (_, i) => ({
      status: 'firing',
      labels: { alertname: 'KubePodCrashLooping', service: storm, pod: `${storm}-${i}` },
      annotations: { description: `Pod shop/${storm}-${i} is in CrashLoopBackOff: back-off restarting failed container` },
      startsAt: now,
      fingerprint: `storm-${storm}-${i}`,
    }));
    const res = await send(alerts);
    const enriched = await Promise.all(res.body.alertIds.map((id: string) => eventually(() => alertOf(id), (a) => a.enrichment === 'enriched' || a.enrichment === 'failed', 90_000, 250)));
    expect(enriched.every((a) => a.enrichment === 'enriched')).toBe(true);
    expect(new Set(enriched.map((a) => a.incidentId)).size).toBe(1);
    expect(new Set(enriched.map((a) => a.topClassId)).size).toBe(1);
  });

  it('records a capture failure on the diagnosis instead of losing the alert', async () => {
    const res = await send([
      {
        status: 'firing',
        labels: { alertname: 'HighMemory', service: `${service}-down` },
        annotations: { description: 'heap inuse keeps growing', pprof_url: 'http://127.0.0.1:1' },
        startsAt: new Date().toISOString(),
      },
    ]);
    const id = res.body.alertIds[0];
    const alert = await eventually(() => alertOf(id), (a) => a.enrichment === 'enriched' || a.enrichment === 'failed', 60_000, 250);
    expect(alert.enrichment).toBe('enriched');
    const steps = JSON.parse((await api.get(IncidentRepository).diagnosisOf(id))!.stepsJson) as { name: string; status: string; error?: string }[];
    expect(steps.find((s) => s.name === 'capture')).toMatchObject({ status: 'failed' });
  });
});
