import { type RunbookDraft } from '@memegraph/contracts';
import { describe, expect, it } from 'vitest';
import { checkPromQL } from './promql';
import { checkPublishable } from './publish-check';

const good: RunbookDraft = {
  classId: 'heap-leak',
  title: 'Session cache never evicts',
  reproduction: [{ command: 'kubectl -n shop set image deploy/sessiond sessiond=registry.local/sessiond:1.14.2' }, { command: 'go tool pprof -sample_index=inuse_space http://sessiond:6060/debug/pprof/heap' }],
  verification: [
    { promql: 'sum(go_memstats_heap_inuse_bytes{job="sessiond"})' },
    { promql: 'rate(container_memory_working_set_bytes{container="sessiond"}[5m])' },
    { promql: 'increase(kube_pod_container_status_restarts_total{container="sessiond"}[1h]) > 0' },
  ],
  rollback: { steps: ['kubectl -n shop rollout history deploy/sessiond', 'kubectl -n shop rollout undo deploy/sessiond --to-revision=41'], revisionsAvailable: 3 },
  fix: { commit: 'a1b2c3d', commitMessage: 'fix: bound the session cache' },
};

describe('checkPublishable', () => {
  it('accepts a complete runbook', () => {
    expect(checkPublishable(good)).toEqual({ ok: true, missing: [] });
  });

  it('names every missing part', () => {
    const r = checkPublishable({ ...good, classId: 'nope', reproduction: [], verification: good.verification.slice(0, 2), rollback: { steps: [] } });
    expect(r.ok).toBe(false);
    expect(r.missing).toEqual([
      'classId: unknown root-cause class "nope"',
      'reproduction: at least one exact reproduction step (a command)',
      'verification: exactly 3 PromQL metrics (got 2)',
      'rollback.steps: a rollback checklist',
      'rollback.revisionsAvailable: `kubectl rollout history` must show at least 2 revisions',
    ]);
    expect(checkPublishable(undefined).missing).toEqual(['runbook: no runbook draft saved yet']);
  });

  it('requires versions in the reproduction and a real rollback command', () => {
    const r = checkPublishable({ ...good, reproduction: [{ command: 'curl -s http://sessiond/debug/pprof/heap > heap.pb.gz' }], rollback: { steps: ['ask someone'], revisionsAvailable: 1 } });
    expect(r.missing).toEqual([
      'reproduction: name the versions involved (e.g. image tag, Go version, chart version) in a step',
      'rollback.steps: include how to roll back (e.g. `kubectl rollout history` / `kubectl rollout undo`)',
      'rollback.revisionsAvailable: `kubectl rollout history` must show at least 2 revisions',
    ]);
  });

  it('checks each PromQL metric', () => {
    const r = checkPublishable({ ...good, verification: [{ promql: 'rate(http_requests_total[5m]' }, { promql: 'kubectl top pods' }, { promql: 'up[5x]' }] });
    expect(r.missing).toEqual([
      'verification.0.promql: unclosed "("',
      'verification.1.promql: looks like a shell command, not PromQL',
      'verification.2.promql: invalid range "[5x]"',
    ]);
  });
});

describe('checkPromQL', () => {
  it('accepts real queries', () => {
    for (const q of [
      'up',
      'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="api"}[5m])))',
      'sum(rate(container_cpu_cfs_throttled_periods_total[5m])) / sum(rate(container_cpu_cfs_periods_total[5m]))',
      'go_goroutines{service="orders"} > 10000',
      'max_over_time(redis_memory_used_bytes[1h:5m])',
      'label_replace(up, "x", "$1", "instance", "(.*):.*")',
    ]) {
      expect(checkPromQL(q), q).toBeUndefined();
    }
  });

  it('rejects broken ones', () => {
    expect(checkPromQL('')).toBe('empty');
    expect(checkPromQL('sum(rate(x[5m])')).toBe('unclosed "("');
    expect(checkPromQL('x{job="a}')).toBe('unterminated string');
    expect(checkPromQL('(1 + 2)')).toBe('no metric name');
    expect(checkPromQL('x]')).toBe('unbalanced "]"');
  });
});

describe('checkPromQL edge cases', () => {
  it('needs a metric, not only functions and keywords', () => {
    expect(checkPromQL('sum(rate())')).toBe('no metric name');
    expect(checkPromQL('rate(foo{a="b"}[])')).toBe('invalid range "[]"');
    expect(checkPromQL('sum by (pod) (rate(container_cpu_usage_seconds_total{namespace="x"}[5m]))')).toBeUndefined();
    expect(checkPromQL('sum(rate(http_requests_total{code=~"5.."}[5m])')).toBe('unclosed "("');
  });
});
