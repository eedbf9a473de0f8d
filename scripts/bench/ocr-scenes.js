'use strict';
// The OCR benchmark's screenshots: known text in the styles engineers paste (see scripts/bench/ocr).
// Each entry is a SyntheticSpec for @memegraph/ocr's renderSynthetic, plus a name and whether it
// needs a CJK font.

const RED = '#f14c4c';
const GREEN = '#23d18b';
const YELLOW = '#e5e510';

module.exports = [
  {
    name: 'dark-kubectl-pods',
    spec: {
      style: 'dark-terminal',
      lines: [
        '$ kubectl get pods -n payments',
        'NAME                           READY   STATUS             RESTARTS   AGE',
        'checkout-api-7d9f8c6b5-x2kq9   0/1     CrashLoopBackOff   12         34m',
        'checkout-api-7d9f8c6b5-p8w4z   1/1     Running            0          2d',
        'ledger-worker-5c6d7f9b8-9fj2l  0/1     OOMKilled          3          41m',
        'redis-cache-0                  1/1     Running            0          12d',
      ],
      colors: [undefined, undefined, RED, GREEN, RED, GREEN],
    },
  },
  {
    name: 'dark-go-panic-color',
    spec: {
      style: 'dark-terminal',
      fontSize: 13,
      lines: [
        'panic: runtime error: invalid memory address or nil pointer dereference',
        '[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x4a1f2c]',
        '',
        'goroutine 1842 [running]:',
        'main.(*OrderService).Checkout(0xc000128000, {0x7f1c2e8, 0xc0004a2d80})',
        '        /app/internal/order/service.go:214 +0x2cc',
        'exit status 2',
      ],
      colors: [RED, RED, undefined, YELLOW, undefined, undefined, RED],
    },
  },
  {
    name: 'dark-redis-green',
    spec: {
      style: 'dark-terminal',
      fontSize: 15,
      lines: [
        '$ redis-cli -h redis-main -p 6379 INFO memory',
        'used_memory_human:7.98G',
        'maxmemory_human:8.00G',
        'maxmemory_policy:noeviction',
        "(error) OOM command not allowed when used memory > 'maxmemory'.",
      ],
      colors: [GREEN, GREEN, GREEN, GREEN, RED],
    },
  },
  {
    name: 'light-go-panic',
    spec: {
      style: 'light-terminal',
      lines: [
        'fatal error: all goroutines are asleep - deadlock!',
        '',
        'goroutine 1 [chan receive, 5 minutes]:',
        'main.main()',
        '        /src/cmd/server/main.go:42 +0x1d8',
        'goroutine 18 [semacquire, 5 minutes]:',
        'sync.runtime_SemacquireMutex(0xc0000b4004, 0x0, 0x1)',
      ],
    },
  },
  {
    name: 'light-promql',
    spec: {
      style: 'light-terminal',
      font: 'Liberation Mono',
      fontSize: 15,
      lines: [
        'histogram_quantile(0.99, sum by (le, route) (rate(http_request_duration_seconds_bucket[5m])))',
        'sum by (pod) (rate(container_cpu_cfs_throttled_seconds_total[5m]))',
        'go_goroutines{job="checkout-api"} > 10000',
      ],
    },
  },
  {
    name: 'light-git-curl',
    spec: {
      style: 'light-terminal',
      lines: [
        '$ git log --oneline -3',
        'a1b2c3d fix: close response body in retry loop',
        '9f8e7d6 feat: add pprof endpoint behind auth',
        '$ curl -s -o /dev/null -w "%{http_code}" https://api.internal/healthz',
        '503',
        '$ git commit -m "fix: bound the worker pool"',
      ],
    },
  },
  {
    name: 'dashboard-legend',
    spec: {
      style: 'dashboard',
      fontSize: 13,
      lines: [
        'p99 latency by route (last 6h)',
        '/api/v1/checkout   max 2.84s   mean 1.12s',
        '/api/v1/orders     max 480ms   mean 95ms',
        'error rate 5xx     max 12.4%   mean 3.1%',
      ],
      colors: ['#ccccdc', '#73bf69', '#f2cc0c', '#f2495c'],
    },
  },
  {
    name: 'caption-outline-noise',
    spec: { style: 'caption', lines: ['ONE DOES NOT SIMPLY'], bottom: ['RESTART THE POD TO FIX A LEAK'], picture: 'noise', seed: 11 },
  },
  {
    name: 'caption-outline-gradient',
    spec: { style: 'caption', lines: ['GOROUTINES EVERYWHERE'], bottom: ['NONE OF THEM EXIT'], picture: 'gradient', seed: 5 },
  },
  {
    name: 'caption-black-light',
    spec: { style: 'caption', lines: ['When the heap grows', 'every single deploy'], captionInk: 'black', picture: 'noise', seed: 23, width: 640 },
  },
  {
    name: 'caption-chinese',
    cjk: true,
    spec: { style: 'caption', lines: ['内存气球越吹越大'], bottom: ['重启一下就好了'], font: 'Noto Sans CJK SC', picture: 'gradient', seed: 3 },
  },
  {
    name: 'chat-chinese',
    cjk: true,
    spec: {
      style: 'chat',
      lines: ['线上延迟又飙升了', '先看一下 kubectl get pods', '支付服务一直在重启', '应该是内存泄漏'],
    },
  },
  // Added after the preprocessing was tuned on the twelve above, to check it generalises.
  {
    name: 'heldout-dark-retina-logs',
    spec: {
      style: 'dark-terminal',
      fontSize: 26,
      lines: [
        '[2026-11-24T03:12:09Z] "GET /v1/cart HTTP/1.1" 503 UF upstream_reset_before_response_started',
        'FATAL: remaining connection slots are reserved for non-replication superuser connections',
        'dial tcp 10.4.2.17:5432: i/o timeout',
      ],
      colors: ['#9cdcfe', RED, YELLOW],
    },
  },
  {
    name: 'heldout-light-small-events',
    spec: {
      style: 'light-terminal',
      fontSize: 12,
      lines: [
        '$ kubectl describe pod api-6b7c9d-t5x2m',
        'Warning  Failed     3m   kubelet  Failed to pull image "registry/api:1.4.2": not found',
        'Warning  BackOff    2m   kubelet  Back-off pulling image (ImagePullBackOff)',
        'Warning  Evicted    1m   kubelet  The node was low on resource: memory.',
        'Warning  FailedScheduling  default-scheduler  0/6 nodes are available: 6 Insufficient cpu.',
      ],
      colors: [undefined, '#b58900', '#b58900', '#dc322f', '#b58900'],
    },
  },
  {
    name: 'heldout-caption-white-bar',
    spec: { style: 'caption', captionInk: 'bar', lines: ['me: adds one more cache layer', 'the p99 latency:'], picture: 'noise', seed: 41, width: 640 },
  },
];
