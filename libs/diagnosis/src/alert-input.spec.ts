import { describe, expect, it } from 'vitest';
import { normalizeAlerts } from './alert-input';
import { AlertInputSchema } from './diagnosis.schema';

const normalize = (input: unknown) => normalizeAlerts(AlertInputSchema.parse(input));

describe('normalizeAlerts', () => {
  it('reads a single alert: alertname, cause-bearing labels, annotations as text', () => {
    const n = normalize({
      labels: { alertname: 'KubePodCrashLooping', namespace: 'shop', pod: 'api-1', reason: 'CrashLoopBackOff', severity: 'warning', job: 'kube-state-metrics' },
      annotations: { description: 'Pod shop/api-1 is crash looping.', summary: 'Pod is crash looping.', runbook_url: 'https://runbooks/kubepodcrashlooping' },
      status: 'firing',
    });
    expect(n.alertnames).toEqual(['KubePodCrashLooping']);
    expect(n.labels).toEqual([
      { key: 'namespace', value: 'shop' },
      { key: 'pod', value: 'api-1' },
      { key: 'reason', value: 'CrashLoopBackOff' },
    ]);
    expect(n.text).toBe('alertname: KubePodCrashLooping\nsummary: Pod is crash looping.\ndescription: Pod shop/api-1 is crash looping.\nrunbook_url: https://runbooks/kubepodcrashlooping');
  });

  it('reads a webhook payload with several alerts, merging common labels and deduplicating', () => {
    const alert = (pod: string) => ({ labels: { alertname: 'CPUThrottlingHigh', pod }, annotations: { description: '80% throttling of CPU.' } });
    const n = normalize({ alerts: [alert('a'), alert('b'), alert('a')], commonLabels: { alertname: 'CPUThrottlingHigh', namespace: 'x' }, status: 'firing' });
    expect(n.alertnames).toEqual(['CPUThrottlingHigh']);
    expect(n.labels.map((l) => `${l.key}=${l.value}`)).toEqual(['namespace=x', 'pod=a', 'pod=b']);
    expect(n.text).toBe('alertname: CPUThrottlingHigh\ndescription: 80% throttling of CPU.');
  });

  it('tolerates non-string label values and extra fields', () => {
    const n = normalize({ labels: { alertname: 'X', code: 503 }, annotations: { value: 0.97 }, startsAt: '2024-01-01T00:00:00Z', fingerprint: 'abc' });
    expect(n.labels).toEqual([{ key: 'code', value: '503' }]);
    expect(n.text).toContain('value: 0.97');
  });
});
