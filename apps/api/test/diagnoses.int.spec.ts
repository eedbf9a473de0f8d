import { type INestApplication, type INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorker } from '../../worker/src/bootstrap';
import { createApi } from '../src/bootstrap';
import { bearer, eventually, integration, testConfig } from '../../../test/support/services';

interface Ranked {
  classId: string;
  confidence: number;
}

describe.skipIf(!integration)('diagnosis API and feedback loop', () => {
  let api: INestApplication;
  let worker: INestApplicationContext;
  beforeAll(async () => {
    const config = testConfig();
    api = await createApi(config);
    await api.init();
    worker = await createWorker(config);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });
  const http = () => request(api.getHttpServer());
  const diagnose = async (body: object) => (await http().post('/v1/diagnose').set(bearer('viewer')).send(body).expect(200)).body;

  it('ranks a clear signal first with evidence spans, and says unknown for unrelated text', async () => {
    const text = 'Last State: Terminated\n  Reason: OOMKilled\n  Exit Code: 137';
    const d = await diagnose({ text });
    expect(d.unknown).toBe(false);
    expect(d.ranking[0].classId).toBe('k8s-oomkilled');
    const span = d.ranking[0].evidence.find((e: { kind: string }) => e.kind === 'text-span');
    expect(text.slice(span.start, span.end)).toBe(span.text);
    expect(d.top.verification).toHaveLength(3);
    expect(d.id).toMatch(/^[0-9a-f-]{36}$/);

    const none = await diagnose({ text: 'Reminder: the team lunch moved to Friday at noon, bring your own mug.' });
    expect(none.unknown).toBe(true);
    expect(none.top).toBeUndefined();
  });

  it('validates input', async () => {
    const r = await http().post('/v1/diagnose').set(bearer('viewer')).send({}).expect(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    await http().post('/v1/diagnoses/00000000-0000-4000-8000-000000000000/feedback').set(bearer('engineer')).send({ classId: 'heap-leak', correct: true }).expect(404);
    await http().post('/v1/diagnoses/00000000-0000-4000-8000-000000000000/feedback').set(bearer('engineer')).send({ classId: 'nope', correct: true }).expect(400);
  });

  it('learns from feedback: after engineers confirm a class for similar texts, it ranks higher for the next one', async () => {
    const variants = [
      'checkout latency p99 jumped to 4s after the 14:00 deploy, pods look healthy, nothing in the logs',
      'checkout p99 latency went to 5s after the deploy at 09:30, pods are running and logs are clean',
      'after this morning deploy the checkout service p99 is 3 to 6 seconds, no errors in the logs',
      'checkout p99 around 4 seconds since the afternoon deploy; pods healthy; quiet logs',
    ];
    const probe = 'p99 latency of checkout rose to 4 seconds right after the deploy, pods healthy, logs clean';
    const target = 'cpu-throttling';
    const before = await diagnose({ text: probe });
    const rankOf = (d: { ranking: Ranked[] }) => {
      const i = d.ranking.findIndex((r) => r.classId === target);
      return { index: i < 0 ? 99 : i, confidence: i < 0 ? 0 : d.ranking[i]!.confidence };
    };
    const b = rankOf(before);
    const versionBefore = (await http().get('/v1/diagnosis/model').set(bearer('viewer')).expect(200)).body.modelVersion;

    for (const text of variants) {
      const d = await diagnose({ text });
      await http().post(`/v1/diagnoses/${d.id}/feedback`).set(bearer('engineer')).send({ classId: target, correct: true }).expect(202);
    }
    await eventually(async () => (await http().get('/v1/diagnosis/model').set(bearer('viewer'))).body.modelVersion, (v) => v !== versionBefore, 60_000, 250);
    const after = rankOf(await diagnose({ text: probe }));
    expect(after.index).toBeLessThanOrEqual(b.index);
    expect(after.confidence).toBeGreaterThan(b.confidence);
    expect(after.index).toBe(0);
  });
});
