import { type AlertRecord, type NormalizedAlert, type PendingAlert } from '@memegraph/contracts';
import { describe, expect, it } from 'vitest';
import { readThrough } from './read-through';

const alert: NormalizedAlert = {
  id: '0123456789abcdef0123456789abcdef',
  source: 'alertmanager',
  fingerprint: 'fp1',
  name: 'KubePodCrashLooping',
  status: 'firing',
  labels: { alertname: 'KubePodCrashLooping', service: 'checkout' },
  annotations: { description: 'CrashLoopBackOff' },
  startsAt: '2026-11-26T09:00:00Z',
  service: 'checkout',
};
const stored: AlertRecord = {
  id: alert.id,
  source: 'alertmanager',
  fingerprint: 'fp1',
  name: alert.name,
  status: 'firing',
  enrichment: 'enriched',
  service: 'checkout',
  labels: alert.labels,
  annotations: alert.annotations,
  startsAt: '2026-11-26T09:00:00Z',
  receivedAt: '2026-11-26T09:00:01.000Z',
  deliveries: 2,
  topClassId: 'k8s-crashloop',
};

describe('readThrough', () => {
  it('is the stored alert when nothing is pending, and nothing when neither exists', () => {
    expect(readThrough(stored, undefined)).toBe(stored);
    expect(readThrough(undefined, undefined)).toBeUndefined();
  });

  it('shows an accepted alert the worker has not stored yet as pending enrichment', () => {
    const pending: PendingAlert = { alert, receivedAt: '2026-11-26T09:00:02.000Z', deliveries: 2 };
    expect(readThrough(undefined, pending)).toEqual({
      id: alert.id,
      source: 'alertmanager',
      fingerprint: 'fp1',
      name: 'KubePodCrashLooping',
      status: 'firing',
      enrichment: 'pending',
      service: 'checkout',
      labels: alert.labels,
      annotations: alert.annotations,
      startsAt: '2026-11-26T09:00:00Z',
      receivedAt: '2026-11-26T09:00:02.000Z',
      deliveries: 2,
    });
  });

  it('expects no diagnosis for an alert first seen resolved', () => {
    expect(readThrough(undefined, { alert: { ...alert, status: 'resolved', endsAt: '2026-11-26T09:30:00Z' }, receivedAt: 'x', deliveries: 1, resolved: { endsAt: '2026-11-26T09:30:00Z' } })).toMatchObject({
      status: 'resolved',
      endsAt: '2026-11-26T09:30:00Z',
      enrichment: 'skipped',
    });
  });

  it('adds unstored deliveries to the stored count and applies a pending resolution', () => {
    const pending: PendingAlert = { alert: { ...alert, status: 'firing' }, receivedAt: 'x', deliveries: 3, resolved: { endsAt: '2026-11-26T09:30:00Z' } };
    expect(readThrough(stored, pending)).toEqual({ ...stored, deliveries: 5, status: 'resolved', endsAt: '2026-11-26T09:30:00Z' });
    expect(readThrough(stored, { alert, receivedAt: 'x', deliveries: 1 })).toEqual({ ...stored, deliveries: 3 });
  });
});
