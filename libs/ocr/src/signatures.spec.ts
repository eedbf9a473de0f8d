import { describe, expect, it } from 'vitest';
import { extractScreenshotSignatures, normalizeForSignatures } from './signatures';

const errors = (text: string) => extractScreenshotSignatures(text).filter((s) => s.kind === 'error-signature');

describe('extractScreenshotSignatures', () => {
  it('adds the diagnosis error signatures (Redis, Envoy, Postgres, network, Kubernetes) with their class', () => {
    const text = [
      "(error) OOM command not allowed when used memory > 'maxmemory'.",
      '(error) CLUSTERDOWN The cluster is down',
      'upstream connect error or disconnect/reset before headers. reset reason: connection failure',
      'FATAL:  sorry, too many clients already',
      'lookup redis-main.payments.svc.cluster.local on 10.96.0.10:53: no such host',
      'Warning  BackOff  kubelet  Back-off pulling image (ImagePullBackOff)',
    ].join('\n');
    const classes = new Set(errors(text).map((s) => s.classId));
    for (const c of ['redis-maxmemory', 'redis-cluster-split', 'istio-config-error', 'db-pool-exhaustion', 'dns-failure', 'k8s-image-pull']) expect(classes).toContain(c);
    for (const s of errors(text)) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('puts OCR-garbled words right before matching, and maps spans back onto the OCR text', () => {
    const text = 'Reason: 00MKilled\npod web-0 is in Crash LoopBackOff\n(error) CLUSTERD0WN The cluster is down';
    const found = errors(text);
    expect(found.map((s) => [s.value, s.text])).toEqual(
      expect.arrayContaining([
        ['oomkilled', '00MKilled'],
        ['crashloopbackoff', 'Crash LoopBackOff'],
        ['clusterdown', 'CLUSTERD0WN'],
      ]),
    );
    for (const s of found) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('keeps code lines and leaves out a status already named by its pod row', () => {
    const text = '$ kubectl get pods\nNAME READY STATUS RESTARTS AGE\napi-1 0/1 CrashLoopBackOff 7 3m';
    expect(extractScreenshotSignatures(text).map((s) => s.kind)).toEqual(['shell-command', 'k8s-pod-row']);
  });

  it('normalizeForSignatures maps offsets before, inside and after replacements', () => {
    const text = 'a 00MKilled b CLUSTERD0WN c';
    const n = normalizeForSignatures(text);
    expect(n.text).toBe('a OOMKilled b CLUSTERDOWN c');
    expect(n.toOriginal(0, false)).toBe(0);
    expect(n.toOriginal(2, false)).toBe(2);
    expect(n.toOriginal(11, true)).toBe(11);
    expect(n.toOriginal(n.text.indexOf('c'), false)).toBe(text.indexOf('c'));
    expect(normalizeForSignatures('Crash LoopBack0ff').text).toBe('CrashLoopBackOff');
  });
});
