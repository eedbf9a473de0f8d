import { readFileSync } from 'node:fs';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { type INestApplication, type INestApplicationContext } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTelemetry, type Telemetry } from '@memegraph/telemetry';
import { projectFixture } from './support/fixtures';
import { bearer, eventually, integration, testConfig } from './support/services';

describe.skipIf(!integration)('tracing across api → Redis → worker', () => {
  const exporter = new InMemorySpanExporter();
  let telemetry: Telemetry;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let baseUrl: string;

  beforeAll(async () => {
    // As in main.ts: telemetry first, the apps (express, ioredis) loaded after it.
    telemetry = startTelemetry({ serviceName: 'memegraph-test', spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const { createApi } = await import('../apps/api/src/bootstrap');
    const { createWorker } = await import('../apps/worker/src/bootstrap');
    const config = testConfig();
    api = await createApi(config);
    await api.listen(0, '127.0.0.1');
    baseUrl = await api.getUrl();
    worker = await createWorker(config);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await telemetry?.shutdown();
  });

  it('one upload yields api and worker spans in one trace, joined through the job data', async () => {
    const form = new FormData();
    form.append('file', new Blob([readFileSync(projectFixture('healthy.cpu.pb.gz'))]), 'healthy.cpu.pb.gz');
    const res = await fetch(`${baseUrl.replace('[::1]', '127.0.0.1')}/v1/profiles`, { method: 'POST', body: form, headers: bearer('engineer') });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };

    const spans = await eventually(
      async () => exporter.getFinishedSpans(),
      (s) => s.some((x) => x.name === 'profiles.analyze' && x.attributes['memegraph.profile.id'] === id),
    );
    const analyze = spans.find((s) => s.name === 'profiles.analyze' && s.attributes['memegraph.profile.id'] === id)!;
    const traceId = analyze.spanContext().traceId;
    const inTrace = spans.filter((s) => s.spanContext().traceId === traceId);
    const byName = (name: string) => inTrace.find((s) => s.name === name);

    const server = inTrace.find((s) => s.kind === SpanKind.SERVER);
    expect(server, 'the HTTP server span of the upload').toBeDefined();
    expect(server!.attributes['http.route'] ?? server!.name).toMatch(/POST|\/v1\/profiles/);
    const enqueue = byName('queue.enqueue profiles');
    expect(enqueue).toBeDefined();
    // The worker's span is a child of the enqueue span: context rode inside the job.
    expect(parentOf(analyze)).toBe(enqueue!.spanContext().spanId);
    expect(analyze.kind).toBe(SpanKind.CONSUMER);
    // Neo4j calls made by both sides are in the same trace.
    const neo4jSpans = inTrace.filter((s) => s.name === 'neo4j.query');
    expect(neo4jSpans.length).toBeGreaterThanOrEqual(3); // create (api), processing + done (worker)
    expect(neo4jSpans.some((s) => String(s.attributes['db.query.text']).includes("status = 'done'"))).toBe(true);
  });
});

const parentOf = (s: ReadableSpan): string | undefined =>
  (s as ReadableSpan & { parentSpanContext?: { spanId: string } }).parentSpanContext?.spanId ?? (s as unknown as { parentSpanId?: string }).parentSpanId;
