import { type RootCauseClassId } from '@memegraph/contracts';

/**
 * Signature extractors: patterns that are nearly unambiguous for a class (an error string a
 * runtime, kernel, kubelet or client library prints). Weights are log-odds added to the class
 * score before calibration; a pattern may speak for several classes with different weights.
 */
export interface Signature {
  id: string;
  pattern: RegExp;
  weights: Partial<Record<RootCauseClassId, number>>;
}

export interface SignatureHit {
  signature: string;
  start: number;
  end: number;
  text: string;
  weights: Partial<Record<RootCauseClassId, number>>;
}

type W = Partial<Record<RootCauseClassId, number>>;
const sig = (id: string, pattern: RegExp, weights: W): Signature => ({ id, pattern, weights });

export const SIGNATURES: readonly Signature[] = [
  // --- k8s-oomkilled
  sig('oomkilled', /\bOOM ?Kill(?:ed|ing|er)?\b/gi, { 'k8s-oomkilled': 3.5 }),
  sig('exit-137', /(?:exit(?:ed)?[ _-]?(?:code|status)?|exitCode|Exit Code)["':=\s]*137\b|\b137 \(SIGKILL\)/gi, { 'k8s-oomkilled': 2.5 }),
  sig('memcg-oom', /memory cgroup out of memory|oom-kill:constraint|oom_memcg|CONSTRAINT_MEMCG/gi, { 'k8s-oomkilled': 3.5 }),
  sig('killed-process', /\bKilled process \d+ \(/g, { 'k8s-oomkilled': 2.5 }),
  sig('container-killed-memory', /killed due to memory usage|container killed.{0,20}memory|"OOMKilled": ?true/gi, { 'k8s-oomkilled': 3 }),
  sig('node-vmstat-oom', /node_vmstat_oom_kill|System OOM encountered/gi, { 'k8s-oomkilled': 2.5 }),
  sig('signal-killed', /\bsignal: killed\b/gi, { 'k8s-oomkilled': 1.2 }),
  // --- k8s-crashloop
  sig('crashloopbackoff', /\bCrashLoopBackOff\b|\bcrash[ -]?loop(?:ing)?\b/gi, { 'k8s-crashloop': 3.5 }),
  sig('backoff-restarting', /back-?off restarting failed container/gi, { 'k8s-crashloop': 3.5 }),
  sig('liveness-restart', /failed liveness probe, will be restarted|Liveness probe failed/gi, { 'k8s-crashloop': 1.5 }),
  sig('exec-format-error', /exec format error|exec user process caused|bad interpreter/gi, { 'k8s-crashloop': 2 }),
  sig('startup-panic', /goroutine 1 \[running\]:\s*\n\s*main\.main\(\)|panic: (?:failed to|cannot|could not|unable to) (?:load|parse|read|open|init\w*|connect|start)/g, { 'k8s-crashloop': 2 }),
  sig('exit-code-app', /(?:Exit Code|exitCode)["':\s]*(?:1|2|255)\b|Reason:\s+Error\b/g, { 'k8s-crashloop': 1.5 }),
  // --- k8s-image-pull
  sig('imagepullbackoff', /\b(?:ImagePullBackOff|ErrImagePull|ErrImageNeverPull|InvalidImageName)\b/gi, { 'k8s-image-pull': 4 }),
  sig('backoff-pulling', /back-?off pulling image|failed to pull (?:and unpack )?image/gi, { 'k8s-image-pull': 3.5 }),
  sig('manifest-unknown', /manifest unknown|manifest for \S+ not found|no matching manifest for/gi, { 'k8s-image-pull': 2.5 }),
  sig('pull-access-denied', /pull access denied|repository does not exist or may require|no basic auth credentials/gi, { 'k8s-image-pull': 3 }),
  sig('pull-rate-limit', /toomanyrequests|pull rate limit/gi, { 'k8s-image-pull': 3 }),
  // --- k8s-pod-eviction
  sig('node-low-on-resource', /the node (?:was low on resource|had condition:? \[(?:Memory|Disk|PID)Pressure\])/gi, { 'k8s-pod-eviction': 4 }),
  sig('reason-evicted', /Reason:\s+Evicted\b|reason="Evicted"|\bWarning\s+Evicted\b|\s(?:0\/\d+)\s+Evicted\s/g, { 'k8s-pod-eviction': 3 }),
  // Lower-case "evicted" alone is ambiguous (cache and Redis keys are evicted too): require a pod or kubelet context.
  sig('evicted-word', /\b(?:[Ee]viction manager|[Ee]victed pods?|pods? (?:were |was |got |are |being )?evicted|Evicted)\b/g, { 'k8s-pod-eviction': 1.5 }),
  sig('ephemeral-exceeds', /ephemeral local storage usage exceeds|Usage of EmptyDir volume .{0,40}exceeds the limit/gi, { 'k8s-pod-eviction': 3.5 }),
  sig('node-pressure', /\b(?:Memory|Disk|PID)Pressure\b|(?:memory|disk|pid)-pressure:NoSchedule/g, { 'k8s-pod-eviction': 1.8, 'k8s-scheduling-failure': 0.3 }),
  // --- k8s-scheduling-failure
  sig('failed-scheduling', /\bFailedScheduling\b|fit failure on node|\bUnschedulable\b/g, { 'k8s-scheduling-failure': 3.5 }),
  sig('nodes-available', /\b\d+\/\d+ nodes are available/gi, { 'k8s-scheduling-failure': 3 }),
  sig('insufficient-resource', /\bInsufficient (?:cpu|memory|pods|ephemeral-storage|nvidia\.com\/gpu|[a-z.]+\/[a-z-]+)\b/gi, { 'k8s-scheduling-failure': 2 }),
  sig('scheduler-predicates', /untolerated taint|taints? that the pod didn't tolerate|didn't match Pod's node affinity|didn't match pod (?:anti-)?affinity|unbound immediate PersistentVolumeClaims|volume node affinity conflict|didn't have free ports|Too many pods/gi, { 'k8s-scheduling-failure': 2.5 }),
  sig('no-scale-up', /NotTriggerScaleUp|didn't trigger scale-up|max node group size reached/gi, { 'k8s-scheduling-failure': 3 }),
  sig('exceeded-quota', /exceeded quota/gi, { 'k8s-scheduling-failure': 2 }),
  // --- k8s-node-drain-failure
  sig('pdb-violation', /cannot evict pod as it would violate the pod'?s disruption budget/gi, { 'k8s-node-drain-failure': 5, 'k8s-pod-eviction': -1.5 }),
  sig('disruption-budget', /disruption ?budget|\bPDBs?\b|disruptionsAllowed|ALLOWED DISRUPTIONS/gi, { 'k8s-node-drain-failure': 2.5 }),
  sig('error-evicting', /error when evicting pods?|PodEvictionFailure|evict(?:ion)? of .{0,40}(?:failed|refused)/gi, { 'k8s-node-drain-failure': 3 }),
  sig('drain', /\b(?:kubectl drain|drain(?:ing)? (?:the )?node|node drain|DrainNode|error draining|unable to drain|cannot drain|drain (?:failed|timed out|is stuck|blocked|hangs))\b/gi, { 'k8s-node-drain-failure': 2.5 }),
  sig('drain-flags', /--delete-emptydir-data|--ignore-daemonsets|cannot delete (?:Pods|DaemonSet-managed)/gi, { 'k8s-node-drain-failure': 2 }),
  sig('cordoned', /SchedulingDisabled|\bcordon(?:ed)?\b/gi, { 'k8s-node-drain-failure': 1.5 }),
  // --- cpu-throttling
  sig('throttling-of-cpu', /throttling of CPU|CPUThrottlingHigh|cputhrottlinghigh/gi, { 'cpu-throttling': 4.5 }),
  sig('cfs-throttled', /cfs_throttled|nr_throttled|throttled_(?:usec|time|periods|seconds)|CFS (?:quota|throttl\w*|period)/gi, { 'cpu-throttling': 3 }),
  sig('throttled-word', /\b(?:cpu[ -])?throttl(?:ed|ing|e)\b/gi, { 'cpu-throttling': 1.5 }),
  sig('maxprocs', /\bmaxprocs:|automaxprocs|GOMAXPROCS/g, { 'cpu-throttling': 1.2 }),
  // --- redis-cluster-split
  sig('clusterdown', /\bCLUSTERDOWN\b|ClusterDownError/g, { 'redis-cluster-split': 5 }),
  sig('moved-ask', /\b(?:MOVED|ASK) \d{1,5} \[?[\w.:-]+:\d{2,5}|MOVED redirection|Too many Cluster redirections/g, { 'redis-cluster-split': 4 }),
  sig('cluster-state-fail', /cluster_state:fail|Cluster state changed: fail|as failing \(quorum reached\)|cluster_slots_fail|Failover auth (?:granted|denied)/gi, { 'redis-cluster-split': 4 }),
  sig('sentinel-events', /\+switch-master|\+odown|\+sdown|-failover-abort|\+try-failover/g, { 'redis-cluster-split': 3.5 }),
  sig('readonly-replica', /READONLY You can't write against a read only replica/gi, { 'redis-cluster-split': 4 }),
  sig('tryagain', /\bTRYAGAIN\b/g, { 'redis-cluster-split': 3 }),
  // --- redis-maxmemory
  sig('oom-command', /OOM command not allowed|used memory > 'maxmemory'/gi, { 'redis-maxmemory': 6, 'k8s-oomkilled': -2 }),
  sig('maxmemory', /\bmaxmemory(?:[-_]policy|_human)?\b|evicted_keys|redis_evicted_keys|\bnoeviction\b|allkeys-(?:lru|lfu|random)|volatile-(?:lru|lfu|ttl|random)/gi, { 'redis-maxmemory': 2.5 }),
  sig('redis-full', /\bRedis\b[^.\n]{0,30}?\b(?:is |got |was |became )?(?:full|out of memory|reached (?:its )?(?:memory limit|maxmemory))|Redis ?(?:内存)?(?:满了|打满|写满)/gi, { 'redis-maxmemory': 3.5 }),
  sig('redis-word', /\bredis\b/gi, { 'redis-maxmemory': 0.8, 'redis-cluster-split': 0.8 }),
  sig('used-memory', /\bused_memory(?:_human|_peak|_rss)?\b|mem_fragmentation_ratio/gi, { 'redis-maxmemory': 1.5 }),
  // --- istio-config-error
  sig('envoy-config-flag', /HTTP\/[\d.]+" (?:5\d\d|404) (?:UH|NR|NC|UF|URX|UO)(?:,[A-Z]+)* |\b(?:503|502|404) (?:UH|NR|NC|URX|UO)\b|\b(?:no_healthy_upstream|route_not_found)\b/g, { 'istio-config-error': 4 }),
  sig('envoy-uf', /HTTP\/[\d.]+" 50\d (?:UF|UC)(?:,[A-Z]+)* |\b503 (?:UF|UC)\b|upstream_reset_before_response_started/g, { 'istio-config-error': 2.5, 'network-timeout': 0.8 }),
  sig('upstream-connect-error', /upstream connect error or disconnect\/reset before headers/gi, { 'istio-config-error': 2.5, 'network-timeout': 1 }),
  sig('no-healthy-upstream', /no healthy upstream/gi, { 'istio-config-error': 2.5 }),
  sig('istio-objects', /\b(?:VirtualService|DestinationRule|PeerAuthentication|ServiceEntry|EnvoyFilter|AuthorizationPolicy|istioctl|istiod|istio-proxy|IST\d{4})\b/g, { 'istio-config-error': 2.5 }),
  sig('mtls', /\bm ?TLS\b|ISTIO_MUTUAL|WRONG_VERSION_NUMBER|sidecar/gi, { 'istio-config-error': 1.5 }),
  sig('istio-word', /\bistio\b|\benvoy\b|service mesh|服务网格/gi, { 'istio-config-error': 1.2 }),
  // --- network-timeout
  sig('deadline-exceeded', /context deadline exceeded|DeadlineExceeded|DEADLINE_EXCEEDED|deadline exceeded/gi, { 'network-timeout': 2.2 }),
  sig('client-timeout', /Client\.Timeout exceeded|request canceled while waiting for connection|awaiting headers/gi, { 'network-timeout': 2.5 }),
  sig('io-timeout', /\bi\/o timeout\b/gi, { 'network-timeout': 2 }),
  sig('upstream-timeout', /upstream request timeout|upstream timed out|\b504 UT\b|response_timeout|Gateway Time-?out/gi, { 'network-timeout': 3.5 }),
  sig('conn-reset', /connection reset by peer|\bbroken pipe\b|ECONNRESET|ETIMEDOUT|socket hang up|unexpected EOF/gi, { 'network-timeout': 2.2 }),
  sig('read-timed-out', /SocketTimeoutException|Read timed out|Connection timed out|Operation timed out|TLS handshake timeout|timed out after \d+/gi, { 'network-timeout': 2.2 }),
  sig('timeout-word', /\btime ?outs?\b|\btimed out\b|超时/gi, { 'network-timeout': 1 }),
  sig('conntrack', /\bconntrack\b|nf_conntrack|packet loss|丢包|retransmi/gi, { 'network-timeout': 1.8 }),
  // --- dns-failure
  sig('no-such-host', /\bno such host\b/gi, { 'dns-failure': 4.5 }),
  sig('lookup-on-53', /\blookup \S+ on \S+:53\b|:53: (?:read udp|i\/o timeout)|\S+:53 ?: ?i\/o timeout/gi, { 'dns-failure': 4, 'network-timeout': -1.5 }),
  sig('resolver-errors', /server misbehaving|\bSERVFAIL\b|\bNXDOMAIN\b|Temporary failure in name resolution|Name or service not known|Could not resolve host|UnknownHostException|\bEAI_AGAIN\b|\bENOTFOUND\b|getaddrinfo|name resolution|resolve host|can't resolve|cannot resolve|failed to resolve|resolution was not successful/gi, { 'dns-failure': 4 }),
  sig('dns-infra', /\bCoreDNS\b|\bkube-dns\b|\bndots\b|resolv\.conf|NodeLocal ?DNS|dnsmasq|systemd-resolved|\bDNS\b|域名解析|域名/gi, { 'dns-failure': 2 }),
  // --- db-pool-exhaustion
  sig('too-many-clients', /too many clients already|remaining connection slots are reserved|\bToo many connections\b|max_client_conn|max_connections/gi, { 'db-pool-exhaustion': 4.5 }),
  sig('pool-wait', /timeout waiting for connection|waiting for (?:a |an idle )?connection from (?:the )?pool|Connection is not available, request timed out|QueuePool limit|Timeout waiting for idle object|failed to acquire (?:a )?connection|Failed to obtain JDBC Connection|pool (?:is )?exhausted|connection pool (?:is )?(?:full|exhausted|满)|连接池/gi, { 'db-pool-exhaustion': 4.5 }),
  sig('pool-stats', /HikariPool|\bHikari\b|MaxOpenConns|max_?open_?conn\w*|\bWaitCount\b|\bWaitDuration\b|go_sql_\w+|idle in transaction|pgbouncer|pgxpool|\bInUse\b/gi, { 'db-pool-exhaustion': 2.5 }),
  // --- cache-stampede
  sig('stampede', /stampede|thundering herd|dog-? ?pil(?:e|ing)|cache avalanche|缓存(?:击穿|雪崩)|惊群|miss storm|herd/gi, { 'cache-stampede': 4.5 }),
  sig('singleflight', /singleflight|request coalescing|coalesc\w+|XFetch|stale-while-revalidate/gi, { 'cache-stampede': 3 }),
  sig('cache-expiry', /\b(?:cache|cached|caching)\b[^.\n]{0,40}\b(?:expir\w*|TTL|miss(?:es)?|invalidat\w*|flush\w*|cold)\b|\b(?:expir\w*|miss(?:es)?|cold)\b[^.\n]{0,20}\bcache\b|hot ?key|热点 ?key|keyspace_misses/gi, { 'cache-stampede': 2 }),
  // --- fd-exhaustion
  sig('too-many-open-files', /too many open files|\bEMFILE\b|\bENFILE\b|\(24: Too many open files\)/gi, { 'fd-exhaustion': 6 }),
  sig('fd-limits', /file descriptors?|\bulimit\b|\bnofile\b|LimitNOFILE|Max open files|process_open_fds|process_max_fds|node_filefd|文件句柄|句柄/gi, { 'fd-exhaustion': 2.5 }),
  // --- disk-full
  sig('no-space-left', /no space left on device|\bENOSPC\b/gi, { 'disk-full': 6 }),
  sig('disk-watermark', /flood[ -]stage disk watermark|read[-_]only[-_]allow[-_]delete|database space exceeded|unable to persist to disk|NOT_ENOUGH_SPACE|not enough space|disk quota exceeded|could not extend file/gi, { 'disk-full': 4 }),
  sig('disk-words', /\b(?:disk|volume|filesystem|partition|PersistentVolume|PVC)s? (?:is |are |was |got )?(?:full|filling up|almost full|out of space|fills? up)\b|\bdf -[hi]\b|\binodes?\b|磁盘(?:满|空间)|写满/gi, { 'disk-full': 2.5 }),
  // --- tls-cert-expiry
  // Go's x509 error says "has expired or is not yet valid" for both cases: only the time comparison after it tells expiry from skew.
  sig('x509-expired-or-not-yet-valid', /certificate has expired or is not yet valid/gi, { 'tls-cert-expiry': 2.5, 'clock-skew': 0.5 }),
  sig('cert-expired', /certificate has expired(?! or is not yet valid)|CERT_HAS_EXPIRED|CertificateExpiredException|expired certificate|certificate expired|certificates? (?:is |are )?(?:about to |going to )?expir(?:e|es|ed|ing)|证书(?:已经)?过期|证书即将过期/gi, { 'tls-cert-expiry': 4 }),
  sig('current-time-after', /current time \S+ is after \S+/gi, { 'tls-cert-expiry': 2.5, 'clock-skew': -1 }),
  sig('x509', /\bx509\b|\bTLS\b|\bSSL\b|\bnotAfter\b|kubeadm certs|check-expiration|cert-manager|certmanager_|probe_ssl_earliest_cert_expiry/gi, { 'tls-cert-expiry': 1.8 }),
  // --- clock-skew
  sig('clock-skew', /clock[ -]?(?:skew|drift|offset)|time ?skew|RequestTimeTooSkewed|Clock skew too great|KRB_AP_ERR_SKEW|out of sync|时钟|时间不同步|时间不准/gi, { 'clock-skew': 4 }),
  sig('current-time-before', /current time \S+ is before \S+/gi, { 'clock-skew': 4.5, 'tls-cert-expiry': -1.5 }),
  sig('ntp', /\bNTP\b|\bntpd?\b|\bchronyd?\b|chronyc|timedatectl|node_timex_\w+|NodeClock\w+|not synchroni[sz]\w*/gi, { 'clock-skew': 3 }),
  sig('not-yet-valid', /(?<!expired or is )not (?:yet )?valid yet|(?<!expired or is )not yet valid|ImmatureSignature|used before issued|\bnbf\b|\biat\b|NotBefore/gi, { 'clock-skew': 2.5 }),
  // --- Go runtime: cpu-reflection-json
  sig('json-decode-frames', /encoding\/json|decodeState|encodeState|json\.(?:Unmarshal|Marshal|NewDecoder)|jsoniter|easyjson|bytedance\/sonic|mapstructure|protojson|reflectValue/g, { 'cpu-reflection-json': 2.5 }),
  sig('reflect-frames', /\breflect\.(?:Value|New|mapassign|typedmemmove|unsafe_New|DeepEqual|StructOf)|reflection|reflect-based|反射/gi, { 'cpu-reflection-json': 2.2 }),
  sig('generic-map', /map\[string\](?:interface\{\}|any)|\[\]interface\{\}|interface\{\}/g, { 'cpu-reflection-json': 1.5 }),
  // --- deep-recursion
  sig('stack-exceeds', /goroutine stack exceeds \d+-byte limit/gi, { 'deep-recursion': 6 }),
  sig('stack-overflow', /fatal error: stack overflow|\bstack overflow\b|stack exhaustion/gi, { 'deep-recursion': 4 }),
  sig('recursion-word', /\brecurs(?:ion|ive|ively|e|es|ing)\b|递归|\biterative(?:ly)?\b/gi, { 'deep-recursion': 2.5 }),
  sig('deep-stack', /additional frames elided|runtime\.(?:morestack|newstack|copystack)|maximum (?:template |recursion |nesting |call )?depth|max(?:imum)? depth|encountered a cycle|stack depth/gi, { 'deep-recursion': 2.5 }),
  // --- gc-pressure
  sig('gc-frames', /gcBgMarkWorker|gcDrain|scanobject|markroot\w*|gcAssistAlloc|greyobject|findObject|heapBitsSetType|mark assist/g, { 'gc-pressure': 3 }),
  sig('gctrace', /^gc \d+ @[\d.]+s \d+%|gctrace|GODEBUG=gctrace/gm, { 'gc-pressure': 4 }),
  sig('gc-abbrev', /\bGC\b|\bgc (?:cycles?|pauses?|pressure|overhead|runs?)\b/g, { 'gc-pressure': 2 }),
  sig('gc-words', /\bGOGC\b|\bGOMEMLIMIT\b|garbage collect\w*|\bGC (?:cycles?|pauses?|pressure|overhead|CPU|runs?|is running)|go_gc_duration_seconds|垃圾回收|GC ?(?:太)?频繁|\bmallocgc\b|alloc(?:ation)? rate|allocs\/op|alloc_space|alloc_objects|sync\.Pool/g, { 'gc-pressure': 2.2 }),
  // --- heap-leak
  sig('memory-leak', /memory leak|leak(?:s|ing|ed)? (?:of )?memory|memory (?:keeps|kept) (?:growing|increasing|climbing)|内存泄漏|内存一直涨|不回落/gi, { 'heap-leak': 3.5 }),
  sig('inuse', /inuse_space|inuse_objects|in-?use space|heap profile|heap_inuse|heap_objects|go_memstats_heap|-base heap|heap dump|heap snapshot/gi, { 'heap-leak': 2.5 }),
  sig('runtime-oom', /fatal error: runtime: out of memory|runtime: out of memory/gi, { 'heap-leak': 3, 'k8s-oomkilled': 0.5 }),
  sig('unbounded', /\bunbounded\b|never (?:freed|released|removed|deleted|cleaned|pruned|trimmed)|no (?:eviction|size limit|max size|capacity limit)|grows? (?:forever|without (?:bound|limit))/gi, { 'heap-leak': 2 }),
  // --- string-concat-loop
  sig('concatstrings', /concatstrings?\d?|\bconcatstring\d\b|rawstring(?:tmp)?|slicebytetostring/g, { 'string-concat-loop': 4.5 }),
  sig('string-builder', /strings\.Builder|strings\.Join|bytes\.Buffer|\+= ?(?:line|chunk|s\b|cell|part|str)|string concat\w*|concatenat\w+|字符串拼接|拼接字符串|拼接/gi, { 'string-concat-loop': 3 }),
  sig('quadratic', /quadratic|O\(n\^?2\)|O\(n²\)|n\^2/gi, { 'string-concat-loop': 2.5 }),
  // --- goroutine-leak-chan
  sig('chan-state', /\[chan (?:send|receive)(?: \(nil chan\))?(?:, \d+ minutes)?\]|state chan (?:send|receive)/g, { 'goroutine-leak-chan': 4, 'deadlock-cycle': 0.5 }),
  sig('select-state', /\[select(?:, \d+ minutes)?\]|\[select \(no cases\)\]/g, { 'goroutine-leak-chan': 3 }),
  sig('chan-frames', /runtime\.chansend1?|runtime\.chanrecv[12]?|runtime\.selectgo|runtime\.gopark/g, { 'goroutine-leak-chan': 2 }),
  sig('goroutine-leak', /goroutines? leak\w*|leak\w* goroutines?|go-?routines? (?:pile|accumulat|keep grow|grow)\w*|goleak|go_goroutines|number of goroutines|goroutine count|协程泄漏|goroutine ?泄漏|协程数|goroutine ?数/gi, { 'goroutine-leak-chan': 2.5, 'goroutine-leak-netread': 1 }),
  // --- goroutine-leak-netread
  sig('io-wait', /\[IO wait(?:, \d+ minutes)?\]|state IO wait/g, { 'goroutine-leak-netread': 5 }),
  sig('netpoll-frames', /runtime_pollWait|pollDesc\)?\.wait|netpoll(?:block)?|net\.\(\*conn\)\.Read|net\.\(\*netFD\)\.Read|persistConn\)?\.(?:readLoop|writeLoop)|crypto\/tls\.\(\*Conn\)\.(?:Read|readRecord)/g, { 'goroutine-leak-netread': 3 }),
  sig('deadline-missing', /SetReadDeadline|SetDeadline|ReadHeaderTimeout|IdleTimeout|ReadTimeout|read deadline|(?:without|no) (?:a )?(?:read )?(?:deadline|timeout)|slowloris|half-(?:open|dead)|resp\.Body\.Close|Body\.Close\(\)/g, { 'goroutine-leak-netread': 2.5 }),
  // --- mutex-contention
  sig('semacquire', /\[semacquire\]|\[sync\.(?:RW)?Mutex\.R?Lock\]|runtime_SemacquireMutex|runtime_SemacquireRWMutexR?|sync\.\(\*(?:RW)?Mutex\)\.(?:R?Lock|lockSlow|RUnlock|Unlock)|sync\.runtime_Semacquire/g, { 'mutex-contention': 2.5, 'deadlock-cycle': 1.2 }),
  sig('contention', /\bcontention\b|\bcontended\b|mutex profile|block profile|SetMutexProfileFraction|SetBlockProfileRate|global (?:lock|mutex)|big lock|lock hold|锁竞争|抢锁|全局锁|写锁|读锁/gi, { 'mutex-contention': 3.5 }),
  sig('lock-words', /\b(?:RW)?Mutex(?:es)?\b|\bRLock\b|\block(?:s|ed|ing)?\b/g, { 'mutex-contention': 1.2, 'deadlock-cycle': 1 }),
  // --- deadlock-cycle
  sig('all-asleep', /all goroutines are asleep - deadlock/gi, { 'deadlock-cycle': 6 }),
  sig('deadlock-word', /\bdead-?lock(?:s|ed|ing)?\b|死锁|POTENTIAL DEADLOCK|circular wait|lock[- ]order(?:ing)? inversion|inconsistent lock\w*|not reentrant|Duplicate locking/gi, { 'deadlock-cycle': 4 }),
  sig('long-lock-wait', /\[(?:semacquire|sync\.(?:RW)?Mutex\.R?Lock), \d{2,} minutes\]/g, { 'deadlock-cycle': 3, 'mutex-contention': -1 }),
  // --- busy-loop
  sig('busy-loop', /busy[- ]?(?:loop|wait\w*|spin\w*)|\bspin(?:s|ning)?\b|spin-wait|空转|死循环|tight loop/gi, { 'busy-loop': 4 }),
  sig('nonblocking-select', /selectnbrecv|selectnbsend|\bgoselect\b|procyield|osyield|default:\s*\}|empty default|default (?:case|branch)/g, { 'busy-loop': 3 }),
  sig('idle-cpu', /(?:idle|no traffic)[^.\n]{0,40}\b(?:100% ?CPU|CPU|core)|\b(?:100% ?CPU|one (?:full )?core|a core|single core)\b[^.\n]{0,40}\b(?:idle|no traffic)|pegs? (?:a|one) core|空闲时/gi, { 'busy-loop': 2.5 }),
  // --- regex-compile-hot-path
  sig('regexp-compile', /regexp\.(?:MustCompile|Compile|MatchString|compile)|regexp\/syntax|compileOnePass|onePassCopy|makeOnePass/g, { 'regex-compile-hot-path': 4 }),
  sig('regex-words', /\bregexp?s?\b|\bregular expressions?\b|正则/gi, { 'regex-compile-hot-path': 2.5 }),
];

/** Beyond this, a pattern's extra matches add no evidence (a log may repeat a line 10 000 times). */
const MAX_HITS_PER_SIGNATURE = 3;
/** Signatures scan at most this much text; longer inputs are cut (their head usually holds the error). */
export const MAX_SCAN_CHARS = 200_000;

export function extractSignatures(text: string, signatures: readonly Signature[] = SIGNATURES): SignatureHit[] {
  const scanned = text.length > MAX_SCAN_CHARS ? text.slice(0, MAX_SCAN_CHARS) : text;
  const hits: SignatureHit[] = [];
  for (const s of signatures) {
    const re = new RegExp(s.pattern.source, s.pattern.flags.includes('g') ? s.pattern.flags : `${s.pattern.flags}g`);
    let m: RegExpExecArray | null;
    let n = 0;
    while (n < MAX_HITS_PER_SIGNATURE && (m = re.exec(scanned))) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      hits.push({ signature: s.id, start: m.index, end: m.index + m[0].length, text: m[0], weights: s.weights });
      n++;
    }
  }
  return hits.sort((a, b) => a.start - b.start || a.signature.localeCompare(b.signature));
}
