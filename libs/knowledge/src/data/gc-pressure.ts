import { type RootCauseEntryInput } from '../knowledge.schema';

export const gcPressure: RootCauseEntryInput = {
  id: 'gc-pressure',
  title: { en: 'Allocation churn: the garbage collector eats the CPU', zh: '分配风暴：GC 吃掉大量 CPU' },
  summary: {
    en: 'The service allocates short-lived objects so fast (per-request buffers, fmt.Sprintf, boxing, pointer-heavy maps) that the garbage collector runs constantly. The live heap can be flat, but mallocgc, gcBgMarkWorker, scanobject and mark assists take a large share of CPU and add latency. A GOMEMLIMIT set too close to the live heap produces the same picture (GC death spiral).',
    zh: '服务高速分配短命对象（每个请求新建 buffer、fmt.Sprintf、装箱、指针密集的大 map），GC 持续运行。存活堆可能很平稳，但 mallocgc、gcBgMarkWorker、scanobject 和 mark assist 占掉大量 CPU 并拉高延迟。GOMEMLIMIT 设得太贴近存活堆也会出现同样的现象（GC 死亡螺旋）。',
  },
  signals: [
    { source: 'profile', text: 'runtime.mallocgc, runtime.gcBgMarkWorker, runtime.gcDrain, runtime.scanobject, runtime.markroot, runtime.gcAssistAlloc, runtime.memclrNoHeapPointers wide in CPU' },
    { source: 'log', text: 'GODEBUG=gctrace=1 lines "gc N @Ts P%: ..." with a high P% and cycles every few ms' },
    { source: 'profile', text: 'alloc_space / alloc_objects profile: huge totals from one site while inuse_space stays flat' },
    { source: 'metric', text: 'rate(go_gc_duration_seconds_count) many per second, go_memstats_alloc_bytes_total rate in GB/s, latency spikes aligned with GC' },
    { source: 'chat', text: '“GC 太频繁”, “STW 抖动”, “mark assist 拖慢请求”' },
  ],
  alertRules: [],
  relatedAlertRules: ['CPUThrottlingHigh', 'HighCPUUsage', 'GoGCDurationHigh'],
  confusableWith: [
    { classId: 'heap-leak', howToTell: 'heap-leak: inuse_space keeps rising at one site over hours. gc-pressure: inuse is flat, alloc_space and GC CPU are high.' },
    { classId: 'k8s-oomkilled', howToTell: 'OOMKilled is the kernel ending the container at its limit; GC pressure slows the service without killing it (unless GOMEMLIMIT is missing and heap spikes).' },
    { classId: 'cpu-reflection-json', howToTell: 'If encoding/json/reflect frames own the CPU, it is the decoder; if runtime GC frames own it, it is allocation churn.' },
  ],
  runbook: [
    { title: 'Turn on GC tracing for one pod', command: 'kubectl -n $NAMESPACE set env deployment/$DEPLOYMENT GODEBUG=gctrace=1\nkubectl -n $NAMESPACE logs deploy/$DEPLOYMENT --since=2m | grep "^gc " | tail -20', why: 'Cycle frequency and the percentage of CPU spent in GC are printed per cycle.' },
    { title: 'Find the allocation sites', command: 'go tool pprof -sample_index=alloc_space -top http://localhost:6060/debug/pprof/allocs | head -30', why: 'alloc_space ranks code by bytes allocated, which drives GC frequency.' },
    { title: 'Measure GC share of CPU', command: "go tool pprof -seconds 30 -top -focus='runtime\\.(mallocgc|gcBgMarkWorker|scanobject|gcAssistAlloc)' http://localhost:6060/debug/pprof/profile", why: 'Quantifies how much CPU goes to allocation and marking.' },
    { title: 'Check GOGC / GOMEMLIMIT against the container limit', command: 'kubectl -n $NAMESPACE get deploy $DEPLOYMENT -o jsonpath=\'{range .spec.template.spec.containers[*]}{.name}{" "}{.env}{" "}{.resources.limits.memory}{"\\n"}{end}\'', why: 'A memory limit close to the live heap forces near-continuous GC.' },
    { title: 'Find escapes in the hot path', command: "go build -gcflags='-m' ./internal/hotpath/... 2>&1 | grep 'escapes to heap' | sort | uniq -c | sort -rn | head", why: 'Shows which values move to the heap; reuse buffers with sync.Pool or preallocate.' },
  ],
  verification: [
    { name: 'GC cycles per second', promql: 'sum by (pod) (rate(go_gc_duration_seconds_count{job="$JOB"}[5m]))', expect: 'Many cycles per second while the cause is active; a fraction of that after buffers are reused.' },
    { name: 'Allocation rate', promql: 'sum by (pod) (rate(go_memstats_alloc_bytes_total{job="$JOB"}[5m]))', expect: 'Bytes allocated per second should drop at equal traffic.' },
    { name: 'Worst GC pause', promql: 'max by (pod) (go_gc_duration_seconds{job="$JOB", quantile="1"})', expect: 'Pause spikes shrink and stop lining up with latency spikes.' },
  ],
  rollback: [
    'Revert GOGC/GOMEMLIMIT changes with kubectl -n $NAMESPACE set env deployment/$DEPLOYMENT GOGC- GOMEMLIMIT- if memory use rises toward the container limit.',
    'If sync.Pool reuse causes data races or corrupted buffers (reset missing), roll back with kubectl rollout undo and add a reset step.',
    'Remove GODEBUG=gctrace=1 once measurements are done; it is verbose.',
  ],
  examples: [
    `gc 8812 @3012.441s 31%: 0.12+48+0.09 ms clock, 1.9+210/190/0+1.4 ms cpu, 412->431->208 MB, 420 MB goal, 16 P
gc 8813 @3012.702s 31%: 0.10+51+0.11 ms clock, 1.6+204/201/0+1.8 ms cpu, 405->426->209 MB, 417 MB goal, 16 P
gc 8814 @3012.960s 31%: 0.09+47+0.08 ms clock, 1.4+199/187/0+1.3 ms cpu, 408->428->207 MB, 418 MB goal, 16 P`,
    `      flat  flat%   sum%        cum   cum%
     2.91s 14.02% 14.02%      6.80s 32.77%  runtime.mallocgc
     2.13s 10.27% 24.29%      5.02s 24.19%  runtime.scanobject
     1.77s  8.53% 32.82%      1.77s  8.53%  runtime.findObject
     1.20s  5.78% 38.60%      7.44s 35.86%  runtime.gcBgMarkWorker
     0.88s  4.24% 42.84%      0.88s  4.24%  runtime.memclrNoHeapPointers`,
    `CPU is high and about 40% of it goes to the GC. The encoder allocates a fresh 64KB []byte for every message; putting the buffers in a sync.Pool cut GC cycles from 30/s to 2/s.`,
    `We set GOMEMLIMIT=900MiB on a 1Gi container whose live heap is ~850MiB. Since then the collector runs back to back and eats half the CPU: a GC death spiral. Raising the limit or lowering the live heap is needed.`,
    `GC 太频繁了，go_gc_duration_seconds_count 每秒 20 多次，CPU 有三成花在 gcBgMarkWorker 上，堆本身才 200MB，不涨。`,
    `Latency spikes every few seconds line up with GC cycles; the profile shows runtime.gcAssistAlloc inside our request handlers, so mark assist is slowing the request goroutines themselves.`,
    `go tool pprof -sample_index=alloc_space: 48GB allocated in 30s, 61% from bytes.(*Buffer).grow in the log encoder. inuse_space is only 150MB, so nothing leaks; we just churn.`,
    `Heap in use is flat at 300MB but the allocation rate is 2GB/s, and GC takes 25% of CPU.`,
    `runtime.memclrNoHeapPointers is hot because every request does make([]byte, 1<<20) to read the body; most bodies are under 4KB.`,
    `We keep a map[string]*Session with 50M entries. Each GC cycle has to scan the whole map (scanobject), so the mark phase takes ~2s. Switching to a pointer-free layout (map[uint64]uint32 index into a slice) let the GC skip it.`,
    `gctrace shows "(forced)" every second: a library calls debug.FreeOSMemory() on a timer, which triggers a full GC each time.`,
    `GC pause p99 went from 1ms to 30ms after the release that started building log lines with fmt.Sprintf in the hot loop; allocation rate tripled.`,
    `压测时 CPU 70%，profile 一看 runtime.mallocgc + scanobject + gcDrain 加起来 45%，业务逻辑反而不多。大量临时对象，打算用 sync.Pool 复用。`,
    `GOGC=100 with a 50MB live heap means a GC every 50MB of allocation; at 1GB/s that is 20 cycles per second. Setting GOGC=400 and a GOMEMLIMIT reduced GC CPU from 35% to 9%.`,
    `Our service spends a lot of time in runtime.gcBgMarkWorker and runtime.markrootSpans. Memory usage is stable, so it is not a leak; it's churn from converting []byte to string and back for every key.`,
    `The histogram of GC durations (go_gc_duration_seconds) shows the max pause at 80ms; the application allocates 200k small objects per request when it builds the response tree.`,
    `Frequent garbage collection cycles: boxing int values into interface{} in the metrics path (each Observe call allocates). Replaced with typed counters.`,
    `mark assist 很重，请求 goroutine 被拉去帮 GC 标记，p99 抖到 200ms。分配速率 1.5GB/s，要先把热点路径的分配降下来。`,
    `Showing top 10 nodes out of 180 (alloc_objects)
      flat  flat%   sum%        cum   cum%
  81234567 38.12% 38.12%   81234567 38.12%  strconv.FormatInt
  42120013 19.77% 57.89%   42120013 19.77%  strings.(*Builder).grow
  30011201 14.08% 71.97%   30011201 14.08%  encoding/binary.Write`,
    `After bumping the container limit, GC CPU dropped from 40% to 10% — the pod was running with a tiny GOMEMLIMIT inherited from a shared base image.`,
    `runtime: GC is running continuously; heap goal 512MB, live 498MB. Application throughput collapsed while memory stays just under the limit.`,
    `Each request builds a []interface{} of 10k elements for the SQL placeholders; that allocation churn shows up as 30% mallocgc in the profile.`,
    `gc 412 @95.220s 18%: 0.051+220+0.030 ms clock, 0.82+12/440/880+0.48 ms cpu, 1890->1934->1021 MB, 1950 MB goal, 16 P
gc 413 @95.610s 19%: 0.060+230+0.040 ms clock, 0.96+15/460/910+0.64 ms cpu, 1899->1940->1019 MB, 1951 MB goal, 16 P`,
    `垃圾回收频繁导致 CPU 飙高：每条日志都 json.Marshal 一个 map 再转字符串，分配太多。改成预分配 buffer 后 GC 次数降到原来的十分之一。`,
    `The benchmark shows 1843 allocs/op for the hot function. The GC cannot keep up with that at 5k rps, so CPU saturates in the collector rather than in our code.`,
    `A lot of time in runtime.(*mheap).alloc and runtime.(*mcentral).cacheSpan: we allocate large slices (512KB) and throw them away immediately.`,
    `Stop-the-world pauses are not the problem; the concurrent mark phase is. gcBgMarkWorker uses 25% of GOMAXPROCS all the time because a new cycle starts right after the previous one ends.`,
    `Go service with high CPU: pprof shows GC related functions (gcDrain, scanobject, greyobject) at 45%. Reducing pointer fields in the cache entries and reusing slices helped.`,
    `内存不涨但是 CPU 高，gctrace 显示 GC 占 28%，每 100ms 一轮，说明是短命对象太多，不是内存泄漏。`,
    `High GC overhead in the proxy: every frame is copied into a new buffer, and headers are stored in a map[string][]string per request. sync.Pool for frames and header reuse fixed it.`,
    `Our service spends ~35% of its CPU in the garbage collector. Allocation profiling shows millions of tiny allocations per second from converting []byte keys to string for map lookups. The heap itself is small and stable.`,
    `CPU usage doubled after the traffic increase; gctrace shows a collection every 30ms because the live heap is small relative to how fast we allocate. Raising GOGC and reusing buffers brought it back down.`,
    `GC 次数过多导致 CPU 升高：服务每秒分配 1GB 多的临时对象，GC 每秒跑十几次，GODEBUG=gctrace=1 显示 GC 占了 30% 的 CPU。`,
    `Setting a soft memory limit helped nothing because we set it below the live heap; now the runtime collects continuously and throughput dropped by half. Increase GOMEMLIMIT or reduce the live data.`,
    `reduce allocations in the hot path: reuse the scratch slice between iterations and avoid fmt.Sprintf for keys. GC cycles per minute dropped from 900 to 60.`,
    `pprof shows runtime.gcBgMarkWorker using 4 of 16 cores permanently and request goroutines doing mark assist; the allocation rate is what to fix, not the collector.`,
    `Latency p99 spikes correlate with GC pauses (go_gc_duration_seconds max ~40ms). The app creates big pointer-rich structures per request that the GC must scan.`,
    `**Describe the bug**
Since release 0.18 the agent's CPU usage doubled. GODEBUG=gctrace=1 shows a GC every 40ms and about 30% of CPU in the collector; the heap stays around 60MB.

**To Reproduce**
1. Install the chart with default values
2. Watch container CPU

**Expected behavior**
CPU like in 0.17.

**Environment**
- Helm chart version: 0.18.1
- Kubernetes: v1.27.9
- Cloud: GKE`,
  ],
};
