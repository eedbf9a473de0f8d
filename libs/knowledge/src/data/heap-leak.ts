import { type RootCauseEntryInput } from '../knowledge.schema';

export const heapLeak: RootCauseEntryInput = {
  id: 'heap-leak',
  title: { en: 'Heap leak: live memory grows at one allocation site', zh: '内存泄漏：存活堆在某个分配点持续增长' },
  summary: {
    en: 'Objects stay reachable forever: an unbounded cache or map without eviction, a slice that is appended to and never trimmed, per-key state that is never deleted, a sub-slice pinning a large buffer, label cardinality growing in a metrics registry. inuse_space rises steadily at one site across heap profiles, memory never returns after traffic drops, and eventually the process hits its limit.',
    zh: '对象永远可达：没有淘汰的缓存或 map、只增不减的 slice、从不删除的按 key 状态、小切片引用大 buffer、指标标签基数不断增长。多次 heap profile 的 inuse_space 在同一处稳定上涨，流量下降后内存也不回落，最终撞到上限。',
  },
  signals: [
    { source: 'profile', text: 'heap profile (inuse_space) diff with -base: one allocation site (map insert, append, cache Set) keeps growing' },
    { source: 'metric', text: 'go_memstats_heap_inuse_bytes / process_resident_memory_bytes sawtooth trending up for hours or days, not returning after load drops' },
    { source: 'log', text: '"fatal error: runtime: out of memory" after days of uptime; memory grows until restart' },
    { source: 'chat', text: '“内存一直涨不回落”, “重启后恢复，几天后又满”' },
  ],
  alertRules: ['ContainerMemoryUsageGrowing', 'GoHeapInuseGrowing'],
  relatedAlertRules: ['KubePodCrashLooping', 'KubernetesContainerOomKiller', 'HostOutOfMemory', 'KubeMemoryOvercommit'],
  confusableWith: [
    { classId: 'k8s-oomkilled', howToTell: 'OOMKilled describes the kill; if the text shows steady growth at one allocation site (heap profile, days of growth), the root cause is the leak.' },
    { classId: 'gc-pressure', howToTell: 'gc-pressure: high allocation rate with a flat live heap. heap-leak: live heap keeps growing.' },
    { classId: 'goroutine-leak-chan', howToTell: 'If memory grows because goroutines pile up (go_goroutines rising), it is a goroutine leak; heap-leak shows growth in heap objects with a stable goroutine count.' },
  ],
  runbook: [
    { title: 'Take two heap profiles some time apart', command: 'curl -s http://localhost:6060/debug/pprof/heap > heap1.pb.gz\nsleep 600\ncurl -s http://localhost:6060/debug/pprof/heap > heap2.pb.gz', why: 'The difference between two snapshots isolates what keeps growing.' },
    { title: 'Diff them by inuse_space', command: 'go tool pprof -sample_index=inuse_space -top -base heap1.pb.gz heap2.pb.gz | head -25', why: 'The site with the largest positive delta is the leak candidate.' },
    { title: 'Show the growing call path', command: "go tool pprof -sample_index=inuse_space -base heap1.pb.gz -peek '$FUNCTION' heap2.pb.gz", why: 'Names the map, cache or slice that retains objects.' },
    { title: 'Check the memory trend against restarts', command: "kubectl -n $NAMESPACE top pod -l app=$APP --containers\nkubectl -n $NAMESPACE get pod -l app=$APP -o custom-columns=NAME:.metadata.name,RESTARTS:.status.containerStatuses[0].restartCount", why: 'A leak shows memory climbing between restarts regardless of traffic.' },
    { title: 'Verify the bound after the fix with a soak test', command: "go test -run TestCacheBounded -count=1 -v ./internal/cache/...", why: 'A test that inserts many distinct keys proves eviction works.' },
  ],
  verification: [
    { name: 'Heap in use trend', promql: 'deriv(go_memstats_heap_inuse_bytes{job="$JOB"}[2h])', expect: 'Positive slope for hours while leaking; around zero after the fix.' },
    { name: 'Live heap objects', promql: 'max by (pod) (go_memstats_heap_objects{job="$JOB"})', expect: 'Grows without bound while leaking; plateaus once the cache is bounded.' },
    { name: 'Container working set', promql: 'max by (pod) (container_memory_working_set_bytes{namespace="$NAMESPACE", container="$CONTAINER"})', expect: 'Sawtooth trending up toward the limit before; flat band after.' },
  ],
  rollback: [
    'If the new eviction policy drops entries that are still needed (hit ratio falls, backend load rises), roll back with kubectl rollout undo and revisit the size/TTL.',
    'As a stopgap keep a scheduled restart or higher memory limit until the fix ships, and remove it afterwards.',
    'Compare heap profiles after rollback to confirm the previous baseline.',
  ],
  examples: [
    `Showing nodes accounting for 1.21GB, 96.11% of 1.26GB total (inuse_space, -base heap-0900.pb.gz)
      flat  flat%   sum%        cum   cum%
    1.02GB 80.95% 80.95%     1.02GB 80.95%  github.com/acme/session.(*Store).Put
    0.11GB  8.73% 89.68%     0.11GB  8.73%  bufio.NewReaderSize
    0.08GB  6.43% 96.11%     0.08GB  6.43%  github.com/acme/session.newEntry`,
    `Memory grows by roughly 200MB per day and never comes back down, even at night when traffic is near zero. A heap profile diff points at the in-memory dedup map: we add a key per request ID and never delete it.`,
    `内存一直涨不回落，重启后恢复，过三四天又涨满。对比两次 heap profile，inuse_space 增量全在 cache.(*LRU).Add，看了下淘汰逻辑根本没生效。`,
    `The LRU wrapper never calls RemoveOldest because the size check uses the wrong field, so the cache is effectively unbounded and the live heap follows the number of distinct users.`,
    `fatal error: runtime: out of memory after 6 days of uptime. go_memstats_heap_inuse_bytes climbs in a straight line the whole time.`,
    `Goroutine count is stable at ~300, but heap objects increase by 1M per hour. The per-connection stats struct is registered in a global map on connect and never removed on disconnect.`,
    `We use time.After inside a hot select loop; each call creates a timer that is not collected until it fires (1h). With 10k iterations/s that is a lot of retained timers; memory grows for an hour, then plateaus very high.`,
    `Prometheus client registry grows forever: we use the request path (with IDs in it) as a label value, so every new ID creates a new series and the process memory grows until it is killed.`,
    `heap profile 对比结果：inuse_space 增长 800MB，全部来自 append 到全局的 auditEvents slice，只加不清。`,
    `Small sub-slices keep the whole 4MB read buffer alive: we take buf[10:42] as a map key (converted via unsafe) and store it forever. Copying the 32 bytes fixed the leak.`,
    `Container memory graph is a staircase: every deploy resets it, then it climbs ~50MB/hour. inuse_space diff shows proto.Clone under our cache refresh, the old entries are kept in a second map by mistake.`,
    `The sync.Map used for request dedup has entries stored but the Delete call was lost in a refactor. After a week the pod reaches the 4Gi limit.`,
    `memory leak: ristretto-like cache with TTL keeps expired keys in the expiration bucket map; with long TTLs nothing is ever removed from it.`,
    `服务 RSS 从 300M 涨到 3G，用 go tool pprof -base 比了一下，是 websocket 连接断开后订阅表没删，订阅对象一直被 map 引用。`,
    `Unbounded growth of the pending-acks map when the downstream never acknowledges: entries are only removed on ack, never on timeout.`,
    `ContainerMemoryUsageGrowing firing for billing-worker: working set +1.4GiB over 24h with flat traffic. Heap profile attached, top inuse site is ledger.(*Index).insert.`,
    `We found the leak with two heap snapshots 30 minutes apart: (pprof) top -base shows +600MB in encoding/gob.(*Decoder).compileDec — a new gob.Decoder per message registers types in a global cache that is never cleared.`,
    `Memory leak in the tracing exporter: spans are queued when the collector is unreachable and the queue has no max size.`,
    `每个请求都往全局 map 里塞一个 context 的引用做调试，忘了删，内存泄漏，inuse_objects 稳定上涨。`,
    `The heap grows linearly with the number of processed files; each file's parsed AST is appended to a package-level slice used only for a debug endpoint.`,
    `go_memstats_heap_inuse_bytes went from 400MB to 2.9GB over 3 days. It is not GC pressure (GC CPU < 5%); the objects are live. pprof points to metrics.(*histogramVec).With with unbounded label values.`,
    `Fix memory leak in the connection pool: closed connections were kept in the "all" slice for stats, so their buffers (64KB each) were never freed.`,
    `The RSS of the process keeps increasing after the upgrade; heap profile inuse_space shows 70% retained by bytes.makeSlice from the response cache, which stores full bodies without any size limit.`,
    `线上 Go 服务内存泄漏排查：heap profile inuse_space 排第一的是 regexp 缓存？不是，是我们自己的 map[string]*compiled，key 带了时间戳，永远不会命中也不会删除。`,
    `Memory keeps growing until the node runs out. We tracked it to the retry queue: failed jobs are re-enqueued with the full payload and never dropped after max attempts.`,
    `The cache has no eviction, and keys include the user-agent string. With bots generating random user agents the map grew to 30M entries.`,
    `inuse_space diff (2h apart): +1.1GB github.com/acme/feed.(*Aggregator).merge — the aggregator keeps every historical window instead of only the last 24.`,
    `Leaking memory after client disconnects: the per-stream buffer is held by a closure registered as a callback on a global event bus and never unregistered.`,
    `堆内存泄漏，监控上看 heap_inuse 斜线上涨，跟 QPS 无关，每次发版重启才降，怀疑本地缓存没设置容量上限。`,
    `After enabling the new feature flag, heap in use doubles every 12 hours. Two heap dumps show millions of *model.Snapshot objects kept by the undo history slice, which has no cap.`,
    `After running the load test for an hour the in-use heap is 10x larger than at the start and stays there when the load stops. The map used for rate limiting keeps an entry per client IP forever.`,
    `Memory usage keeps growing in production; pprof in-use space points at the LRU wrapper, which never evicts because its max size is read as zero from the config, meaning "unlimited".`,
    `Fix a leak: the per-request span context was stored in a global slice for debugging and never cleared. Heap grows linearly with request count.`,
    `Our exporter's memory grows with every scrape because each scrape registers new metric label combinations (timestamps in labels) and old series are never deleted from the registry.`,
    `内存缓慢上涨，几天就到 limit，pprof heap 看 inuse_space 第一名是 sessions map 的插入，登出时没有删除会话。`,
    `The heap keeps growing because we cache compiled templates by their full text, and the text includes a per-request nonce, so every request adds a new entry that is never reused or removed.`,
    `Memory leak in the websocket hub: the clients map holds every connection ever made because unregister is only called on clean close, not on error.`,
    `**Describe the bug**
Memory of the operator grows continuously (about 1GB per day) until the pod is restarted; heap profiles show informer caches for deleted namespaces are never released.

**To Reproduce**
1. Deploy the chart with default values
2. Create and delete namespaces for a few hours

**Expected behavior**
Memory stays flat.

**Environment**
- Kubernetes version: v1.28.3
- Helm chart version: 4.2.1
- OS: Ubuntu 22.04`,
  ],
};
