import { describe, expect, it } from 'vitest';
import { extractCodeLines, type Signature, type SignatureKind } from './code-lines';

const of = (text: string, kind: SignatureKind): Signature[] => extractCodeLines(text).filter((s) => s.kind === kind);
const values = (text: string, kind: SignatureKind) => of(text, kind).map((s) => s.value);
const texts = (text: string, kind: SignatureKind) => of(text, kind).map((s) => s.text);

describe('extractCodeLines', () => {
  it('returns spans that point into the text', () => {
    const text = 'junk\n$ kubectl get pods -n payments\nweb-1  0/1  CrashLoopBackOff  7  3m\npanic: boom\n';
    const sigs = extractCodeLines(text);
    expect(sigs.length).toBeGreaterThanOrEqual(3);
    for (const s of sigs) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(sigs.map((s) => s.start)).toEqual([...sigs.map((s) => s.start)].sort((a, b) => a - b));
  });

  describe('shell commands', () => {
    it('finds commands after prompts, at line start and inside prose', () => {
      const text = [
        '$ kubectl get pods -n payments',
        'dev@box:~/svc$ redis-cli -h redis-main INFO memory',
        '➜ api git:(main) go tool pprof -http=:8080 heap.pb.gz',
        'helm rollback payments 41',
        'curl -s https://api.internal/healthz',
        '先看一下 kubectl logs checkout-api-7d9f 然后重启',
        'run `kubectl top pods` please',
        'git commit -m "fix: close response body in retry loop"',
      ].join('\n');
      expect(texts(text, 'shell-command')).toEqual([
        'kubectl get pods -n payments',
        'redis-cli -h redis-main INFO memory',
        'go tool pprof -http=:8080 heap.pb.gz',
        'helm rollback payments 41',
        'curl -s https://api.internal/healthz',
        'kubectl logs checkout-api-7d9f',
        'kubectl top pods',
        'git commit -m "fix: close response body in retry loop"',
      ]);
      expect(values(text, 'shell-command')).toEqual(['kubectl', 'redis-cli', 'go tool pprof', 'helm', 'curl', 'kubectl', 'kubectl', 'git']);
    });

    it('survives OCR confusions: | and 1 for l, I for l, spaces around the dash', () => {
      expect(values('$ kubect| get pods', 'shell-command')).toEqual(['kubectl']);
      expect(values('$ kubectI describe pod x', 'shell-command')).toEqual(['kubectl']);
      expect(values('kubect1 rollout restart deploy/api', 'shell-command')).toEqual(['kubectl']);
      expect(values('redis -cIi -p 6379 ping', 'shell-command')).toEqual(['redis-cli']);
      expect(values('$ g1t log --oneline', 'shell-command')).toEqual(['git']);
    });

    it('does not take English prose for commands', () => {
      expect(of('Let us go to the office and git gud. Top of the morning. curl up with a book', 'shell-command')).toEqual([]);
      expect(of('we use kubectl every day', 'shell-command').map((s) => s.text)).toEqual(['kubectl every day']);
    });
  });

  describe('PromQL', () => {
    it('finds expressions with functions, aggregations, selectors and ranges', () => {
      const text = [
        'histogram_quantile(0.99, sum by (le, route) (rate(http_request_duration_seconds_bucket[5m])))',
        'Query: sum by (pod) (rate(container_cpu_cfs_throttled_seconds_total[5m]))',
        'go_goroutines{job="checkout-api"} > 10000',
        'increase(kube_pod_container_status_restarts_total{namespace="payments"}[1h]) > 3',
      ].join('\n');
      const found = of(text, 'promql');
      expect(found.map((s) => s.value)).toEqual(['http_request_duration_seconds_bucket', 'container_cpu_cfs_throttled_seconds_total', 'go_goroutines', 'kube_pod_container_status_restarts_total']);
      expect(found[1]!.text).toBe('sum by (pod) (rate(container_cpu_cfs_throttled_seconds_total[5m]))');
    });

    it('tolerates OCR noise in ranges and spacing', () => {
      expect(values('rate (http_requests_total{code=~"5.."} (5m])', 'promql')).toEqual(['http_requests_total']);
      expect(values('sum(rate(redis_commands_total[Sm]))', 'promql')).toEqual(['redis_commands_total']);
    });

    it('ignores Go stack frames and prose with parentheses', () => {
      expect(of('main.(*OrderService).Checkout(0xc000128000, {0x7f1c2e8, 0xc0004a2d80})\n\t/app/service.go:214 +0x2cc', 'promql')).toEqual([]);
      expect(of('the sum (of all fears) was large', 'promql')).toEqual([]);
    });
  });

  describe('commit hashes', () => {
    it('finds hashes in git output and after context words', () => {
      const text = 'a1b2c3d fix: close body\n* 9f8e7d6 feat: pprof\ncommit 3e1f0c9a7b2d4e6f8a0b1c2d3e4f5a6b7c8d9e0f\nreverted in 0badc0de5 yesterday';
      expect(values(text, 'commit-hash')).toEqual(['a1b2c3d', '9f8e7d6', '3e1f0c9a7b2d4e6f8a0b1c2d3e4f5a6b7c8d9e0f', '0badc0de5']);
    });

    it('ignores pod-name segments, addresses, numbers and words', () => {
      const text = 'checkout-api-7d9f8c6b5-x2kq9 0/1 Running\nmain.go:42 +0x1d8 pc=0x4a1f2c\n1234567 requests\ndeadbeef cafe\nuser 7d9f8c6b5 said hi';
      expect(of(text, 'commit-hash')).toEqual([]);
    });
  });

  describe('HTTP status and exit codes', () => {
    it('finds status codes only in context', () => {
      const text = [
        '"GET /v1/cart HTTP/1.1" 503 UF',
        'level=error status=502 path=/pay',
        'upstream returned 504 Gateway Timeout',
        'HTTP 429',
        'error rate 5xx above 2%',
        'took 200 ms for 404 items',
      ].join('\n');
      expect(values(text, 'http-status')).toEqual(['503', '502', '504', '429', '5xx']);
    });

    it('reads the bare code curl prints for -w "%{http_code}"', () => {
      expect(values('$ curl -s -o /dev/null -w "%{http_code}" https://x/healthz\n503\n', 'http-status')).toEqual(['503']);
    });

    it('finds exit codes and never mistakes them for HTTP statuses', () => {
      const text = 'exit status 2\n    Last State: Terminated\n      Exit Code:    137\ncommand terminated with exit code 1\nProcess exited with code 143';
      expect(values(text, 'exit-code')).toEqual(['2', '137', '1', '143']);
      expect(of(text, 'http-status')).toEqual([]);
    });
  });

  describe('Go', () => {
    it('finds panics, fatal errors and goroutine headers', () => {
      const text = [
        'panic: runtime error: invalid memory address or nil pointer dereference',
        '[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x4a1f2c]',
        'goroutine 1842 [running]:',
        'fatal error: all goroutines are asleep - deadlock!',
        'goroutine 123 [chan receive, 5 minutes]:',
      ].join('\n');
      expect(values(text, 'go-panic')).toEqual(['runtime error: invalid memory address or nil pointer dereference', 'all goroutines are asleep - deadlock!']);
      expect(values(text, 'goroutine-header')).toEqual(['running', 'chan receive, 5 minutes']);
    });

    it('tolerates OCR noise: 1 for i, ( for [, missing colon', () => {
      expect(values('pan1c: send on closed channel', 'go-panic')).toEqual(['send on closed channel']);
      expect(values('goroutine 77 (select, 12 minutes]', 'goroutine-header')).toEqual(['select, 12 minutes']);
      expect(values('gorout1ne 9 [IO wait]:', 'goroutine-header')).toEqual(['IO wait']);
    });
  });

  describe('Kubernetes', () => {
    const table = [
      '$ kubectl get pods -n payments',
      'NAME                           READY   STATUS             RESTARTS      AGE',
      'checkout-api-7d9f8c6b5-x2kq9   0/1     CrashLoopBackOff   12 (3m ago)   34m',
      'checkout-api-7d9f8c6b5-p8w4z   1/1     Running            0             2d',
      'ledger-worker-5c6d7f9b8-9fj2l  0/1     OOMKilled          3             41m',
      'batch-28391-xk2lp              0/1     Evicted            0             5h',
      'api-6b7c9d-t5x2m               0/1     ImagePullBackOff   0             7m',
      'scheduler-test                 0/1     Pending            0             1m',
    ].join('\n');

    it('reports the failing rows of a pod table with their status', () => {
      const rows = of(table, 'k8s-pod-row');
      expect(rows.map((r) => r.value)).toEqual(['CrashLoopBackOff', 'OOMKilled', 'Evicted', 'ImagePullBackOff', 'Pending']);
      expect(rows[0]!.text).toMatch(/^checkout-api-7d9f8c6b5-x2kq9 .* 34m$/);
    });

    it('reads rows that OCR collapsed, split and misspelled', () => {
      const ocr = [
        'NAME READY STATUS RESTARTS AGE',
        'checkout -api-7d9f8c6b5-x2kq9 0/1 CrashLoopBackOff 12 3am',
        'ledger-worker-5¢6d7f9b8-9fj21 0/1 00MKilled 3 41m',
        'web-0 0/1 Crash LoopBackOff 5 2m',
        'redis-cache-0 1/1 Running 0 12d',
      ].join('\n');
      expect(values(ocr, 'k8s-pod-row')).toEqual(['CrashLoopBackOff', 'OOMKilled', 'CrashLoopBackOff']);
    });

    it('reports a row with a distinctive status even without the header, never a Running one', () => {
      expect(values('web-0 0/1 OOMKilled 4 9m\nweb-1 1/1 Running 0 9m\nweb-2 0/1 Pending 0 9m', 'k8s-pod-row')).toEqual(['OOMKilled']);
    });
  });

  it('returns nothing for plain prose or memes', () => {
    expect(extractCodeLines('ONE DOES NOT SIMPLY\nRESTART THE POD TO FIX A LEAK')).toEqual([]);
    expect(extractCodeLines('内存气球越吹越大\n重启一下就好了')).toEqual([]);
    expect(extractCodeLines('')).toEqual([]);
  });
});
