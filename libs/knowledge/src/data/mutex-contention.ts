import { type RootCauseEntryInput } from '../knowledge.schema';

export const mutexContention: RootCauseEntryInput = {
  id: 'mutex-contention',
  title: { en: 'Lock contention on a sync.Mutex / RWMutex', zh: '锁竞争：goroutine 排队等 sync.Mutex / RWMutex' },
  summary: {
    en: 'Many goroutines queue on the same sync.Mutex or RWMutex: a global lock around a hot map, a lock held across I/O or a slow call, a writer starving readers. Work still progresses, but latency rises and throughput stops scaling with cores. Goroutine dumps show many [semacquire] goroutines under sync.(*Mutex).Lock; the mutex and block profiles rank the lock by delay.',
    zh: '大量 goroutine 排队等同一把 sync.Mutex 或 RWMutex：热点 map 外面包了一把全局锁、持锁期间做 I/O 或慢调用、写锁饿死读锁。系统仍在推进，但延迟升高、吞吐不随核数增长。goroutine dump 里大量 [semacquire]，栈在 sync.(*Mutex).Lock；mutex/block profile 按等待时间把这把锁排在最前。',
  },
  signals: [
    { source: 'go-dump', text: 'hundreds of goroutines [semacquire] in sync.runtime_SemacquireMutex / sync.(*Mutex).lockSlow / sync.(*RWMutex).RLock, short wait times, one goroutine holding the lock doing I/O' },
    { source: 'profile', text: 'mutex profile (contentions/delay) or block profile dominated by one Lock call site; runtime.futex / runtime.lock2 in CPU' },
    { source: 'metric', text: 'p99 latency rises with concurrency while CPU is under-used; throughput flat when adding replicas/cores' },
    { source: 'chat', text: '“锁竞争严重”, “全局锁”, “RWMutex 写锁饿死”' },
  ],
  alertRules: [],
  relatedAlertRules: ['HighRequestLatency', 'GoroutineCountHigh'],
  confusableWith: [
    { classId: 'deadlock-cycle', howToTell: 'With contention the lock holder finishes and waits last seconds; in a deadlock the waits never end (minutes/hours, same goroutines) or the runtime reports all goroutines asleep.' },
    { classId: 'goroutine-leak-chan', howToTell: 'Channel leaks park in chan send/receive/select; lock waits park in semacquire under sync.Mutex.' },
    { classId: 'cpu-throttling', howToTell: 'Throttling shows cfs_throttled periods; contention shows semacquire and mutex profile delay with idle CPU.' },
  ],
  runbook: [
    { title: 'Enable and fetch the mutex profile', command: "curl -s 'http://localhost:6060/debug/pprof/mutex?seconds=30' > mutex.pb.gz   # needs runtime.SetMutexProfileFraction(5) in main\ngo tool pprof -top mutex.pb.gz | head -20", why: 'Ranks lock call sites by time other goroutines spent waiting.' },
    { title: 'Fetch the block profile', command: "curl -s 'http://localhost:6060/debug/pprof/block?seconds=30' > block.pb.gz   # needs runtime.SetBlockProfileRate(10000)\ngo tool pprof -top block.pb.gz | head -20", why: 'Shows where goroutines block, including sync.Cond and channel waits, for comparison.' },
    { title: 'Count goroutines waiting on locks', command: "curl -s 'http://localhost:6060/debug/pprof/goroutine?debug=2' | grep -A8 '\\[semacquire' | grep -E 'sync\\.\\(\\*(RW)?Mutex\\)' | sort | uniq -c | sort -rn", why: 'Many semacquire waiters under one Lock confirm the hot lock.' },
    { title: 'Find what the holder does under the lock', command: "go tool pprof -list '$FUNCTION' http://localhost:6060/debug/pprof/profile?seconds=30", why: 'I/O or heavy work between Lock and Unlock is the thing to move out or shard.' },
  ],
  verification: [
    { name: 'p99 latency', promql: 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="$JOB"}[5m])))', expect: 'High and rising with concurrency before; lower and flat after sharding or shrinking the critical section.' },
    { name: 'Goroutines waiting', promql: 'max by (pod) (go_goroutines{job="$JOB"})', expect: 'Queue of waiting goroutines shrinks.' },
    { name: 'Throughput per core', promql: 'sum(rate(http_requests_total{job="$JOB"}[5m])) / sum(rate(container_cpu_usage_seconds_total{namespace="$NAMESPACE", container="$CONTAINER"}[5m]))', expect: 'Requests per CPU second increases once goroutines stop queueing.' },
  ],
  rollback: [
    'If sharding the lock or switching to atomics introduces data races (go test -race fails, inconsistent reads), roll back with kubectl rollout undo.',
    'Disable mutex/block profiling again (SetMutexProfileFraction(0)) if its overhead is noticeable.',
  ],
  examples: [
    `goroutine profile: total 2214
1987 @ 0x43d8d6 0x44f1a5 0x44f17c 0x46b2e7 0x47ab05 0x8f21d3 0x8f1e4a 0x6d4f2e 0x46f101
#	0x46b2e6	sync.runtime_SemacquireMutex+0x26	/usr/local/go/src/runtime/sema.go:77
#	0x47ab04	sync.(*Mutex).lockSlow+0x164	/usr/local/go/src/sync/mutex.go:171
#	0x8f21d2	github.com/acme/ratelimit.(*Limiter).Allow+0x52	/src/ratelimit/limiter.go:64`,
    `All requests go through a single global mutex that protects the session map. Under load, p99 jumps from 5ms to 400ms while CPU stays at 30%. The mutex profile puts (*SessionStore).Get at 92% of delay.`,
    `锁竞争严重：一个全局 map 外面包了一把 sync.Mutex，每个请求都要加锁，持锁期间还调用了 Redis，压测时 goroutine 全在 semacquire 排队。`,
    `The indexer keeps its table lock while recomputing aggregates for lagging subscribers, so every read and write waits behind it for hundreds of milliseconds. Doing the recomputation outside the critical section fixed the latency spikes.`,
    `(pprof) top  (mutex profile, delay)
      flat  flat%   sum%        cum   cum%
    48.21s 87.32% 87.32%     48.21s 87.32%  sync.(*Mutex).Unlock
     4.02s  7.28% 94.60%      4.02s  7.28%  sync.(*RWMutex).Unlock
         0     0% 94.60%     48.21s 87.32%  github.com/acme/metrics.(*Registry).Observe`,
    `RWMutex writer starvation: a background job takes the write lock every second and holds it for 300ms while rebuilding the index, and every reader queues behind it in RLock.`,
    `goroutine 5521 [semacquire]:
sync.runtime_SemacquireMutex(0xc0001d40a4, 0x0, 0x1)
	/usr/local/go/src/runtime/sema.go:77 +0x25
sync.(*Mutex).lockSlow(0xc0001d40a0)
	/usr/local/go/src/sync/mutex.go:171 +0x165
sync.(*Mutex).Lock(...)
github.com/acme/pool.(*Pool).Get(0xc0001d4000)
	/src/pool/pool.go:88 +0x4e
... 800 more goroutines with the same stack, each waiting only a few ms`,
    `Throughput doesn't scale past 4 cores: adding cores makes it slower. The block profile shows sync.(*Mutex).Lock in the logger; every log line takes a global lock around the writer.`,
    `加机器 QPS 也上不去，CPU 只用了一半，mutex profile 看到 cache.(*LRU).Get 里的锁等待最长，LRU 的 Get 也要写锁（要更新链表），改成分片 LRU。`,
    `Contention on the connection pool mutex: every Get/Put takes the same lock and we do 200k ops/s. Sharding the pool by CPU (per-P pools) removed the contention.`,
    `The hot path uses sync.Mutex to increment a counter. With 64 cores this single cache line and lock is the bottleneck; atomic.Int64 (or per-shard counters) is the fix.`,
    `Lock held across network I/O: (*Client).Refresh takes c.mu, calls the token endpoint (~200ms), then unlocks. Every request needs c.mu.RLock to read the token, so they all wait.`,
    `runtime.futex and runtime.lock2 are high in the CPU profile, and the mutex profile shows 60s of delay per 30s sample on the scheduler's queue lock.`,
    `goroutine dump 里大概 1000 个 goroutine 在 [semacquire]，都是 sync.(*RWMutex).RLock，持有写锁的那个 goroutine 在做磁盘 fsync，每次 200ms。`,
    `Many goroutines are blocked in acl.(*Checker).allowed waiting for a read lock while a token refresh holds the write lock; request latency grows proportionally to the number of clients.`,
    `We enabled runtime.SetMutexProfileFraction(5). The mutex profile shows config.(*Manager).Current as the top contended lock: it takes a full Lock just to return a pointer. Switched to atomic.Pointer.`,
    `p99 latency jumps when concurrency goes from 50 to 200, CPU usage stays at 40%. The goroutine dump shows most goroutines in semacquire on the same mutex in the rate limiter.`,
    `High lock contention in the metrics library: every Observe takes a mutex on the histogram. 150 goroutines observing the same histogram serialize on it.`,
    `缓存读多写少却用了 sync.Mutex，读也互斥，改成 RWMutex 之后还是慢，最后用 sync.Map + 分段锁解决。`,
    `block profile:
      flat  flat%   sum%        cum   cum%
   912.4s 96.10% 96.10%    912.4s 96.10%  sync.(*Mutex).Lock
         0     0% 96.10%    912.4s 96.10%  github.com/acme/store.(*DB).Put
         0     0% 96.10%    630.1s 66.37%  github.com/acme/api.(*Handler).Write`,
    `Writes are serialized by a mutex held while the whole batch is encoded and written to disk. Encoding outside the lock and only appending under the lock gives a 5x throughput improvement.`,
    `Every gRPC call takes the channel-wide mutex to pick a sub-connection; with thousands of concurrent streams this lock is the top entry of the contention profile.`,
    `Latency degrades as the number of watchers grows because each event delivery takes the hub lock and loops over all watchers while holding it.`,
    `压测 profile：sync.(*Mutex).Lock 的 delay 占 80%，所有 handler 都在抢 stats 结构体上的锁，改成 atomic 计数后 p99 从 120ms 降到 8ms。`,
    `Contention: sync.(*RWMutex).Lock in the route table update is called for every config push (hundreds per second), and readers (every request) wait behind pending writers.`,
    `The service is slow but not stuck: goroutines in semacquire come and go, the dump two seconds later shows different goroutine IDs waiting on the same lock. Classic contention rather than a deadlock.`,
    `Lock contention in the in-memory store: every read and write takes the same sync.RWMutex write lock because Get also updates the access time. Throughput is flat from 4 to 32 cores.`,
    `The session store keeps its only mutex while it serialises the whole snapshot to disk every few seconds; every request that needs a session waits for it, so p99 jumps to hundreds of milliseconds.`,
    `Contended mutex in the logger: all goroutines serialize on the writer lock; the block profile shows 90% of blocking time in sync.(*Mutex).Lock from log.(*Logger).Output.`,
    `goroutine profile: total 4312
4108 @ 0x43b896 0x44c8d8 0x44c8b4 0x468fe9 0x47f0c5 0x7a8c2e 0x46f101
#	0x468fe8	sync.runtime_SemacquireMutex+0x28
#	0x47f0c4	sync.(*RWMutex).RLock+0x84
#	0x7a8c2d	github.com/acme/geo.(*Index).Lookup+0x2d
(a background rebuild holds the write lock for 200ms every few seconds)`,
    `锁粒度太粗：整个 map 一把大锁，读写都要抢，压测时大部分 goroutine 在 sync.(*Mutex).Lock 上等待，延迟飙升但 CPU 不高。`,
    `Sharded the cache into 64 buckets with their own locks. Before, one mutex guarded everything and contention dominated request latency under load.`,
    `**Describe the bug**
Throughput stops scaling past 8 cores. The mutex profile shows most delay in a single sync.Mutex guarding the metrics registry, taken on every request.

**To Reproduce**
1. Run the benchmark with -cpu 2,4,8,16

**Expected behavior**
Throughput scales with cores.

**Environment**
- Version: v1.12.0
- Go version: go1.22.2
- OS: linux/amd64, 32 cores`,
  ],
};
