import { type RootCauseEntryInput } from '../knowledge.schema';

export const goroutineLeakChan: RootCauseEntryInput = {
  id: 'goroutine-leak-chan',
  title: { en: 'Goroutine leak: blocked forever on a channel or select', zh: 'goroutine 泄漏：永远阻塞在 channel / select 上' },
  summary: {
    en: 'Goroutines are started and then park forever on a channel send, receive or select that nobody will ever complete: a worker sends its result to an unbuffered channel after the caller timed out and left, a consumer ranges over a channel that is never closed, a subscriber ignores context cancellation. The process keeps running, but go_goroutines climbs with traffic and memory follows.',
    zh: 'goroutine 启动后永远停在没人会完成的 channel 发送、接收或 select 上：调用方超时返回后，worker 还往无缓冲 channel 里发结果；消费者 range 一个永不关闭的 channel；订阅者不响应 context 取消。进程仍在运行，但 go_goroutines 随流量持续上涨，内存跟着涨。',
  },
  signals: [
    { source: 'go-dump', text: 'goroutine N [chan send, 43 minutes] / [chan receive, 2 hours] / [select, 1440 minutes] repeated thousands of times with the same stack' },
    { source: 'profile', text: 'goroutine profile (debug=1): "12034 @ ..." with runtime.gopark, runtime.chansend1 / runtime.chanrecv1 / runtime.selectgo' },
    { source: 'metric', text: 'go_goroutines rising steadily with request count, never coming back down' },
    { source: 'log', text: 'goleak: found unexpected goroutines in tests' },
    { source: 'chat', text: '“协程数一直涨”, “goroutine 泄漏，卡在 chan receive”' },
  ],
  alertRules: ['GoroutineCountHigh', 'GoGoroutinesHigh', 'TooManyGoroutines'],
  relatedAlertRules: ['ContainerMemoryUsageGrowing'],
  confusableWith: [
    { classId: 'deadlock-cycle', howToTell: 'A deadlock stops progress (often "all goroutines are asleep" or a lock cycle); a channel leak leaves the service working while parked goroutines accumulate.' },
    { classId: 'goroutine-leak-netread', howToTell: 'Leaked goroutines in [IO wait] / net.(*conn).Read are network reads without deadline; [chan send/receive] / [select] are channel leaks.' },
    { classId: 'mutex-contention', howToTell: 'Goroutines in [semacquire] under sync.(*Mutex).Lock are waiting for a lock, not a channel.' },
    { classId: 'heap-leak', howToTell: 'Memory grows because stacks and captured objects of parked goroutines stay alive; go_goroutines rising is the tell.' },
  ],
  runbook: [
    { title: 'Count goroutines by state', command: "curl -s 'http://localhost:6060/debug/pprof/goroutine?debug=2' > goroutines.txt\ngrep -oE '^goroutine [0-9]+ \\[[^],]+' goroutines.txt | sed 's/goroutine [0-9]* //' | sort | uniq -c | sort -rn", why: 'Thousands in chan send/receive or select point to a channel leak.' },
    { title: 'Group identical stacks', command: "curl -s 'http://localhost:6060/debug/pprof/goroutine?debug=1' | head -60", why: 'debug=1 aggregates identical stacks with a count; the biggest group names the leaking function.' },
    { title: 'Compare two goroutine profiles', command: "go tool pprof -top -base http://localhost:6060/debug/pprof/goroutine http://localhost:6060/debug/pprof/goroutine", why: 'The stack whose count keeps growing between snapshots is the leak.' },
    { title: 'Reproduce in a test with goleak', command: 'go test -run TestSubscribe -count=1 -v ./internal/pubsub/...   # test calls goleak.VerifyNone(t)', why: 'A failing goleak check proves the fix (buffered channel, ctx.Done() in select, close on exit).' },
  ],
  verification: [
    { name: 'Goroutine count', promql: 'max by (pod) (go_goroutines{job="$JOB"})', expect: 'Climbs with traffic while leaking; stable plateau after the fix.' },
    { name: 'Goroutine growth rate', promql: 'deriv(go_goroutines{job="$JOB"}[1h])', expect: 'Positive for hours before; near zero after.' },
    { name: 'Memory that follows the goroutines', promql: 'max by (pod) (container_memory_working_set_bytes{namespace="$NAMESPACE", container="$CONTAINER"})', expect: 'Stops trending up once goroutines are released.' },
  ],
  rollback: [
    'If adding cancellation drops results that callers still expect, roll back with kubectl rollout undo and buffer the channel instead.',
    'Keep goleak in the package tests so the leak cannot return.',
    'Restart the affected pods once after the fix to release the goroutines already leaked.',
  ],
  examples: [
    `goroutine 88213 [chan send, 43 minutes]:
github.com/acme/search.(*Fanout).query.func1()
	/src/search/fanout.go:74 +0x11c
created by github.com/acme/search.(*Fanout).query in goroutine 88190
	/src/search/fanout.go:68 +0x1e5

goroutine 88214 [chan send, 43 minutes]:
github.com/acme/search.(*Fanout).query.func1()
	/src/search/fanout.go:74 +0x11c`,
    `The caller returns on ctx timeout, but the worker goroutine still tries to send its result on an unbuffered channel that nobody reads anymore. Each timed-out request leaks one goroutine; go_goroutines went from 400 to 90k in a day.`,
    `协程数一直涨，dump 出来几万个 goroutine 都卡在 [chan receive, 300 minutes]，是订阅者 range 一个永远不会 close 的 channel。`,
    `goroutine profile: total 51244
50871 @ 0x43b8b6 0x40732d 0x406ef8 0x8c2a4f 0x46f101
#	0x8c2a4e	github.com/acme/notify.(*Hub).deliver+0x8e	/src/notify/hub.go:131`,
    `When a client disconnects, the streaming handler keeps waiting in select on the events channel because it never checks ctx.Done(). Every reconnect adds one more parked goroutine.`,
    `goleak: Errors on successful test run: found unexpected goroutines:
[Goroutine 23 in state chan receive, with github.com/acme/queue.(*Consumer).loop on top of the stack:
github.com/acme/queue.(*Consumer).loop(0xc0001a2000)
	/src/queue/consumer.go:52 +0x6d`,
    `GoroutineCountHigh firing: go_goroutines{job="ingest"} = 184233 (threshold 10000). Memory of the pods grows along with it.`,
    `goroutine 4021 [select, 1440 minutes]:
github.com/acme/cache.(*Refresher).run(0xc000312000)
	/src/cache/refresher.go:88 +0x1b4
created by github.com/acme/cache.NewRefresher
	/src/cache/refresher.go:40 +0x13e
A new Refresher is created per request and never stopped, each one waits forever in select.`,
    `Fix goroutine leak: use a buffered channel of size 1 for the result so the producer can always complete its send even if the consumer already gave up.`,
    `goroutine 泄漏排查：pprof goroutine?debug=1 看到 3 万个相同栈，runtime.chansend1 -> worker.(*Pool).submit，worker 已经退出但还在往任务 channel 发。`,
    `Memory grows over time and the number of goroutines too; it looks like every call to Watch() starts a goroutine that blocks on a channel receive after the watcher is closed, because the channel is never closed on Stop().`,
    `errgroup with a results channel: when one task fails the group context is cancelled, but the other tasks are blocked sending to the results channel because the reader has stopped reading. They never exit.`,
    `After about 3 days we have 120k goroutines, almost all "[chan receive]" inside github.com/acme/bus.(*Subscriber).wait. Nobody unsubscribes on connection close.`,
    `go_goroutines 曲线一路向上，和 QPS 成正比，从不回落，heap 也跟着涨。goroutine dump 里绝大多数是 [select] 状态，卡在 time.After 和 resultCh 的 select 上。`,
    `A goroutine is spawned per message to forward it to a channel; when the downstream consumer is slow those goroutines block in chan send and pile up to hundreds of thousands.`,
    `goroutine 1902 [chan receive (nil chan)]:
github.com/acme/stream.(*Reader).next(...)
	/src/stream/reader.go:210
The channel is nil because Init was never called, so the receive blocks forever; one goroutine leaks per stream.`,
    `pprof shows 7412 goroutines parked in runtime.gopark -> runtime.chanrecv -> jobs.(*Runner).waitForResult. The job results are sent only on success; on error nothing is sent and the waiter blocks forever.`,
    `Leaking goroutines in the HTTP handler: it starts a goroutine to compute the response and selects on the result or r.Context().Done(). On cancel it returns, and the compute goroutine blocks forever on the unbuffered send.`,
    `协程泄漏：for-select 里没有 case <-ctx.Done()，服务停止订阅后这些 goroutine 永远阻塞。`,
    `goroutine 77 [chan send]:
main.producer(0xc000020060)
	/app/main.go:19 +0x4b
created by main.main
	/app/main.go:33 +0x7c
(thousands of these; consumer returned early after the first error)`,
    `The number of goroutines increases by exactly one for each gRPC stream that is closed by the client. They are all blocked on ch <- msg in the fan-out writer.`,
    `Heap profile shows growth but the real cause is goroutines: each leaked goroutine keeps its 8KB stack and a 64KB buffer. go_goroutines 2k -> 60k over 6 hours, [chan receive] in all of them.`,
    `Timer goroutines pile up: we start go func(){ <-done; cleanup() }() per request, but done is only closed on the success path.`,
    `PR: add ctx.Done() to the select in dispatcher loop. Before this, the dispatcher goroutine per tenant stayed alive after the tenant was removed, blocked in select forever.`,
    `线上 goroutine 从几百涨到二十万，dump 里全是 chan send，原因是结果 channel 无缓冲，调用方超时先走了，发送方永远阻塞。`,
    `goroutine 31337 [select, 92 minutes]:
github.com/acme/ws.(*Client).pump(0xc0004c8000)
	/src/ws/client.go:143 +0x25a
The client was removed from the hub but pump still waits on its send channel, which is never closed.`,
    `Goroutines started for each subscription never exit: they range over a channel that is only closed on shutdown. After a week the process has 400k goroutines and 6GB of memory.`,
    `fix(watcher): return when the context is done. The watch goroutine was blocked forever in a select on the event channel after the client disconnected, leaking one goroutine per watch.`,
    `go_goroutines climbs by a few hundred every hour: the streaming endpoint keeps one goroutine per client waiting on an events channel long after the client has gone.`,
    `goroutine profile shows 35k goroutines with the stack runtime.gopark / runtime.chanrecv1 / (*Batcher).wait. The batcher is created per request and its flush goroutine never receives anything.`,
    `协程泄漏：超时后调用方返回了，但是子 goroutine 还阻塞在往结果 channel 发送上，没有缓冲，也没有 select ctx.Done()。`,
    `The dispatcher waits for a reply on a channel with no timeout; when the peer never answers, the goroutine stays parked, and their number grows with each request.`,
    `A goroutine per message is spawned to forward it to a subscriber channel; slow subscribers block those goroutines in chan send forever.`,
    `**Describe the bug**
The number of goroutines grows with every reconnect of a client and never goes down; the goroutine dump shows thousands parked in [chan receive] in the subscription forwarder.

**To Reproduce**
1. Start the server
2. Connect and disconnect clients in a loop

**Expected behavior**
Goroutines return to the baseline.

**Environment**
- Version: v0.9.4
- Go version: go1.22.0
- OS: linux/arm64`,
  ],
};
