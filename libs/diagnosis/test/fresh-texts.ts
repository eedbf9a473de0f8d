import { type RootCauseClassId } from '@memegraph/contracts';

/**
 * Hand-written symptom texts used only by tests: none of them is (or paraphrases) a knowledge-base
 * example, so they check that the model generalises beyond what it was trained on.
 */
export const FRESH_TEXTS: Record<RootCauseClassId, string[]> = {
  'cpu-reflection-json': [
    `Profiling our webhook receiver: most samples sit under json.Unmarshal -> (*decodeState).object -> reflect.Value.SetMapIndex. Payloads are decoded into map[string]interface{} and then copied field by field into structs.`,
    `我们的网关把请求体先解到 map[string]interface{} 再转结构体，pprof 看 CPU 主要耗在 encoding/json 的反射上。`,
    `Decoding the events as []map[string]any costs us 3 cores per pod; a typed struct with json tags halves that.`,
  ],
  'deep-recursion': [
    `The process dies with "runtime: goroutine stack exceeds 1000000000-byte limit" when a user imports a spreadsheet whose formulas reference each other.`,
    `Our tree printer calls itself for every child without any depth guard; a 200k-level chain made it blow the goroutine stack.`,
    `嵌套太深导致栈溢出：fatal error: stack overflow，解析器是递归实现的。`,
  ],
  'gc-pressure': [
    `gc 1204 @402.1s 27%: 0.08+31+0.05 ms clock, 1.2+140/120/0+0.8 ms cpu, 310->322->160 MB, 320 MB goal, 16 P — the collector is taking over a quarter of the CPU.`,
    `CPU is mostly runtime.gcBgMarkWorker and mallocgc; the heap stays flat at 150MB, we just allocate a lot of short-lived buffers per message.`,
    `GC 压力太大，每秒十几次 GC，mark assist 把请求延迟拖高了。`,
  ],
  'heap-leak': [
    `RSS climbs about 80MB an hour and never drops; comparing two heap profiles with -base shows everything retained by the request-id map in the tracing middleware.`,
    `内存泄漏：服务运行两天内存涨到 3G，heap profile 显示全局缓存一直在增长，没有过期淘汰。`,
    `Live heap grows without bound because subscription records are stored per client and never deleted when clients go away.`,
  ],
  'string-concat-loop': [
    `Building the SQL batch with query += "(...)," for 50k rows is painfully slow; runtime.concatstrings dominates the profile.`,
    `Rendering large reports is O(n^2) because each line is appended to the output string with +; switching to strings.Builder made it linear.`,
    `循环里用 + 拼接了几十万次字符串，CPU 全耗在内存拷贝上。`,
  ],
  'goroutine-leak-chan': [
    `After a day the service has 70k goroutines, nearly all in [chan receive] inside the notifier worker; nobody closes the jobs channel when a tenant is removed.`,
    `Each request spawns a goroutine that sends its result on an unbuffered channel; when the caller times out, the goroutine blocks forever on the send.`,
    `goroutine 数量只增不减，dump 出来都是 chan send 状态。`,
  ],
  'goroutine-leak-netread': [
    `We have thousands of goroutines in [IO wait] for hours in net.(*conn).Read — the TCP server never sets read deadlines, so dead clients keep them forever.`,
    `goroutine dump shows 20k net/http.(*persistConn).readLoop goroutines; we forgot to close response bodies on the error path.`,
    `服务端没有设置 ReadTimeout，空闲连接的读 goroutine 一直卡在 IO wait。`,
  ],
  'mutex-contention': [
    `Under load most goroutines are in semacquire waiting for the same sync.Mutex in the metrics registry; latency goes up while CPU stays low.`,
    `The mutex profile points at the global lock around the routing table: every request takes it, and updates hold it for 50ms.`,
    `锁竞争很严重，所有请求都在抢同一把全局锁，加 CPU 也没用。`,
  ],
  'deadlock-cycle': [
    `fatal error: all goroutines are asleep - deadlock! — the worker waits on wg.Wait() while the only goroutine that would call Done is blocked sending to the results channel.`,
    `The service hangs completely: goroutine A holds the cache lock and waits for the store lock, goroutine B holds the store lock and waits for the cache lock.`,
    `程序卡住不动，CPU 为 0，两个 goroutine 互相等对方的锁，典型的死锁。`,
  ],
  'busy-loop': [
    `The poller uses 100% of a core even with no jobs: its for loop has a select with an empty default branch.`,
    `CPU usage stays at one full core while idle; the profile is all runtime.selectnbrecv inside our dispatcher loop.`,
    `空闲时 CPU 也打满了，是一个没有 sleep 的轮询死循环。`,
  ],
  'regex-compile-hot-path': [
    `Every call to isValidSKU runs regexp.MustCompile on a constant pattern; under load, regexp/syntax.Parse is the hottest frame.`,
    `The log router builds a new regexp for each message from the tenant's filter string instead of caching it; compile time dominates CPU.`,
    `正则表达式在每次请求里都重新编译，CPU 大量耗在 regexp.compile 上。`,
  ],
  'k8s-oomkilled': [
    `The importer pod restarts with Last State: Terminated, Reason: OOMKilled, Exit Code: 137 every time it processes a large file; its limit is 512Mi.`,
    `容器被 OOMKilled 了，退出码 137，内存 limit 给得太小。`,
    `kernel: Memory cgroup out of memory: Killed process 7711 (api) — the container keeps getting killed at its memory limit.`,
  ],
  'k8s-crashloop': [
    `After the upgrade the pod goes into CrashLoopBackOff; logs --previous say "error: required env var KAFKA_BROKERS not set" and it exits 1.`,
    `Back-off restarting failed container migrate: the migration job fails instantly because the config map key changed name.`,
    `pod 一直 CrashLoopBackOff，启动时读取配置失败直接退出。`,
  ],
  'k8s-pod-eviction': [
    `Dozens of pods show STATUS Evicted; describe says "The node was low on resource: memory" on the nodes running the batch jobs.`,
    `The kubelet evicted our pods because the node hit DiskPressure — container logs filled the root disk.`,
    `节点内存压力，kubelet 把我们的 pod 驱逐了，状态是 Evicted。`,
  ],
  'k8s-scheduling-failure': [
    `New replicas stay Pending: FailedScheduling 0/8 nodes are available: 8 Insufficient memory.`,
    `The pod can't be scheduled because every node has a taint it doesn't tolerate and the nodeSelector matches no node.`,
    `pod 一直 Pending，调度器报资源不足，集群 CPU request 已经分配满了。`,
  ],
  'k8s-node-drain-failure': [
    `kubectl drain hangs on node-7: Cannot evict pod as it would violate the pod's disruption budget.`,
    `The node upgrade is blocked because the PDB for our single-replica service allows zero disruptions.`,
    `节点排空失败，PDB 不允许驱逐，节点一直处于 SchedulingDisabled。`,
  ],
  'k8s-image-pull': [
    `New pods are stuck in ImagePullBackOff: Failed to pull image "registry.example.com/app:1.4.2": manifest unknown.`,
    `ErrImagePull: pull access denied — the namespace is missing the imagePullSecret for our private registry.`,
    `镜像拉取失败，ImagePullBackOff，docker hub 限流 toomanyrequests。`,
  ],
  'cpu-throttling': [
    `CPUThrottlingHigh is firing for the api container: 65% throttling of CPU, while average usage is only half of the limit.`,
    `container_cpu_cfs_throttled_periods_total keeps rising for the gateway; its CPU limit is too low for the request bursts.`,
    `容器 CPU 被 CFS 限流了，throttling 比例很高，p99 延迟上升。`,
  ],
  'redis-cluster-split': [
    `Our app gets CLUSTERDOWN The cluster is down whenever one of the Redis masters restarts.`,
    `After the network partition both Redis nodes acted as master for a while; when it healed we lost the writes made on the old master.`,
    `redis 集群客户端一直收到 MOVED 重定向，槽位迁移后路由表没刷新。`,
  ],
  'redis-maxmemory': [
    `Writes fail with "OOM command not allowed when used memory > 'maxmemory'" on the sessions Redis.`,
    `Redis reached maxmemory and the allkeys-lru policy is evicting queue keys, so jobs disappear.`,
    `Redis 内存满了，evicted_keys 一直在涨，缓存命中率下降。`,
  ],
  'istio-config-error': [
    `Requests through the sidecar fail with 503 NR after we added a second VirtualService for the same host.`,
    `Since enabling STRICT mTLS, clients without an Envoy sidecar get "upstream connect error or disconnect/reset before headers. reset reason: connection termination".`,
    `Istio 的 DestinationRule subset 和 pod 标签不匹配，envoy 日志全是 503 UH。`,
  ],
  'network-timeout': [
    `Calls to the pricing service fail with "context deadline exceeded" after 2s; its p99 latency jumped to 5s.`,
    `We see "read: connection reset by peer" and i/o timeout when talking to the payment gateway across the VPN.`,
    `调用下游接口大量超时，504 upstream request timeout。`,
  ],
  'dns-failure': [
    `dial tcp: lookup orders-db on 10.96.0.10:53: no such host — only after the namespace migration.`,
    `CoreDNS returns SERVFAIL for external names; our pods log "Temporary failure in name resolution".`,
    `域名解析失败，getaddrinfo EAI_AGAIN，CoreDNS 副本都挂了。`,
  ],
  'db-pool-exhaustion': [
    `Postgres logs FATAL: sorry, too many clients already after we scaled the API to 60 replicas.`,
    `All requests wait for a DB connection: HikariPool-1 - Connection is not available, request timed out after 30000ms.`,
    `数据库连接池被占满，拿不到连接，接口全部超时，原因是事务没有提交。`,
  ],
  'cache-stampede': [
    `When the popular product list expires from the cache, thousands of requests recompute it at once and the database falls over.`,
    `We get a thundering herd on the backend every hour when all keys written by the warm-up job expire together.`,
    `热点 key 过期导致缓存击穿，大量请求同时打到数据库。`,
  ],
  'fd-exhaustion': [
    `accept4: too many open files — the proxy hits the 1024 descriptor limit under load.`,
    `open files keep growing until EMFILE; we never close the files we open for each upload.`,
    `文件描述符耗尽，too many open files，ulimit 太小。`,
  ],
  'disk-full': [
    `write /var/lib/postgresql/data/pg_wal/000000010000000A: No space left on device`,
    `KubePersistentVolumeFillingUp: the volume of prometheus-0 is 97% full and filling fast.`,
    `磁盘满了，日志写不进去，no space left on device。`,
  ],
  'tls-cert-expiry': [
    `Since midnight all API calls fail with x509: certificate has expired; the ingress certificate was not renewed.`,
    `kubectl: Unable to connect to the server: x509: certificate has expired or is not yet valid — the cluster certs are a year old.`,
    `证书过期了，cert-manager 续期失败，浏览器提示证书无效。`,
  ],
  'clock-skew': [
    `Tokens are rejected as "not valid yet" on one host; its clock is 40 seconds ahead because chronyd is stopped.`,
    `NodeClockNotSynchronising is firing for two nodes and AWS calls from them fail with RequestTimeTooSkewed.`,
    `服务器时间不同步，JWT 校验报 token used before issued，NTP 没有开启。`,
  ],
};

