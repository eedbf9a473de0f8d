import { describe, expect, it } from 'vitest';
import { extractSignatures } from './signatures';

/** The hit of one signature, asserting it exists. */
const hitOf = (text: string, signature: string) => {
  const hit = extractSignatures(text).find((h) => h.signature === signature);
  expect(hit, `${signature} in ${JSON.stringify(text)}`).toBeDefined();
  return hit!;
};

describe('extractSignatures', () => {
  it.each([
    ['Last State: Terminated\n  Reason: OOMKilled\n  Exit Code: 137', 'oomkilled', 'OOMKilled', 'k8s-oomkilled'],
    ['Last State: Terminated\n  Reason: OOMKilled\n  Exit Code: 137', 'exit-137', 'Exit Code: 137', 'k8s-oomkilled'],
    ['api-7d9 0/1 CrashLoopBackOff 12 (3m ago)', 'crashloopbackoff', 'CrashLoopBackOff', 'k8s-crashloop'],
    ['Warning BackOff kubelet Back-off restarting failed container app', 'backoff-restarting', 'Back-off restarting failed container', 'k8s-crashloop'],
    ['web-1 0/1 ImagePullBackOff 0 2m', 'imagepullbackoff', 'ImagePullBackOff', 'k8s-image-pull'],
    ['redis: CLUSTERDOWN The cluster is down', 'clusterdown', 'CLUSTERDOWN', 'redis-cluster-split'],
    ['ERR MOVED 3999 10.0.1.7:6379', 'moved-ask', 'MOVED 3999 10.0.1.7:6379', 'redis-cluster-split'],
    ["ResponseError: OOM command not allowed when used memory > 'maxmemory'.", 'oom-command', 'OOM command not allowed', 'redis-maxmemory'],
    ['Get "https://a/b": x509: certificate has expired or is not yet valid', 'x509-expired-or-not-yet-valid', 'certificate has expired or is not yet valid', 'tls-cert-expiry'],
    ['curl: (60) SSL certificate problem: certificate has expired', 'cert-expired', 'certificate has expired', 'tls-cert-expiry'],
    ['accept4: too many open files; retrying in 1s', 'too-many-open-files', 'too many open files', 'fd-exhaustion'],
    ['write /data/wal.log: no space left on device', 'no-space-left', 'no space left on device', 'disk-full'],
    ['dial tcp: lookup db on 10.96.0.10:53: no such host', 'no-such-host', 'no such host', 'dns-failure'],
    ['dial tcp: lookup db on 10.96.0.10:53: no such host', 'lookup-on-53', 'lookup db on 10.96.0.10:53', 'dns-failure'],
    ['Post "http://x/y": context deadline exceeded', 'deadline-exceeded', 'context deadline exceeded', 'network-timeout'],
    ['read tcp 10.0.0.1:5000->10.0.0.2:80: i/o timeout', 'io-timeout', 'i/o timeout', 'network-timeout'],
    ['goroutine 7 [chan receive, 30 minutes]:\nmain.worker()', 'chan-state', '[chan receive, 30 minutes]', 'goroutine-leak-chan'],
    ['goroutine 9 [IO wait]:\ninternal/poll.runtime_pollWait(0x7f, 0x72)', 'io-wait', '[IO wait]', 'goroutine-leak-netread'],
    ['goroutine 3 [semacquire]:\nsync.runtime_SemacquireMutex(0xc0, 0x0, 0x1)', 'semacquire', '[semacquire]', 'mutex-contention'],
    ['fatal error: all goroutines are asleep - deadlock!', 'all-asleep', 'all goroutines are asleep - deadlock', 'deadlock-cycle'],
    ['runtime: goroutine stack exceeds 1000000000-byte limit', 'stack-exceeds', 'goroutine stack exceeds 1000000000-byte limit', 'deep-recursion'],
    ['fatal error: runtime: out of memory', 'runtime-oom', 'fatal error: runtime: out of memory', 'heap-leak'],
    ['0/5 nodes are available: 5 Insufficient cpu.', 'insufficient-resource', 'Insufficient cpu', 'k8s-scheduling-failure'],
    ["error when evicting pods/\"db-0\" -n \"x\": Cannot evict pod as it would violate the pod's disruption budget.", 'pdb-violation', "Cannot evict pod as it would violate the pod's disruption budget", 'k8s-node-drain-failure'],
    ['Message: The node was low on resource: memory.', 'node-low-on-resource', 'The node was low on resource', 'k8s-pod-eviction'],
    ['72% throttling of CPU in namespace a for container b', 'throttling-of-cpu', 'throttling of CPU', 'cpu-throttling'],
    ['FATAL: sorry, too many clients already', 'too-many-clients', 'too many clients already', 'db-pool-exhaustion'],
    ['pq: remaining connection slots are reserved for non-replication superuser connections', 'too-many-clients', 'remaining connection slots are reserved', 'db-pool-exhaustion'],
    ['timeout waiting for connection from pool', 'pool-wait', 'timeout waiting for connection', 'db-pool-exhaustion'],
    ['x509: certificate has expired or is not yet valid: current time 2024-01-01T00:00:00Z is before 2024-01-02T00:00:00Z', 'current-time-before', 'current time 2024-01-01T00:00:00Z is before 2024-01-02T00:00:00Z', 'clock-skew'],
    ['NTP service: inactive', 'ntp', 'NTP', 'clock-skew'],
  ])('finds %j -> %s', (text, signature, span, classId) => {
    const hit = hitOf(text, signature);
    expect(hit.text).toBe(span);
    expect(text.slice(hit.start, hit.end)).toBe(span);
    expect(hit.start).toBe(text.indexOf(span));
    expect(hit.weights[classId as keyof typeof hit.weights]).toBeGreaterThan(0);
  });

  it('reads Envoy response flags in access logs', () => {
    const log = '[2024-06-03T08:14:22.511Z] "GET /api HTTP/1.1" 503 UH no_healthy_upstream - "-" 0 19 0 - "10.0.0.1"';
    const hit = hitOf(log, 'envoy-config-flag');
    expect(log.slice(hit.start, hit.end)).toBe('HTTP/1.1" 503 UH ');
    expect(hit.weights['istio-config-error']).toBeGreaterThan(0);
    const timeout = hitOf('"POST /q HTTP/1.1" 504 UT response_timeout', 'upstream-timeout');
    expect(timeout.text).toBe('504 UT');
  });

  it('does not read "expired or is not yet valid" as clock skew', () => {
    const hits = extractSignatures('x509: certificate has expired or is not yet valid: current time 2024-07-02T08:15:33Z is after 2024-07-01T11:42:10Z');
    expect(hits.some((h) => h.signature === 'not-yet-valid')).toBe(false);
    expect(hits.some((h) => h.signature === 'current-time-after')).toBe(true);
  });

  it('caps repeated matches and returns hits sorted by position', () => {
    const log = Array.from({ length: 50 }, () => 'accept4: too many open files; retrying in 1s').join('\n');
    const hits = extractSignatures(log).filter((h) => h.signature === 'too-many-open-files');
    expect(hits).toHaveLength(3);
    const all = extractSignatures(log);
    expect(all.map((h) => h.start)).toEqual([...all.map((h) => h.start)].sort((a, b) => a - b));
  });

  it('finds nothing in unrelated prose', () => {
    expect(extractSignatures('Weekly team lunch on Friday at noon, bring a friend.')).toEqual([]);
  });
});
