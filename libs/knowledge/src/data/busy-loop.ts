import { type RootCauseEntryInput } from '../knowledge.schema';

export const busyLoop: RootCauseEntryInput = {
  id: 'busy-loop',
  title: { en: 'Busy loop: a goroutine spins on CPU without doing work', zh: '空转循环：goroutine 原地打转烧 CPU' },
  summary: {
    en: 'A goroutine loops without ever blocking: select with an empty default case, polling a flag or atomic without sleeping, receiving from a closed channel, retrying a read that keeps returning io.EOF, a ticker with a tiny period. The process burns a full core even when idle; the CPU profile shows the loop itself plus runtime.selectnbrecv, runtime.chanrecv, runtime.nanotime or runtime.procyield.',
    zh: '某个 goroutine 永不阻塞地循环：select 带空 default、轮询标志位或 atomic 不休眠、从已关闭的 channel 反复接收、读到 io.EOF 还继续重试、ticker 周期极小。空闲时也吃满一个核；CPU profile 里是这个循环本身，加上 runtime.selectnbrecv、runtime.chanrecv、runtime.nanotime 或 runtime.procyield。',
  },
  signals: [
    { source: 'profile', text: 'one function flat at the top with runtime.selectnbrecv / selectnbsend / chanrecv / nanotime / procyield / osyield / Gosched under it' },
    { source: 'metric', text: 'CPU pinned at exactly 1 core (or N cores) with no traffic; does not scale with load' },
    { source: 'go-dump', text: 'goroutine always [runnable] or [running] in the same loop across dumps' },
    { source: 'chat', text: '“空闲时 CPU 100%”, “select default 空转”, “死循环”' },
  ],
  alertRules: [],
  relatedAlertRules: ['CPUThrottlingHigh', 'HighCPUUsage', 'NodeHighCPUUsage'],
  confusableWith: [
    { classId: 'cpu-throttling', howToTell: 'A busy loop makes the container use its own CPU even when idle; throttling is the quota limiting a container, visible in cfs_throttled metrics. A busy loop can cause throttling — fix the loop.' },
    { classId: 'deadlock-cycle', howToTell: 'Both "hang"; a deadlock has idle CPU, a busy loop has a hot core.' },
    { classId: 'string-concat-loop', howToTell: 'A concat loop does real (wasteful) copying proportional to data; a busy loop makes no progress at all.' },
  ],
  runbook: [
    { title: 'Confirm CPU burn without traffic', command: 'kubectl -n $NAMESPACE top pod $POD --containers\nkubectl -n $NAMESPACE exec $POD -- top -b -n 1 -H | head -20', why: 'A core at 100% with no requests points to a spin.' },
    { title: 'Profile the idle process', command: 'go tool pprof -seconds 20 -top http://localhost:6060/debug/pprof/profile | head -25', why: 'The spinning function and runtime.selectnbrecv / nanotime / procyield appear at the top.' },
    { title: 'Find the loop in code', command: "go tool pprof -list '$FUNCTION' cpu.pb.gz\ngrep -rn --include='*.go' -B3 -A3 'default:' ./internal | grep -B3 -A3 'for {'", why: 'A for/select with default or a loop that ignores errors is the usual shape.' },
    { title: 'Check the fix with a CPU benchmark at idle', command: "go test -run TestIdleCPU -count=1 -v ./internal/worker/...   # measures process CPU time over 2s of idleness", why: 'After blocking on the channel (or a proper ticker) idle CPU should be ~0.' },
  ],
  verification: [
    { name: 'Container CPU at idle', promql: 'sum by (pod) (rate(container_cpu_usage_seconds_total{namespace="$NAMESPACE", container="$CONTAINER"}[5m]))', expect: 'About one full core with no traffic while spinning; near zero after.' },
    { name: 'CPU per request', promql: 'sum(rate(container_cpu_usage_seconds_total{namespace="$NAMESPACE", container="$CONTAINER"}[5m])) / sum(rate(http_requests_total{job="$JOB"}[5m]))', expect: 'Very high at low traffic before; proportional to load after.' },
    { name: 'Throttling side effect', promql: 'sum by (pod) (rate(container_cpu_cfs_throttled_periods_total{namespace="$NAMESPACE", container="$CONTAINER"}[5m])) / sum by (pod) (rate(container_cpu_cfs_periods_total{namespace="$NAMESPACE", container="$CONTAINER"}[5m]))', expect: 'Throttling caused by the spin disappears.' },
  ],
  rollback: [
    'If blocking instead of polling delays work (missed wake-ups), roll back with kubectl rollout undo and add a proper signal (channel close, sync.Cond) rather than re-introducing polling.',
    'Remove any temporary CPU limit raised to cope with the spin.',
  ],
  examples: [
    `for {
    select {
    case msg := <-ch:
        handle(msg)
    default:
    }
}
This loop never blocks; with no messages it spins and uses 100% of one core. Remove the default case.`,
    `The agent uses 100% of one CPU core while completely idle. The profile shows runtime.selectnbrecv and (*Poller).loop at the top: a non-blocking select polled in a tight loop.`,
    `空闲时 CPU 也是 100%，profile 里全是 runtime.selectnbrecv，原来是 for-select 里写了个空的 default，导致空转。`,
    `Idle CPU of the collector went from 0 to 15% after someone added a 50µs sleep in the fallback branch of the poll select; the goroutine still wakes ~20k times per second to find nothing.`,
    `      flat  flat%   sum%        cum   cum%
     8.91s 44.55% 44.55%     19.80s 99.00%  github.com/acme/agent.(*Watcher).run
     6.02s 30.10% 74.65%      6.02s 30.10%  runtime.selectnbrecv
     4.87s 24.35% 99.00%      4.87s 24.35%  runtime.nanotime`,
    `Receiving from a closed channel returns immediately with the zero value, so our loop "for { v := <-done; ... }" spins forever after shutdown begins and pegs a core.`,
    `The retry loop ignores io.EOF and calls Read again immediately; once the peer closes the connection, the goroutine spins at full speed.`,
    `死循环：轮询一个 atomic 标志位等待初始化完成，循环体里什么都没做也没 sleep，一个核被吃满。`,
    `A goroutine spins on atomic.CompareAndSwapInt32 waiting for the other side to release the flag, calling runtime.Gosched() in between. runtime.procyield and runtime.osyield dominate the CPU profile.`,
    `CPU usage of the sidecar is constant at 1000m regardless of traffic. Flame graph: a single tall stack of (*Tailer).follow -> os.(*File).Read -> returns 0, io.EOF -> loop again, no sleep between polls.`,
    `time.NewTicker(time.Duration(cfg.IntervalMs)) — the config value is in milliseconds but passed as nanoseconds, so the ticker fires every 500ns and the loop is effectively busy.`,
    `High CPU usage when idle: the event loop checks len(queue) > 0 in a for loop without any blocking call.`,
    `即使没有任何流量，容器 CPU 也稳定在 1 核，pprof 显示 runtime.chanrecv + 一个 for 循环，channel 已经被 close 了还在不停地收。`,
    `busy-wait in the scheduler: while !ready { } — the compiler may even hoist the load, and the goroutine never yields. Replaced with a sync.Cond.`,
    `top -H shows a single thread of the Go process at 100% forever. The goroutine dump taken twice shows the same goroutine [running] in (*Flusher).loop both times.`,
    `Code review: a for loop around a non-blocking select never parks the goroutine, so the scheduler keeps it running all the time. Block on the channel (or on a timer) instead of polling.`,
    `CPU 使用率固定在 100%（单核），跟请求量无关，goroutine dump 里一个 goroutine 永远是 running 状态，卡在 for { select { default: } } 这段代码。`,
    `The health checker loops over targets and, when the list is empty, immediately loops again. With zero targets configured the pod burns 1 CPU.`,
    `Profiling shows runtime.selectgo hot in the idle state: a select over a nil channel and time.After(0) in a for loop, so the timer fires immediately on every iteration.`,
    `fix: avoid spinning when the buffer is empty. The consumer now blocks on a condition variable instead of calling TryPop in a loop.`,
    `Node exporter shows one core of the node at 100% user time for weeks; it is our log forwarder spinning after its input file was rotated (os.Read returns EOF forever, code retries immediately).`,
    `CPU throttling alerts fire for the worker even at night, but there is no traffic: the real problem is a polling loop with time.Sleep(time.Microsecond) that runs a million iterations per second.`,
    `空转问题：重试逻辑遇到错误直接 continue，没有退避，下游挂了以后这个 goroutine 每秒重试几十万次，CPU 打满。`,
    `goroutine 14 [runnable]:
github.com/acme/mq.(*Consumer).poll(0xc000172000)
	/src/mq/consumer.go:98 +0x6e
(same goroutine runnable in every dump; the loop calls TryReceive and immediately loops when nothing is there)`,
    `Spinning goroutine in the rate limiter: when the bucket is empty it loops checking time.Now() until a token is available instead of sleeping until the next refill.`,
    `The worker loop polls the queue with a non-blocking receive and continues immediately when it is empty, so each replica burns a full core even at night.`,
    `CPU is pinned at 100% on one core after the connection closes: the read loop keeps getting io.EOF and retries immediately instead of returning.`,
    `After the upgrade the daemon uses ~15% CPU while doing nothing. A select with a default branch in the event loop spins; replacing it with a blocking select fixed it.`,
    `空转：for 循环里用 select + default 轮询 channel，没有消息时立刻进入下一轮，CPU 一直占满一个核。`,
    `busy waiting: the scheduler checks an atomic flag in a tight loop until work arrives. Replaced with a sync.Cond so the goroutine sleeps while idle.`,
    `profile of the idle process: 98% in (*Monitor).run, runtime.selectnbrecv and runtime.nanotime; no requests are being served.`,
    `**Describe the bug**
Since upgrading to v0.4.0 the daemon uses a whole CPU core while idle. The profile shows the event loop spinning through a select with an empty default branch.

**To Reproduce**
1. Start the daemon
2. Do nothing and watch top

**Expected behavior**
Near-zero CPU when idle.

**Environment**
- Version: v0.4.0
- Go version: go1.22.3
- OS: Fedora 39`,
  ],
};
