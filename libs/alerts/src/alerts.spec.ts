import { describe, expect, it } from 'vitest';
import { alertId, labelFingerprint, normalizeAlerts } from './normalize';
import { hmacHex, safeEqual, signGeneric, verifyBearer, verifyGenericSignature, verifyGrafanaSignature } from './signatures';

export const amPayload = (over: Record<string, unknown> = {}) => ({
  version: '4',
  groupKey: '{}:{alertname="GoroutineLeak"}',
  truncatedAlerts: 0,
  status: 'firing',
  receiver: 'memegraph',
  groupLabels: { alertname: 'GoroutineLeak' },
  commonLabels: {},
  commonAnnotations: {},
  externalURL: 'http://alertmanager:9093',
  alerts: [
    {
      status: 'firing',
      labels: { alertname: 'GoroutineLeak', service: 'orders', severity: 'critical' },
      annotations: { description: 'go_goroutines above 20000 for 10m' },
      startsAt: '2026-11-26T09:00:00.000Z',
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'http://prometheus:9090/graph',
      fingerprint: 'a1b2c3d4e5f60718',
    },
  ],
  ...over,
});

describe('normalizeAlerts', () => {
  it('maps an Alertmanager v4 payload, ignoring Go zero-time endsAt', () => {
    const { alerts, truncated } = normalizeAlerts('alertmanager', amPayload());
    expect(truncated).toBe(0);
    expect(alerts).toEqual([
      {
        id: alertId('alertmanager', 'a1b2c3d4e5f60718', '2026-11-26T09:00:00.000Z'),
        source: 'alertmanager',
        fingerprint: 'a1b2c3d4e5f60718',
        name: 'GoroutineLeak',
        status: 'firing',
        labels: { alertname: 'GoroutineLeak', service: 'orders', severity: 'critical' },
        annotations: { description: 'go_goroutines above 20000 for 10m' },
        startsAt: '2026-11-26T09:00:00.000Z',
        generatorURL: 'http://prometheus:9090/graph',
        groupKey: '{}:{alertname="GoroutineLeak"}',
        service: 'orders',
      },
    ]);
  });

  it('gives the same id to the same alert delivered twice, and a new id to a new firing', () => {
    const a = normalizeAlerts('alertmanager', amPayload()).alerts[0]!;
    const b = normalizeAlerts('alertmanager', amPayload()).alerts[0]!;
    expect(a.id).toBe(b.id);
    const later = amPayload();
    (later.alerts as { startsAt: string }[])[0]!.startsAt = '2026-11-26T10:00:00Z';
    expect(normalizeAlerts('alertmanager', later).alerts[0]!.id).not.toBe(a.id);
    // Equivalent timestamp spellings are the same alert.
    const spelled = amPayload();
    (spelled.alerts as { startsAt: string }[])[0]!.startsAt = '2026-11-26T09:00:00Z';
    expect(normalizeAlerts('alertmanager', spelled).alerts[0]!.id).toBe(a.id);
  });

  it('computes a fingerprint from labels when none is sent, independent of label order', () => {
    expect(labelFingerprint({ a: '1', b: '2' })).toBe(labelFingerprint({ b: '2', a: '1' }));
    expect(labelFingerprint({ a: '1' })).not.toBe(labelFingerprint({ a: '2' }));
  });

  it('names the field at fault', () => {
    expect(() => normalizeAlerts('alertmanager', { status: 'firing', alerts: [] })).toThrow(/alerts/);
    expect(() => normalizeAlerts('alertmanager', amPayload({ status: 'burning' }))).toThrow(/status/);
    const bad = amPayload();
    (bad.alerts as { startsAt: string }[])[0]!.startsAt = 'yesterday';
    expect(() => normalizeAlerts('alertmanager', bad)).toThrow(/alerts\.0\.startsAt/);
    expect(() => normalizeAlerts('alertmanager', 'not json')).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  it('maps the generic shape with the configured service labels', () => {
    const { alerts } = normalizeAlerts(
      'generic',
      { alerts: [{ name: 'HighLatency', description: 'p99 3s', labels: { app: 'checkout' } }] },
      { serviceLabels: ['app'], now: () => new Date('2026-11-26T12:00:00Z') },
    );
    expect(alerts[0]).toMatchObject({ name: 'HighLatency', status: 'firing', service: 'checkout', startsAt: '2026-11-26T12:00:00.000Z', annotations: { description: 'p99 3s' } });
  });
});

describe('webhook signatures', () => {
  const body = Buffer.from(JSON.stringify(amPayload()));
  const now = Date.parse('2026-11-26T12:00:00Z');

  it('checks bearer tokens exactly', () => {
    expect(() => verifyBearer('Bearer s3cret-token', 's3cret-token')).not.toThrow();
    for (const h of [undefined, 'Bearer s3cret-tokeN', 'Bearer s3cret', 'Basic s3cret-token', 'Bearer s3cret-token-longer']) {
      expect(() => verifyBearer(h, 's3cret-token'), String(h)).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
    }
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });

  it('verifies Grafana HMAC over the body, with and without a timestamp', () => {
    const sig = hmacHex('gsecret', body);
    expect(() => verifyGrafanaSignature(body, sig, 'gsecret')).not.toThrow();
    expect(() => verifyGrafanaSignature(body, sig.toUpperCase(), 'gsecret')).not.toThrow();
    expect(() => verifyGrafanaSignature(Buffer.concat([body, Buffer.from(' ')]), sig, 'gsecret')).toThrow(/does not match/);
    expect(() => verifyGrafanaSignature(body, undefined, 'gsecret')).toThrow(/missing/);
    const ts = String(now / 1000);
    const tsSig = hmacHex('gsecret', `${ts}:${body.toString()}`);
    expect(() => verifyGrafanaSignature(body, tsSig, 'gsecret', ts, 300, now)).not.toThrow();
    expect(() => verifyGrafanaSignature(body, tsSig, 'gsecret', ts, 300, now + 301_000)).toThrow(/window/);
  });

  it('verifies the generic HMAC with timestamp and refuses stale or altered requests', () => {
    const { timestamp, signature } = signGeneric(body.toString(), 'generic-secret', now);
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(() => verifyGenericSignature(body, signature, timestamp, 'generic-secret', 300, now + 10_000)).not.toThrow();
    expect(() => verifyGenericSignature(body, signature, timestamp, 'generic-secret', 300, now + 400_000)).toThrow(/window/);
    expect(() => verifyGenericSignature(body, signature, String(Number(timestamp) + 1), 'generic-secret', 300, now)).toThrow(/does not match/);
    expect(() => verifyGenericSignature(body, signature, timestamp, 'other-secret', 300, now)).toThrow(/does not match/);
    expect(() => verifyGenericSignature(body, signature, 'soon', 'generic-secret', 300, now)).toThrow(/unix seconds/);
  });
});
