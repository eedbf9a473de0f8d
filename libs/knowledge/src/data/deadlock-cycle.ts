import { type RootCauseEntryInput } from '../knowledge.schema';

export const deadlockCycle: RootCauseEntryInput = {
  id: 'deadlock-cycle',
  title: { en: 'Deadlock: goroutines wait on each other in a cycle', zh: '死锁：goroutine 互相等待形成环' },
  summary: {
    en: 'Two or more goroutines each hold something the other needs (lock A then B vs B then A, a re-entrant RLock while a writer waits, Lock called twice on a non-reentrant mutex, two unbuffered channels waiting on each other) and none can proceed. The program hangs with idle CPU; if every goroutine is blocked the runtime aborts with "fatal error: all goroutines are asleep - deadlock!"; otherwise dumps show the same goroutines in [semacquire, N minutes] forever.',
    zh: '两个或多个 goroutine 各自持有对方需要的东西（先锁 A 再锁 B 与先锁 B 再锁 A、写者等待时重入 RLock、对不可重入的 mutex 重复 Lock、两个无缓冲 channel 互相等待），谁都无法推进。程序挂住而 CPU 空闲；如果所有 goroutine 都阻塞，运行时直接报 "fatal error: all goroutines are asleep - deadlock!"；否则 dump 里同一批 goroutine 永远停在 [semacquire, N minutes]。',
  },
  signals: [
    { source: 'log', text: 'fatal error: all goroutines are asleep - deadlock!' },
    { source: 'go-dump', text: 'the same goroutines in [semacquire, 87 minutes] on sync.(*Mutex).Lock / (*RWMutex).Lock across dumps taken minutes apart; a lock-order inversion between two stacks' },
    { source: 'log', text: 'go-deadlock (sasha-s): POTENTIAL DEADLOCK: Inconsistent locking / Duplicate locking / Previous place where the lock was grabbed' },
    { source: 'metric', text: 'requests stop completing, CPU drops to ~0, liveness probes time out and the pod is restarted' },
    { source: 'chat', text: '“服务卡死了，CPU 为 0”, “死锁，两个锁加锁顺序相反”' },
  ],
  alertRules: [],
  relatedAlertRules: ['KubePodNotReady', 'KubePodCrashLooping'],
  confusableWith: [
    { classId: 'mutex-contention', howToTell: 'Contention: waits are short, different goroutines each time, throughput reduced. Deadlock: the same goroutines wait forever, throughput zero.' },
    { classId: 'goroutine-leak-chan', howToTell: 'A channel leak leaves the program working; a channel deadlock stops it (or the runtime reports all goroutines asleep).' },
  ],
  runbook: [
    { title: 'Dump all goroutines of the hung process', command: "curl -s 'http://localhost:6060/debug/pprof/goroutine?debug=2' > hung.txt || kubectl -n $NAMESPACE exec $POD -- kill -QUIT 1   # SIGQUIT prints all stacks to the container log", why: 'The full dump shows who holds and who waits.' },
    { title: 'List long lock waits', command: "grep -E '^goroutine [0-9]+ \\[(semacquire|sync\\.(RW)?Mutex\\.R?Lock|chan (send|receive)), [0-9]+ minutes\\]' hung.txt | head -50", why: 'Waits lasting minutes on locks or channels are the deadlock participants.' },
    { title: 'Take a second dump and compare', command: "sleep 60; curl -s 'http://localhost:6060/debug/pprof/goroutine?debug=2' > hung2.txt\ndiff <(grep -oE '^goroutine [0-9]+ \\[[a-z ]+' hung.txt) <(grep -oE '^goroutine [0-9]+ \\[[a-z ]+' hung2.txt) | head", why: 'Identical blocked goroutines a minute later mean no progress (deadlock), not contention.' },
    { title: 'Reproduce with the race detector and a deadlock detector', command: 'go test -race -run TestConcurrentUpdate -count=50 ./internal/...\n# temporarily swap sync.Mutex for github.com/sasha-s/go-deadlock in a debug build', why: 'go-deadlock reports inconsistent lock ordering with both stacks.' },
  ],
  verification: [
    { name: 'Request completion rate', promql: 'sum(rate(http_requests_total{job="$JOB"}[5m]))', expect: 'Drops to zero on a hung pod; steady after the fix.' },
    { name: 'CPU while hung', promql: 'sum by (pod) (rate(container_cpu_usage_seconds_total{namespace="$NAMESPACE", container="$CONTAINER"}[5m]))', expect: 'Near zero while deadlocked despite pending requests.' },
    { name: 'Liveness restarts', promql: 'sum by (pod) (increase(kube_pod_container_status_restarts_total{namespace="$NAMESPACE", container="$CONTAINER"}[1h]))', expect: 'Restarts from failed liveness probes stop.' },
  ],
  rollback: [
    'If the new lock ordering causes stale reads or races, roll back with kubectl rollout undo and keep the consistent-order rule documented in the code.',
    'Restart hung pods (kubectl delete pod $POD) as immediate mitigation; this does not fix the cycle.',
    'Remove go-deadlock instrumentation from production builds after diagnosis.',
  ],
  examples: [
    `fatal error: all goroutines are asleep - deadlock!

goroutine 1 [chan send]:
main.main()
	/app/cmd/sync/main.go:42 +0x85
exit status 2`,
    `Transfer(a, b) locks a.mu then b.mu, and Transfer(b, a) running at the same time locks b.mu then a.mu. Both goroutines wait forever; the service stops processing payments and CPU drops to zero.`,
    `服务卡死了，CPU 几乎为 0，dump 出来两个 goroutine 都在 [semacquire, 95 minutes]：一个拿着 userMu 等 orderMu，另一个拿着 orderMu 等 userMu，加锁顺序反了。`,
    `POTENTIAL DEADLOCK: Duplicate locking, saw callers this locks in one goroutine:
github.com/acme/catalog.(*Store).Refresh store.go:120 { s.mu.Lock() }
github.com/acme/catalog.(*Store).reload store.go:188 { s.mu.Lock() } <<<<<
Refresh calls reload while holding s.mu; sync.Mutex is not reentrant.`,
    `goroutine 33 [semacquire, 212 minutes]:
sync.runtime_SemacquireRWMutexR(0xc0002a4118?, 0x0?, 0x0?)
	/usr/local/go/src/runtime/sema.go:82 +0x25
sync.(*RWMutex).RLock(...)
github.com/acme/registry.(*Registry).Lookup(0xc0002a4100, {0xc000418a80, 0x12})
	/src/registry/registry.go:77 +0x5d
goroutine 34 [semacquire, 212 minutes]:
sync.runtime_SemacquireRWMutex(0xc0002a411c?, 0x40?, 0x0?)
sync.(*RWMutex).Lock(0xc0002a4100)
github.com/acme/registry.(*Registry).Register(0xc0002a4100, ...)`,
    `Recursive read locking: Lookup holds RLock and calls resolveAlias, which calls RLock again. If a writer arrives between the two RLock calls, the second RLock blocks behind the writer, and the writer waits for the first RLock: deadlock.`,
    `The process hangs after a few hours. Goroutine dumps taken 10 minutes apart are identical: same goroutines, same stacks, waiting on the same two mutexes. No progress at all.`,
    `fatal error: all goroutines are asleep - deadlock!

goroutine 1 [semacquire]:
sync.runtime_Semacquire(0xc000016098?)
	/usr/local/go/src/runtime/sema.go:62 +0x25
sync.(*WaitGroup).Wait(0x0?)
	/usr/local/go/src/sync/waitgroup.go:116 +0x48
main.run()
	/app/main.go:58 +0x1f9
wg.Add is called for 5 workers but one worker returns early without wg.Done().`,
    `死锁：A 协程持有锁 1 去拿锁 2，B 协程持有锁 2 去拿锁 1，两个都在 semacquire 里睡死了，健康检查超时后 pod 被重启。`,
    `Inconsistent lock ordering between the cache and the DB connection mutex: Put takes cache.mu then conn.mu, while Invalidate (called from the connection callback) takes conn.mu then cache.mu.`,
    `The callback is invoked while the event bus holds its lock, and the callback calls bus.Unsubscribe, which tries to take the same lock. The goroutine deadlocks on itself.`,
    `Liveness probe failed: Get "http://10.2.3.4:8080/healthz": context deadline exceeded. The /healthz handler takes the state lock, which is held forever by a goroutine blocked on the other lock. The app is deadlocked, not slow.`,
    `Two goroutines talk over two unbuffered channels: A sends on toB then reads fromB, B sends on toA then reads fromA. Both block in chan send forever. With other goroutines alive the runtime cannot report it, so the service just hangs.`,
    `POTENTIAL DEADLOCK: Inconsistent locking. saw this ordering in one goroutine:
happened before
pkg/ledger/account.go:51 ledger.(*Account).Debit { a.mu.Lock() }
happened after
pkg/ledger/journal.go:33 ledger.(*Journal).Append { j.mu.Lock() }
in another goroutine: happened in reverse order`,
    `程序 hang 住不动了，所有 goroutine 都在等，最后运行时报 fatal error: all goroutines are asleep - deadlock!，原因是 channel 只有发送没有接收。`,
    `The controller stops reconciling entirely. SIGQUIT dump: the informer handler waits for the work queue lock while the worker holding that lock waits for the informer's store lock.`,
    `Calling Close() from inside the read loop deadlocks: Close waits for the loop to exit (wg.Wait) and the loop waits for Close to return.`,
    `sync.Mutex Lock called twice in the same goroutine — Go mutexes are not reentrant; the second Lock blocks forever. Found it by a goroutine dump showing [sync.Mutex.Lock, 1440 minutes].`,
    `goroutine 17 [sync.Mutex.Lock, 38 minutes]:
sync.runtime_SemacquireMutex(0xc00011c0cc, 0x0, 0x1)
sync.(*Mutex).lockSlow(0xc00011c0c8)
sync.(*Mutex).Lock(...)
github.com/acme/raft.(*node).step(0xc00011c000, ...)
goroutine 18 [sync.Mutex.Lock, 38 minutes]:
sync.(*Mutex).Lock(...)
github.com/acme/raft.(*log).append(0xc0001a0000, ...)
(each holds the lock the other one wants)`,
    `Our tests hang in CI until the 10m timeout: panic: test timed out after 10m0s, and the dump shows two goroutines in semacquire waiting on each other's mutex (lock order inversion in Sync()).`,
    `Hang on shutdown: Stop() takes the server mutex and waits for handlers to finish; a handler in flight needs the same mutex to record stats. Deadlock cycle between stop and the handler.`,
    `两个 goroutine 循环等待：一个持有读锁等 channel，另一个要往 channel 发数据之前先要拿写锁。线上表现就是整个服务不响应，CPU 0%。`,
    `fatal error: all goroutines are asleep - deadlock!

goroutine 1 [chan receive]:
main.main()
	/src/main.go:27 +0xc5

goroutine 6 [chan send]:
main.worker(0xc000022060, 0xc0000220c0)
	/src/main.go:14 +0x5d`,
    `Deadlock between the leader election lock and the config lock: the election callback needs the config lock, and config reload holds it while waiting for leadership status.`,
    `No progress, no CPU, no errors: the pipeline stage waits for downstream capacity while downstream waits for the stage to release the shared semaphore. A classic circular wait.`,
    `The app freezes under load and never recovers: goroutine A holds mu1 and calls a function that locks mu2, while goroutine B holds mu2 and calls back into code that locks mu1.`,
    `Fix deadlock: Close() acquired the connection lock and then waited for the reader goroutine to exit, but the reader needed the same lock to deliver its last message.`,
    `We hit a hang where every goroutine waits in semacquire for over an hour; two of them hold the locks the other needs. Reordered the locking so both paths take the registry lock first.`,
    `Reentrant locking bug: handleEvent holds s.mu and calls s.update(), which calls s.mu.Lock() again. Go mutexes are not reentrant, so the goroutine blocks on itself forever.`,
    `死锁排查：SIGQUIT 打出所有 goroutine 栈，发现两个 goroutine 分别持有 A、B 两把锁并等待对方，加锁顺序不一致。`,
    `go test hangs: fatal error: all goroutines are asleep - deadlock! — the test sends on an unbuffered channel before starting the receiver goroutine.`,
    `The process stops making progress entirely (0% CPU, no logs) after a config reload: the reload takes the config write lock and waits for in-flight requests, which are waiting for the config read lock.`,
    `**Describe the bug**
The server hangs after a few hours under load and stops answering even health checks. A SIGQUIT dump shows two goroutines waiting on each other's mutex for over an hour (lock order inversion between Store.Put and Store.Compact).

**To Reproduce**
1. Run writes and compaction concurrently

**Expected behavior**
No hang.

**Environment**
- Version: 0.7.3
- Go version: go1.21.5
- OS: Ubuntu 20.04`,
  ],
};
