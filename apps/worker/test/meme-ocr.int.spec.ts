import { type INestApplication, type INestApplicationContext } from '@nestjs/common';
import { Neo4jClient, TrainingRepository } from '@memegraph/graph';
import { renderSynthetic } from '@memegraph/ocr';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../api/src/bootstrap';
import { createWorker } from '../src/bootstrap';
import { bearer, eventually, integration, testConfig } from '../../../test/support/services';

describe.skipIf(!integration)('screenshot → OCR → runbook → published incident', () => {
  let api: INestApplication;
  let worker: INestApplicationContext;
  beforeAll(async () => {
    const config = testConfig({ OCR_WORKERS: '1' });
    api = await createApi(config);
    await api.init();
    worker = await createWorker(config);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });
  const http = () => request(api.getHttpServer());

  it('reads a dark terminal screenshot offline, suggests the class, and publishes it into the graph', async () => {
    const png = await renderSynthetic({
      style: 'dark-terminal',
      lines: [
        '$ kubectl -n shop describe pod sessiond-7d9f8b6c5-x2x4q',
        '    Last State:     Terminated',
        '      Reason:       OOMKilled',
        '      Exit Code:    137',
        '    Restart Count:  14',
      ],
    });
    const submitted = await http().post('/v1/memes').set(bearer('engineer')).attach('image', png, 'oom.png').field('caption', '行李箱塞爆了').field('service', 'sessiond').expect(202);
    const id = submitted.body.id;
    const done = await eventually(async () => (await http().get(`/v1/memes/${id}`).set(bearer('viewer'))).body, (m) => m.status === 'done' || m.status === 'failed', 90_000, 250);
    expect(done.status).toBe('done');
    // OCR may read O as 0 and l as L in a terminal font; signatures and the model undo that.
    expect(done.ocr.text).toMatch(/[O0]{2}MKi[lL]{2}ed/);
    expect(done.ocr.signatures.map((s: { text: string }) => s.text.toUpperCase())).toEqual(expect.arrayContaining([expect.stringMatching(/[O0]{2}MKILLED/)]));
    expect(done.ocr.text).toMatch(/Exit Code:\s+137/);
    expect(done.ocr.signatures.length).toBeGreaterThan(0);
    expect(done.suggestions[0].classId).toBe('k8s-oomkilled');

    const draft = {
      classId: done.suggestions[0].classId,
      title: 'sessiond OOMKilled: session cache without a bound',
      reproduction: [{ command: 'kubectl -n shop set image deploy/sessiond sessiond=registry.local/sessiond:1.14.2' }],
      verification: [
        { promql: 'container_memory_working_set_bytes{container="sessiond"}' },
        { promql: 'increase(kube_pod_container_status_restarts_total{container="sessiond"}[1h])' },
        { promql: 'kube_pod_container_status_last_terminated_reason{reason="OOMKilled",container="sessiond"}' },
      ],
      rollback: { steps: ['kubectl -n shop rollout history deploy/sessiond', 'kubectl -n shop rollout undo deploy/sessiond'], revisionsAvailable: 3 },
      fix: { commit: 'c0ffee12', commitMessage: 'fix: bound the session cache' },
    };
    await http().put(`/v1/memes/${id}/runbook`).set(bearer('engineer')).send(draft).expect(200);
    const published = await http().post(`/v1/memes/${id}/publish`).set(bearer('engineer')).expect(200);
    expect(published.body.status).toBe('published');

    const db = api.get(Neo4jClient);
    const graph = await db.read<{ rc: string; commit: string; service: string; engineer: string }>(
      `MATCH (e:Engineer)-[:SUBMITTED]->(m:Meme {id: $id})-[:ILLUSTRATES]->(i:Incident)-[:CAUSED_BY]->(rc:RootCause)-[:FIXED_BY]->(f:Fix)-[:COMMITTED_AS]->(c:Commit),
             (i)-[:RESOLVED_BY]->(f), (i)-[:AFFECTED]->(s:Service)
       RETURN rc.classId AS rc, c.hash AS commit, s.name AS service, e.name AS engineer`,
      { id },
    );
    expect(graph).toEqual([{ rc: 'k8s-oomkilled', commit: 'c0ffee12', service: 'sessiond', engineer: 'engineer' }]);
    // Published entries are training data for the diagnosis model.
    const examples = await api.get(TrainingRepository).examples();
    expect(examples.some((e) => e.classId === 'k8s-oomkilled' && /[O0]{2}MKi[lL]{2}ed/.test(e.text))).toBe(true);
  });

  it('marks an image that cannot be decoded as failed and keeps the worker alive', async () => {
    // A valid PNG signature and IHDR but no image data: passes the header check, fails decoding.
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(64, 0);
    ihdr.writeUInt32BE(64, 4);
    ihdr[8] = 8;
    ihdr[9] = 2;
    const broken = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR'), ihdr, Buffer.alloc(4)]);
    const res = await http().post('/v1/memes').set(bearer('engineer')).attach('image', broken, 'broken.png').expect(202);
    const failed = await eventually(async () => (await http().get(`/v1/memes/${res.body.id}`).set(bearer('viewer'))).body, (m) => m.status === 'failed' || m.status === 'done', 60_000, 250);
    expect(failed.status).toBe('failed');
    expect(failed.error.code).toMatch(/CORRUPT_IMAGE|UNSUPPORTED_FORMAT/);
  });
});