/** Texts with no root cause at all: the diagnosis must say unknown. */
export const UNRELATED_TEXTS: string[] = [
  'Weekly team lunch on Friday',
  'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.',
  '2024-05-02T09:00:00Z INFO deploy v1.8.3 started\n2024-05-02T09:01:10Z INFO all 4 replicas updated and available\n2024-05-02T09:01:10Z INFO deploy finished',
  'Could you update the onboarding docs with the new VPN instructions?',
  '下午三点开会，讨论下季度的产品规划。',
  'The marketing site footer has the wrong copyright year.',
];

/** Inputs in formats the knowledge base has few or no examples of (Python tracebacks, Datadog/Grafana alerts, JSON logs, bare dumps). */
export const FORMAT_PROBES: [RootCauseClassId, string][] = [
  ['k8s-oomkilled','{"level":"warn","ts":"2024-05-01T10:00:00Z","msg":"container restarted","pod":"etl-0","reason":"OOMKilled","exitCode":137}'],
  ['k8s-oomkilled','Grafana alert: Container memory usage above 95% of limit for pod search-2 — followed by a restart of the container (killed by the OOM killer).'],
  ['k8s-crashloop','[Alerting] Pod crash looping: payments/worker-5f6 restarted 12 times in the last hour (kube_pod_container_status_restarts_total).'],
  ['k8s-crashloop','Error: Cannot find module \'/app/dist/server.js\'\n    at Module._resolveFilename (node:internal/modules/cjs/loader:1077:15)\nThe container exits immediately after each restart.'],
  ['dns-failure','Traceback (most recent call last):\n  File "/app/client.py", line 12, in <module>\n    requests.get("http://inventory:8080/health")\nrequests.exceptions.ConnectionError: HTTPConnectionPool(host=\'inventory\', port=8080): Max retries exceeded with url: /health (Caused by NameResolutionError("Failed to resolve \'inventory\' ([Errno -2] Name or service not known)"))'],
  ['network-timeout','requests.exceptions.ReadTimeout: HTTPSConnectionPool(host=\'api.partner.com\', port=443): Read timed out. (read timeout=10)'],
  ['network-timeout','ERROR grpc call failed: code=Unavailable desc="connection error: desc = \\"transport: Error while dialing: dial tcp 10.4.5.6:9090: connect: connection timed out\\""'],
  ['db-pool-exhaustion','panic: pq: sorry, too many clients already\n\ngoroutine 1 [running]:\nmain.main()'],
  ['db-pool-exhaustion','Connections to MySQL are exhausted: the app holds max_open_conns=100 per pod and we run 12 pods against a server allowing 1000.'],
  ['redis-maxmemory','[ERROR] redis: OOM command not allowed when used memory > \'maxmemory\' key=session:9a2f'],
  ['redis-cluster-split','java.lang.RuntimeException: redis.clients.jedis.exceptions.JedisClusterOperationException: No more cluster attempts left. CLUSTERDOWN The cluster is down'],
  ['fd-exhaustion','OSError: [Errno 24] Too many open files: \'/tmp/upload_8123\''],
  ['disk-full','OSError: [Errno 28] No space left on device'],
  ['disk-full','Elasticsearch cluster health RED: high disk watermark [90%] exceeded on node es-2, shards will be relocated away from this node'],
  ['tls-cert-expiry','SSL: CERTIFICATE_VERIFY_FAILED certificate verify failed: certificate has expired (_ssl.c:1006)'],
  ['clock-skew','ntpd[812]: no servers can be used, system clock unsynchronized; kerberos tickets fail with "Clock skew too great"'],
  ['istio-config-error','Kiali shows the VirtualService "ratings" references a host that has no DestinationRule subset "v3"; traffic gets 503 NC.'],
  ['cpu-throttling','Datadog monitor: kubernetes.cpu.cfs.throttled.seconds above 1s/s for container api in pod api-7d (limit 1 core).'],
  ['k8s-scheduling-failure','Warning  FailedScheduling  30s  default-scheduler  0/3 nodes are available: 3 node(s) didn\'t satisfy existing pods anti-affinity rules.'],
  ['k8s-image-pull','Failed to pull image "myrepo/api:latest": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/myrepo/api:latest": failed to resolve reference "docker.io/myrepo/api:latest": docker.io/myrepo/api:latest: not found'],
  ['k8s-pod-eviction','kubelet[1234]: eviction_manager.go:346] "Eviction manager: attempting to reclaim" resourceName="memory"'],
  ['k8s-node-drain-failure','Draining node ip-10-0-1-5 timed out after 15m: pods monitoring/alertmanager-main-0 are protected by a PodDisruptionBudget'],
  ['cache-stampede','When our CDN cache was purged, origin traffic jumped 40x because every edge requested the same objects at once.'],
  ['goroutine-leak-chan','goroutine 45012 [chan send, 1012 minutes]:\ngithub.com/acme/mq.(*Publisher).publish(...)\n\t/src/mq/pub.go:88 +0x1fa'],
  ['goroutine-leak-netread','goroutine 1871 [IO wait, 2891 minutes]:\ninternal/poll.runtime_pollWait(0x7f2b, 0x72)\nnet.(*conn).Read(0xc000010308, {0xc000180000, 0x1000, 0x1000})\nbufio.(*Reader).Read(...)'],
  ['mutex-contention','BenchmarkParallelGet-32    1000000    4512 ns/op — with -cpu 1 it is 310 ns/op. The shared map is protected by one mutex; the contention profile shows it.'],
  ['deadlock-cycle','goroutine 9 [sync.RWMutex.Lock, 77 minutes]:\nsync.runtime_SemacquireRWMutex(...)\ngoroutine 12 [sync.Mutex.Lock, 77 minutes]:\nsync.runtime_SemacquireMutex(...)\nboth wait for each other'],
  ['busy-loop','The CPU graph of the idle consumer is a flat line at 100% of one core; strace shows no syscalls at all, it never sleeps.'],
  ['gc-pressure','GC CPU fraction is 0.32 (go_memstats_gc_cpu_fraction) on the ingest pods after the new parser went live.'],
  ['heap-leak','go_memstats_heap_alloc_bytes grows from 200MB to 5GB over a week with a straight line; restarts reset it.'],
  ['string-concat-loop','Building the email body: for _, item := range items { body = body + item.Name + "\\n" } — 30k items make this take seconds.'],
  ['regex-compile-hot-path','func isHex(s string) bool { return regexp.MustCompile("^[0-9a-f]+$").MatchString(s) } is called for every token; this is the hottest function.'],
  ['cpu-reflection-json','CPU profile: 45% in github.com/mitchellh/mapstructure.(*Decoder).decode, called per event to convert map[string]interface{} to structs.'],
  ['deep-recursion','goroutine 1 [running]:\nmain.walk(0xc0001a2000)\n\t/app/tree.go:21 +0x45\nmain.walk(0xc0001a2040)\n\t/app/tree.go:25 +0x67\nmain.walk(0xc0001a2080)\n\t/app/tree.go:25 +0x67\n...additional frames elided...'],
];
