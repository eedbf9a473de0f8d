import { readFileSync } from 'node:fs';
import { type INestApplication, type INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorker } from '../../worker/src/bootstrap';
import { createApi } from '../src/bootstrap';
import { projectFixture } from '../../../test/support/fixtures';
import { bearer, eventually, integration, testConfig } from '../../../test/support/services';

/** "  1.48s  9.57%  9.57%  4.44s 28.70%  runtime.mallocgc" → name. The oracle's first row. */
const oracleTopName = (file: string) => {
  const row = readFileSync(projectFixture(file), 'utf8').split('\n').find((l) => /^\s+\S+\s+[\d.]+%\s+[\d.]+%\s+\S+\s+[\d.]+%\s+\S/.test(l));
  return row!.trim().split(/\s+/).slice(5).join(' ').replace(/ \((partial-)?inline\)$/, '');
};

describe.skipIf(!integration)('profile views', () => {
  const config = testConfig({ OPEN_READS: 'true' });
  let api: INestApplication;
  let worker: INestApplicationContext;
  const ids: Record<string, string> = {};

  const upload = async (file: string) => {
    const res = await request(api.getHttpServer()).post('/v1/profiles').set(bearer('engineer')).attach('file', readFileSync(projectFixture(file)), file).expect(202);
    const done = await eventually(
      async () => (await request(api.getHttpServer()).get(`/v1/profiles/${res.body.id}`)).body,
      (p) => p.status === 'done' || p.status === 'failed',
    );
    expect(done.status, JSON.stringify(done.error)).toBe('done');
    return res.body.id as string;
  };

  beforeAll(async () => {
    api = await createApi(config);
    await api.init();
    worker = await createWorker(config);
    ids.cpu = await upload('cpu-reflection-json.cpu.pb.gz');
    ids.dump = await upload('goroutine-leak-chan.goroutine.debug2.t2.txt.gz');
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });
  const http = () => request(api.getHttpServer());

  it('embeds the findings, top rows, flame graph and goroutine groups in the profile itself', async () => {
    const cpu = (await http().get(`/v1/profiles/${ids.cpu}`).expect(200)).body;
    expect(cpu.findings[0].classId).toBe('cpu-reflection-json');
    expect(cpu.analysis.top.rows[0].name).toBe(oracleTopName('cpu-reflection-json.cpu.top.txt'));
    expect(cpu.analysis.top.rows.length).toBeLessThanOrEqual(50);
    expect(cpu.analysis.flamegraph.total).toBe(cpu.summary.totals.find((t: { type: string }) => t.type === 'cpu').total);
    const dump = (await http().get(`/v1/profiles/${ids.dump}`).expect(200)).body;
    expect(dump.analysis.goroutines.total).toBe(dump.summary.totals[0].total);
    expect(dump.findings.map((f: { classId: string }) => f.classId)).toContain('goroutine-leak-chan');
  });

  it('serves the top table the official tool prints', async () => {
    const top = (await http().get(`/v1/profiles/${ids.cpu}/top`).expect(200)).body;
    expect(top.sampleType).toBe('cpu');
    expect(top.rows[0].name).toBe(oracleTopName('cpu-reflection-json.cpu.top.txt'));
    const three = (await http().get(`/v1/profiles/${ids.cpu}/top?nodecount=3`).expect(200)).body;
    expect(three.rows).toHaveLength(3);
    expect((await http().get(`/v1/profiles/${ids.cpu}/top?sampleIndex=nope`).expect(400)).body.error.code).toMatch(/BAD_REQUEST|VALIDATION_FAILED/);
  });

  it('serves flame graph data whose root total equals the profile total, and exports', async () => {
    const summary = (await http().get(`/v1/profiles/${ids.cpu}`)).body.summary;
    const cpuTotal = summary.totals.find((t: { type: string }) => t.type === 'cpu').total;
    const flame = (await http().get(`/v1/profiles/${ids.cpu}/flamegraph`).expect(200)).body;
    expect(flame.total).toBe(cpuTotal);
    // Compact form: values divided by a common factor, parents as distances back (0 for the root).
    expect(flame.nodes.total[0] * flame.valueScale).toBe(cpuTotal);
    expect(flame.nodes.parentDelta[0]).toBe(0);
    expect(flame.nodes.name.length).toBe(flame.nodes.total.length);

    const folded = await http().get(`/v1/profiles/${ids.cpu}/folded`).expect(200);
    const foldedSum = folded.text.trim().split('\n').reduce((s: number, l: string) => s + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
    expect(foldedSum).toBe(cpuTotal);

    const svg = await http().get(`/v1/profiles/${ids.cpu}/flamegraph.svg`).buffer(true).parse((res, cb) => {
      let d = '';
      res.on('data', (c: Buffer) => (d += c.toString()));
      res.on('end', () => cb(null, d));
    });
    expect(svg.status).toBe(200);
    expect(svg.body).toMatch(/^<\?xml|^<svg/);
    expect(svg.body).not.toMatch(/<script/i);
    // The detectors' finding for this profile is badged on its anchor frames with its meme.
    const findings = (await http().get(`/v1/profiles/${ids.cpu}`)).body.findings;
    expect(findings[0].classId).toBe('cpu-reflection-json');
    expect(svg.body).toContain('🪞🚀');
    expect(svg.body).toContain(`/profiles/${ids.cpu}#finding-${findings[0].id}`);

    const ss = (await http().get(`/v1/profiles/${ids.cpu}/speedscope`).expect(200)).body;
    expect(ss.$schema).toContain('speedscope');

    const original = await http().get(`/v1/profiles/${ids.cpu}/original`).buffer(true).expect(200);
    expect(Buffer.compare(Buffer.from(original.body), readFileSync(projectFixture('cpu-reflection-json.cpu.pb.gz')))).toBe(0);
  });

  it('serves callers and callees of one function', async () => {
    const fn = oracleTopName('cpu-reflection-json.cpu.top.txt');
    const s = (await http().get(`/v1/profiles/${ids.cpu}/sandwich`).query({ fn }).expect(200)).body;
    expect(s.function).toBe(fn);
    expect(s.flat).toBeGreaterThan(0);
    expect(s.cum).toBeGreaterThanOrEqual(s.flat);
    await http().get(`/v1/profiles/${ids.cpu}/sandwich`).expect(400);
  });

  it('diffs two profiles like -diff_base', async () => {
    const heap1 = await upload('heap-leak.heap.t1.pb.gz');
    const heap2 = await upload('heap-leak.heap.t2.pb.gz');
    const d = (await http().get('/v1/profiles/diff').query({ base: heap1, new: heap2, sampleIndex: 'inuse_space' }).expect(200)).body;
    expect(d.sampleType).toBe('inuse_space');
    expect(d.newTotal).toBeGreaterThan(d.baseTotal);
    // The delta of the whole profile is the sum of per-function flat deltas.
    const flatSum = d.rows.reduce((s: number, r: { flatDelta: number }) => s + r.flatDelta, 0);
    expect(flatSum).toBeLessThanOrEqual(d.newTotal - d.baseTotal + 1);
    expect(d.rows[0].flatDelta).toBeGreaterThan(0);
    expect(d.tree.nodes.baseTotal).toBeDefined();
    await http().get('/v1/profiles/diff').query({ base: heap1 }).expect(400);
  });

  it('accepts a goroutine text dump and serves its groups', async () => {
    const rec = (await http().get(`/v1/profiles/${ids.dump}`)).body;
    expect(rec.summary.kind).toBe('goroutine-dump');
    const report = (await http().get(`/v1/profiles/${ids.dump}/goroutines`).expect(200)).body;
    expect(report.total).toBe(rec.summary.totals[0].total);
    expect(report.groups[0].count).toBeGreaterThan(100);
    expect(Object.values(report.byState as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(report.total);
    // A dump has no call tree.
    expect((await http().get(`/v1/profiles/${ids.dump}/flamegraph`).expect(415)).body.error.code).toBe('UNSUPPORTED_FORMAT');
  });
});
