import { Writable } from 'node:stream';
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTraceIds, injectTraceContext, withJobSpan, withSpan } from './tracing';

describe('trace ids in logs and job data', () => {
  const manager = new AsyncLocalStorageContextManager();
  beforeAll(() => {
    context.setGlobalContextManager(manager.enable());
    trace.setGlobalTracerProvider(new BasicTracerProvider());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  });
  afterAll(() => {
    trace.disable();
    propagation.disable();
    context.disable();
  });

  it('stamps each log line inside a span with its trace and span id, and none outside', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({ write: (chunk, _enc, cb) => (lines.push(JSON.parse(String(chunk))), cb()) });
    const log = pino({ mixin: () => currentTraceIds() }, sink);
    log.info('outside');
    let ids: { traceId: string; spanId: string } | undefined;
    await withSpan('work', {}, async (span) => {
      ids = span.spanContext();
      log.info('inside');
    });
    expect(lines[0]).not.toHaveProperty('trace_id');
    expect(lines[1]).toMatchObject({ msg: 'inside', trace_id: ids!.traceId, span_id: ids!.spanId });
    expect(ids!.traceId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('carries the trace through job data: the consumer span continues the producer trace', async () => {
    let carrier: Record<string, string> = {};
    let producer: { traceId: string; spanId: string } | undefined;
    await withSpan('enqueue', {}, async (span) => {
      producer = span.spanContext();
      carrier = injectTraceContext();
    });
    expect(carrier.traceparent).toBe(`00-${producer!.traceId}-${producer!.spanId}-01`);
    const consumer = await withJobSpan('consume', carrier, {}, async (span) => span.spanContext());
    expect(consumer.traceId).toBe(producer!.traceId);
    expect(consumer.spanId).not.toBe(producer!.spanId);
    // An empty carrier starts a fresh trace instead of failing.
    const fresh = await withJobSpan('consume', {}, {}, async (span) => span.spanContext());
    expect(fresh.traceId).not.toBe(producer!.traceId);
  });
});
