import { type RootCauseEntryInput } from '../knowledge.schema';

export const cpuThrottling: RootCauseEntryInput = {
  id: 'cpu-throttling',
  title: { en: 'CFS quota throttling of a container', zh: 'CFS 配额限流（CPU throttling）' },
  summary: {
    en: 'The container\'s CPU limit becomes a CFS quota per 100ms period. A multi-threaded process (a Go program with GOMAXPROCS equal to the node\'s cores, a JVM with many GC threads) can burn the whole quota in the first milliseconds of a period and is then frozen until the next one. Average CPU looks moderate, but latency tails grow by tens of milliseconds and the CPUThrottlingHigh alert fires: container_cpu_cfs_throttled_periods_total / container_cpu_cfs_periods_total is high.',
    zh: '容器的 CPU limit 被换算成每 100ms 周期的 CFS 配额。多线程进程（GOMAXPROCS 等于节点核数的 Go 程序、GC 线程很多的 JVM）可能在周期开头几毫秒就把配额用完，然后被冻结到下一个周期。平均 CPU 看着不高，但尾延迟增加几十毫秒，CPUThrottlingHigh 告警触发：container_cpu_cfs_throttled_periods_total / container_cpu_cfs_periods_total 很高。',
  },
  signals: [
    { source: 'alert', text: 'CPUThrottlingHigh: "N% throttling of CPU in namespace X for container Y in pod Z" (runbook cputhrottlinghigh)' },
    { source: 'metric', text: 'container_cpu_cfs_throttled_periods_total / container_cpu_cfs_periods_total > 25%; container_cpu_cfs_throttled_seconds_total rising' },
    { source: 'log', text: 'cpu.stat nr_throttled / throttled_usec growing; automaxprocs "maxprocs: Leaving GOMAXPROCS=16: CPU quota undefined"' },
    { source: 'metric', text: 'p99 latency high while average CPU usage is well under the limit; latency steps of ~100ms (CFS period)' },
    { source: 'chat', text: '“CPU 被限流了”, “throttling 很高但 CPU 使用率不高”' },
  ],
  alertRules: ['CPUThrottlingHigh', 'ContainerHighThrottleRate', 'KubernetesContainerCpuThrottling', 'ContainerCpuThrottled'],
  relatedAlertRules: ['KubeCPUQuotaOvercommit'],
  confusableWith: [
    { classId: 'busy-loop', howToTell: 'Throttling is the quota biting; a busy loop is code burning CPU. Check whether the CPU is spent on useful work (profile) before raising the limit.' },
    { classId: 'cpu-reflection-json', howToTell: 'If the profile shows one hot cause (JSON, regexp), that is the root cause and throttling a symptom.' },
    { classId: 'network-timeout', howToTell: 'Throttled services answer slowly and callers time out; the throttling metrics tell it is the callee\'s CPU quota.' },
  ],
  runbook: [
    { title: 'Measure the throttled share per container', command: "kubectl -n $NAMESPACE exec $POD -c $CONTAINER -- cat /sys/fs/cgroup/cpu.stat 2>/dev/null || kubectl -n $NAMESPACE exec $POD -c $CONTAINER -- cat /sys/fs/cgroup/cpu,cpuacct/cpu.stat", why: 'nr_throttled / nr_periods gives the share of periods in which the container was frozen.' },
    { title: 'Compare limit, request and real usage', command: "kubectl -n $NAMESPACE get pod $POD -o jsonpath='{range .spec.containers[*]}{.name}{\" \"}{.resources}{\"\\n\"}{end}'\nkubectl -n $NAMESPACE top pod $POD --containers", why: 'A limit close to (or below) peak usage means throttling during bursts.' },
    { title: 'Check GOMAXPROCS against the quota', command: "kubectl -n $NAMESPACE logs $POD -c $CONTAINER | grep -i maxprocs\nkubectl -n $NAMESPACE exec $POD -c $CONTAINER -- sh -c 'nproc; cat /sys/fs/cgroup/cpu.max'", why: 'A Go process using all node cores under a 1-2 core quota burns the quota in a few ms.' },
    { title: 'Right-size: set GOMAXPROCS or raise/remove the limit', command: 'kubectl -n $NAMESPACE set env deployment/$DEPLOYMENT GOMAXPROCS=2\nkubectl -n $NAMESPACE set resources deployment/$DEPLOYMENT -c $CONTAINER --limits=cpu=2 --requests=cpu=1', why: 'Matching threads to the quota (or giving more quota) removes the freeze periods.' },
    { title: 'Validate the alert rule locally', command: 'promtool test rules cpu-throttling.test.yaml', why: 'Makes sure the alert threshold reflects the new limits.' },
  ],
  verification: [
    { name: 'Throttled period ratio', promql: 'sum by (pod, container) (increase(container_cpu_cfs_throttled_periods_total{namespace="$NAMESPACE", container="$CONTAINER"}[5m])) / sum by (pod, container) (increase(container_cpu_cfs_periods_total{namespace="$NAMESPACE", container="$CONTAINER"}[5m]))', expect: 'Above 0.25 while the alert fires; a few percent after right-sizing.' },
    { name: 'Throttled seconds', promql: 'sum by (pod) (rate(container_cpu_cfs_throttled_seconds_total{namespace="$NAMESPACE", container="$CONTAINER"}[5m]))', expect: 'Seconds frozen per second drop toward zero.' },
    { name: 'Tail latency', promql: 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="$JOB"}[5m])))', expect: 'The ~100ms steps in p99 disappear.' },
  ],
  rollback: [
    'If higher limits overcommit nodes (evictions, Insufficient cpu), revert with kubectl rollout undo and use GOMAXPROCS tuning instead.',
    'Remove a GOMAXPROCS override that makes the service under-use a larger limit later.',
    'Keep the alert threshold unchanged unless the workload is known to be latency-insensitive.',
  ],
  examples: [
    `[FIRING:3] CPUThrottlingHigh
Summary: Processes experience elevated CPU throttling.
Description: 71.4% throttling of CPU in namespace checkout for container api in pod api-6f9b7d6c8-2xw8q.
Runbook: https://runbooks.prometheus-operator.dev/runbooks/kubernetes/cputhrottlinghigh`,
    `Our Go service has a 1 CPU limit on 32-core nodes. GOMAXPROCS defaults to 32, so during a GC cycle all threads run at once and burn the 100ms quota in ~4ms; the container is then frozen for 96ms. p99 jumps from 20ms to 120ms while average CPU is only 40%.`,
    `CPU 被限流了：监控里 throttled periods 比例 60%，但 CPU 使用率才 0.5 核（limit 1 核），接口 p99 高了一倍。`,
    `$ cat /sys/fs/cgroup/cpu.stat
usage_usec 8841123123
user_usec 7012341234
system_usec 1828781889
nr_periods 1402331
nr_throttled 812004
throttled_usec 41230044123`,
    `2024/05/12 08:00:01 maxprocs: Leaving GOMAXPROCS=64: CPU quota undefined
The pod runs with a cpu limit of 2 — automaxprocs couldn't read the cgroup v2 quota, so the runtime uses 64 threads and gets throttled constantly.`,
    `container_cpu_cfs_throttled_periods_total / container_cpu_cfs_periods_total for the gateway is 0.45 during business hours. Latency SLO burn coincides with throttling, not with traffic.`,
    `CPUThrottlingHigh 一直在响，ingress-nginx 的 controller limit 只给了 500m，高峰期被限流，请求排队。`,
    `We removed CPU limits (kept requests) on latency-sensitive services; throttling dropped to zero and p99 improved by 35%. Average usage didn't change.`,
    `The JVM sees 48 processors and starts 48 GC threads in a container limited to 2 CPUs. Every young GC exhausts the quota and the app stalls for the rest of the period.`,
    `alertname=CPUThrottlingHigh container=envoy namespace=istio-system severity=info — 38% throttling of CPU for the sidecar; the sidecar's limit is 200m while it handles 3k rps.`,
    `Health checks fail intermittently because the container is throttled at the moment the kubelet probes it: the 1s probe timeout is shorter than the time the container waits for its next CFS period.`,
    `限流排查：cpu.stat 里 nr_throttled 占 nr_periods 的 70%，说明大部分周期都被卡住了，把 limit 从 1 调到 2，同时设置 GOMAXPROCS=2。`,
    `Latency graphs show p99 stuck at multiples of 100ms. That is the CFS period: requests that arrive after the quota is used wait until the next period starts.`,
    `kube-prometheus CPUThrottlingHigh fired for monitoring/node-exporter (26% throttling). Known to be noisy for node-exporter with low limits; raising the limit to 250m fixed it.`,
    `container_cpu_cfs_throttled_seconds_total for the payments pods rises by 20s per minute. The service is CPU bound in bursts (TLS handshakes) and the 1-core limit is too tight.`,
    `We see high throttling on a container that uses only 30% of its CPU limit on average — bursts of parallel work inside a 100ms window exceed the quota even though the average is low.`,
    `CPU limit 太低导致 throttling，k8s 容器 CPU 使用率看起来不高，但是延迟很高，Grafana 上 CFS throttled 占比 80%。`,
    `[Alertmanager] CPUThrottlingHigh (warning): 92% throttling of CPU in namespace data for container spark-driver in pod spark-driver-7d8f. Processes experience elevated CPU throttling.`,
    `After we enabled the CPU manager static policy nothing changed: the pod is Burstable, not Guaranteed, so it still goes through CFS quota and keeps getting throttled.`,
    `The Node.js gateway isn't multi-threaded, so why is it throttled? libuv thread pool + GC threads + our compression worker pool; with a 0.5 CPU limit any burst gets throttled.`,
    `Set GOMAXPROCS to the container CPU limit (uber-go/automaxprocs). Before: nr_throttled grows every period; after: throttling under 1%.`,
    `p99 latency is high but CPU usage and load look fine. Turned out the service is being CPU-throttled by its cgroup limit: throttled_time in cpu.stat grows by ~30s per minute.`,
    `Grafana panel "CPU Throttling" for namespace search shows 55% throttled periods on the query pods; the limit was copied from a dev environment (300m).`,
    `CFS throttling 导致 gRPC 超时：被调用方 CPU limit 太小，高峰期被冻结，调用方 500ms 超时就报 deadline exceeded，根因在被调方限流。`,
    `Prometheus rule: sum(increase(container_cpu_cfs_throttled_periods_total{container!=""}[5m])) by (container, pod, namespace) / sum(increase(container_cpu_cfs_periods_total[5m])) by (container, pod, namespace) > 0.25 — firing for 40 containers in the batch namespace.`,
    `The p99 latency of the API went up after we set a CPU limit of 500m. Usage graphs show 300m on average, but the throttling metric shows most periods throttled during request bursts.`,
    `CPUThrottlingHigh: 45.2% throttling of CPU in namespace kube-system for container coredns in pod coredns-5d78c9869d-abcde.`,
    `Removing CPU limits from the Go services fixed the tail latency: they were being throttled by the CFS quota even though node CPU was mostly idle.`,
    `P99 延迟升高，排查发现容器 CPU limit 太低，cfs throttled 占比超过 50%，调高 limit 之后延迟恢复正常。`,
    `throttled time keeps increasing for the ingress controller pods (container_cpu_cfs_throttled_seconds_total); requests queue in nginx while the process is frozen.`,
    `### What happened?

The CPUThrottlingHigh alert fires constantly for the chart's sidecar container; it has a 100m CPU limit and gets throttled during every config reload.

### What did you expect to happen?

No throttling at default settings.

### How can we reproduce it?

Install with default values and reload the config a few times.

### Kubernetes version

v1.27.8`,
  ],
};
