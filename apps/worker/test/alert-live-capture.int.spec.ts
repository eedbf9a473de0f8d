import { type INestApplication, type INestApplicationContext } from '@nestjs/common';
import { IncidentRepository } from '@memegraph/graph';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../api/src/bootstrap';
import { createWorker } from '../src/bootstrap';
import { type DemoGo, hasGo, startDemoGo } from '../../../test/support/demo-go';
import { recordingSink } from '../../../test/support/http-servers';
import { bearer, eventually, integration, testConfig } from '../../../test/support/services';

const AM_TOKEN = 'am-token-live-capture-0123456789';

/** The whole path with a real Go service: alert → live pprof capture → detectors → diagnosis → sink. */
describe.skipIf(!integration || !hasGo)('alert enrichment with a live capture from infra/demo-go', () => {
  let demo: DemoGo;
  let sink: Awaited<ReturnType<typeof recordingSink>>;
  let api: INestApplication;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    demo = await startDemoGo('goroutine-leak-chan');
    sink = await recordingSink();
    const config = testConfig({ NODE_ENV: 'test', ALERTMANAGER_TOKEN: AM_TOKEN, CAPTURE_SECONDS: '2', SINK_WEBHOOK_URL: `${sink.url}/hook` });
    api = await createApi(config);
    await api.init();
    worker = await createWorker(config);
    // Let the leak pile up for a few seconds before the alert fires.
    await new Promise((r) => setTimeout(r, 6_000));
  }, 180_000);
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink?.close();
    demo?.stop();
  });

  it('stores the right class with findings from the capture, and notifies the sink once', async () => {
    const res = await request(api.getHttpServer())
      .post('/v1/webhooks/alertmanager')
      .set('Authorization', `Bearer ${AM_TOKEN}`)
      .send({
        version: '4',
        status: 'firing',
        alerts: [
          {
            status: 'firing',
            labels: { alertname: 'GoGoroutinesGrowing', service: 'demo-go', severity: 'warning' },
            annotations: { description: 'go_goroutines of demo-go keeps rising', pprof_url: demo.url },
            startsAt: new Date().toISOString(),
            fingerprint: `live-${Date.now()}`,
          },
        ],
      })
      .expect(202);
    const id = res.body.alertIds[0];
    const alert = await eventually(async () => (await request(api.getHttpServer()).get(`/v1/alerts/${id}`).set(bearer('viewer'))).body, (a) => a.enrichment === 'enriched' || a.enrichment === 'failed', 90_000, 500);
    expect(alert.enrichment).toBe('enriched');
    expect(alert.diagnosis.topClassId).toBe('goroutine-leak-chan');
    const classes = alert.diagnosis.findings.map((f: { classId: string }) => f.classId);
    expect(classes).toContain('goroutine-leak-chan');
    expect(alert.diagnosis.profileIds.length).toBeGreaterThanOrEqual(3);
    const steps = alert.diagnosis.steps.map((s: { name: string; status: string }) => `${s.name}:${s.status}`);
    expect(steps).toEqual(expect.arrayContaining(['capture:ok', 'detect:ok']));
    expect((await api.get(IncidentRepository).diagnosisOf(id))!.mermaid).toContain('GET /debug/pprof/*');
    await eventually(async () => sink.received.length, (n) => n >= 1, 20_000);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(sink.received).toHaveLength(1);
    expect(JSON.parse(sink.received[0]!.body)).toMatchObject({ alertId: id, topClassId: 'goroutine-leak-chan' });
  }, 120_000);
});
