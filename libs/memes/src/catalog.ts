import type { RootCauseClassId } from '@memegraph/contracts';
import type { Meme } from './meme';

/**
 * The meme catalog: one meme per root-cause class. The seed's table gave the first captions
 * (deep stacks, the heap balloon, the goroutine rush hour, the reflection rocket); the rest
 * follow their spirit.
 */
export const MEMES: readonly Meme[] = [
  {
    id: 'reflection-rocket',
    classId: 'cpu-reflection-json',
    symbol: '🪞🚀',
    color: '#e8590c',
    caption: { zh: '别急着 interface{}，你的反射正在开火箭', en: "Easy on interface{} — your reflection is launching rockets" },
    explanation: {
      zh: 'JSON 解码进 map[string]interface{}，reflect.* 吃掉大半 CPU；改用预定义 struct 与 json.RawMessage 延迟解析。',
      en: 'Decoding JSON into map[string]interface{} makes reflect.* eat the CPU; decode into typed structs and defer with json.RawMessage.',
    },
    origin: 'seed',
  },
  {
    id: 'buff-stacking-programmer',
    classId: 'deep-recursion',
    symbol: '🧙📚',
    color: '#7048e8',
    caption: { zh: '疯狂叠Buff的程序员', en: 'The programmer who keeps stacking buffs' },
    explanation: {
      zh: '调用栈深度超过 50 层：递归失控或中间件链过长，火焰图出现异常高的垂直塔。',
      en: 'Call stacks deeper than 50 frames: runaway recursion or an endless middleware chain — a skyscraper in the flame graph.',
    },
    origin: 'seed',
  },
  {
    id: 'heap-escape-rush',
    classId: 'gc-pressure',
    symbol: '🚪➡️',
    color: '#7e57c2',
    caption: { zh: '对象全都逃逸到堆上，垃圾车忙不过来', en: 'Everything escapes to the heap; the garbage trucks cannot keep up' },
    explanation: {
      zh: '短命对象逃逸到堆上、分配过多，mallocgc 与 GC 标记线程抢走 CPU；复用缓冲（sync.Pool）、预分配切片。',
      en: 'Short-lived objects escape to the heap; mallocgc and the GC mark workers take the CPU. Reuse buffers (sync.Pool), preallocate.',
    },
    origin: 'seed',
  },
  {
    id: 'heap-balloon',
    classId: 'heap-leak',
    symbol: '🎈📈',
    color: '#d6336c',
    caption: { zh: '内存气球越吹越大', en: 'The memory balloon keeps inflating' },
    explanation: {
      zh: '同一分配点的 inuse 持续增长：无界缓存、map 或切片从不清理，直到 OOM。',
      en: 'inuse at one allocation site only grows: an unbounded cache, map or slice that is never pruned, until the OOM kill.',
    },
    origin: 'seed',
  },
  {
    id: 'string-snowball',
    classId: 'string-concat-loop',
    symbol: '⛄🧵',
    color: '#1098ad',
    caption: { zh: '字符串滚雪球，每圈都重新复制一遍', en: 'The string snowball: every lap copies the whole thing again' },
    explanation: {
      zh: '循环里 s += x 让每次拼接都复制整串（concatstrings）；改用 strings.Builder 并预估容量。',
      en: 's += x in a loop copies the whole string each time (concatstrings); use strings.Builder with a capacity hint.',
    },
    origin: 'team',
  },
  {
    id: 'rush-hour-platform',
    classId: 'goroutine-leak-chan',
    symbol: '🚇📦',
    color: '#42a5f5',
    caption: { zh: '地铁早高峰协程站台', en: 'Goroutines at the rush-hour platform' },
    explanation: {
      zh: '大量 goroutine 卡在 chan send/receive 或 select，没有人来接车：context 取消没有传播。',
      en: 'Goroutines pile up blocked on chan send/receive or select and no train ever comes: cancellation never propagates.',
    },
    origin: 'seed',
  },
  {
    id: 'phone-line-on-hold',
    classId: 'goroutine-leak-netread',
    symbol: '📞⏳',
    color: '#5c7cfa',
    caption: { zh: '电话一直占线，对面早就挂了', en: 'On hold forever — the other side hung up long ago' },
    explanation: {
      zh: 'goroutine 堆在 IO wait 的 conn.Read 上，连接没有读超时；设置 SetReadDeadline 或 http.Client.Timeout。',
      en: 'Goroutines pile up in IO wait on conn.Read with no deadline; set SetReadDeadline or http.Client.Timeout.',
    },
    origin: 'team',
  },
  {
    id: 'one-restroom-queue',
    classId: 'mutex-contention',
    symbol: '⏸️⚙️',
    color: '#ff6b35',
    caption: { zh: '只有一个厕所的演唱会', en: 'One restroom for the whole concert' },
    explanation: {
      zh: '所有 goroutine 排队抢同一把 sync.Mutex，持锁时间决定了吞吐；缩小临界区、分片加锁。',
      en: 'Every goroutine queues for one sync.Mutex and hold time sets throughput; shrink the critical section, shard the lock.',
    },
    origin: 'team',
  },
  {
    id: 'after-you-no-after-you',
    classId: 'deadlock-cycle',
    symbol: '🙇🔁',
    color: '#c92a2a',
    caption: { zh: '“您先请” “不不您先请”，永远没人过门', en: '"After you." "No, after you." Nobody ever goes through' },
    explanation: {
      zh: 'goroutine 以相反顺序加锁，互相等待对方持有的锁，形成环；统一加锁顺序。',
      en: 'Goroutines take locks in opposite orders and wait on each other in a cycle; impose one lock order.',
    },
    origin: 'team',
  },
  {
    id: 'hamster-wheel',
    classId: 'busy-loop',
    symbol: '🐹🎡',
    color: '#f59f00',
    caption: { zh: '仓鼠跑轮：跑得飞快，原地不动', en: 'The hamster wheel: running flat out, going nowhere' },
    explanation: {
      zh: '空转轮询（select 带 default、自旋读原子变量）烧满一个核却不做事；改为阻塞等待或 time.Ticker。',
      en: 'A spin loop (select with default, polling an atomic) burns a core doing nothing; block on a channel or a ticker instead.',
    },
    origin: 'team',
  },
  {
    id: 'reforging-the-key',
    classId: 'regex-compile-hot-path',
    symbol: '🔨🔑',
    color: '#845ef7',
    caption: { zh: '每次开门都重新打一把钥匙', en: 'Forging a new key every time you open the door' },
    explanation: {
      zh: 'regexp.MustCompile 写在请求路径里，每个请求都重新编译；提到包级变量只编译一次。',
      en: 'regexp.MustCompile sits on the request path and recompiles per request; hoist it to a package-level var.',
    },
    origin: 'team',
  },
  {
    id: 'overstuffed-suitcase',
    classId: 'k8s-oomkilled',
    symbol: '🧳💥',
    color: '#e03131',
    caption: { zh: '行李箱塞爆了：拉链崩开（137）', en: 'The overstuffed suitcase bursts open (exit 137)' },
    explanation: {
      zh: '容器超出内存 limit 被内核 OOM 杀掉（OOMKilled，退出码 137）；查明是泄漏还是 limit 太小。',
      en: 'The container exceeded its memory limit and the kernel killed it (OOMKilled, exit 137); leak or too-small limit?',
    },
    origin: 'team',
  },
  {
    id: 'groundhog-day',
    classId: 'k8s-crashloop',
    symbol: '🦫🔄',
    color: '#ae3ec9',
    caption: { zh: '土拨鼠之日：每天醒来都是同一次崩溃', en: 'Groundhog Day: waking up to the same crash, again' },
    explanation: {
      zh: 'Pod 启动即失败、反复重启（CrashLoopBackOff）；看上一次容器的日志（kubectl logs --previous）。',
      en: 'The pod fails at start-up and restarts forever (CrashLoopBackOff); read the previous container\'s logs.',
    },
    origin: 'team',
  },
  {
    id: 'lifeboat-overboard',
    classId: 'k8s-pod-eviction',
    symbol: '🛟🚣',
    color: '#0c8599',
    caption: { zh: '救生艇超载，有人被请下船', en: 'The lifeboat is overloaded — someone gets thrown overboard' },
    explanation: {
      zh: '节点内存或磁盘压力下 kubelet 驱逐 Pod（Evicted）；设置 requests、QoS 与临时存储上限。',
      en: 'Under node memory or disk pressure the kubelet evicts pods (Evicted); set requests, QoS and ephemeral-storage limits.',
    },
    origin: 'team',
  },
  {
    id: 'no-seat-at-the-table',
    classId: 'k8s-scheduling-failure',
    symbol: '🪑🚫',
    color: '#495057',
    caption: { zh: '餐厅满座，Pod 在门口一直等位', en: 'Restaurant full — the pod waits at the door forever' },
    explanation: {
      zh: 'Pod 停在 Pending：资源不足、污点、亲和性或 requests 大于可分配量（FailedScheduling）。',
      en: 'Pods stay Pending: not enough cpu/memory, taints, affinity, or requests above allocatable (FailedScheduling).',
    },
    origin: 'team',
  },
  {
    id: 'last-one-out-cannot-leave',
    classId: 'k8s-node-drain-failure',
    symbol: '🚪🔒',
    color: '#343a40',
    caption: { zh: '最后一个下班的人，门却锁了', en: 'Last one out, and the door is locked' },
    explanation: {
      zh: '节点 drain 被 PodDisruptionBudget 或无法驱逐的 Pod 卡住，升级与缩容停滞。',
      en: 'A node drain is blocked by a PodDisruptionBudget or an unevictable pod; upgrades and scale-downs stall.',
    },
    origin: 'team',
  },
  {
    id: 'package-never-arrives',
    classId: 'k8s-image-pull',
    symbol: '📦❓',
    color: '#868e96',
    caption: { zh: '快递一直显示“派送中”', en: 'The parcel is "out for delivery" forever' },
    explanation: {
      zh: '镜像拉取失败（ErrImagePull / ImagePullBackOff）：tag 写错、仓库认证或限流。',
      en: 'Image pull fails (ErrImagePull / ImagePullBackOff): wrong tag, registry auth or rate limits.',
    },
    origin: 'team',
  },
  {
    id: 'speed-bumps-everywhere',
    classId: 'cpu-throttling',
    symbol: '🏎️🚧',
    color: '#fab005',
    caption: { zh: '跑车开在减速带上：平均速度看着还行', en: 'A sports car on speed bumps: the average speed looks fine' },
    explanation: {
      zh: 'CFS 配额限流：平均 CPU 不高但延迟飙升；看 throttled 周期比例，调整 limit 或 GOMAXPROCS。',
      en: 'CFS quota throttling: average CPU looks fine while latency spikes; check throttled periods, fix limits or GOMAXPROCS.',
    },
    origin: 'team',
  },
  {
    id: 'split-brain-twins',
    classId: 'redis-cluster-split',
    symbol: '🧠✂️',
    color: '#c2255c',
    caption: { zh: '双胞胎都说自己才是主节点', en: 'Both twins insist they are the master' },
    explanation: {
      zh: 'Redis 集群分区或故障转移异常：CLUSTERDOWN、脑裂、MOVED/ASK 风暴。',
      en: 'Redis cluster partition or failover trouble: CLUSTERDOWN, split brain, MOVED/ASK storms.',
    },
    origin: 'team',
  },
  {
    id: 'fridge-door-wont-close',
    classId: 'redis-maxmemory',
    symbol: '🧊🚪',
    color: '#1c7ed6',
    caption: { zh: '冰箱塞满了，门关不上', en: "The fridge is full and the door won't close" },
    explanation: {
      zh: 'Redis 达到 maxmemory：写入报 OOM command not allowed，或驱逐策略开始丢数据。',
      en: 'Redis hit maxmemory: writes fail with "OOM command not allowed" or the eviction policy starts dropping keys.',
    },
    origin: 'team',
  },
  {
    id: 'wrong-map-sidecar',
    classId: 'istio-config-error',
    symbol: '🗺️🛵',
    color: '#3b5bdb',
    caption: { zh: '边车拿着错的地图', en: 'The sidecar is holding the wrong map' },
    explanation: {
      zh: '服务网格配置错误：DestinationRule/VirtualService 不匹配、mTLS 冲突，Envoy 返回 503 UH/NR/UF。',
      en: 'Mesh misconfiguration: DestinationRule/VirtualService mismatch or mTLS conflict; Envoy answers 503 UH/NR/UF.',
    },
    origin: 'team',
  },
  {
    id: 'waiting-for-the-reply',
    classId: 'network-timeout',
    symbol: '⌛🔌',
    color: '#0b7285',
    caption: { zh: '已读不回', en: 'Seen, no reply' },
    explanation: {
      zh: '上游慢或超时：context deadline exceeded、i/o timeout、connection reset；先找是哪一跳慢。',
      en: 'Upstream slow or timing out: context deadline exceeded, i/o timeout, connection reset; find the slow hop first.',
    },
    origin: 'team',
  },
  {
    id: 'lost-address-book',
    classId: 'dns-failure',
    symbol: '📖❔',
    color: '#66a80f',
    caption: { zh: '通讯录丢了，谁也找不到', en: 'Lost the address book, cannot find anyone' },
    explanation: {
      zh: '域名解析失败或很慢：no such host、SERVFAIL、ndots 导致的搜索域风暴。',
      en: 'Name resolution fails or crawls: no such host, SERVFAIL, ndots search-domain storms.',
    },
    origin: 'team',
  },
  {
    id: 'bank-counter-queue',
    classId: 'db-pool-exhaustion',
    symbol: '🏦🎫',
    color: '#9c36b5',
    caption: { zh: '银行只开了一个窗口，取号排到下午', en: 'One bank counter open, the queue ticket says afternoon' },
    explanation: {
      zh: '数据库连接池耗尽：too many connections、等待连接超时；查慢查询与未归还的连接。',
      en: 'Database pool exhausted: too many connections, timeouts waiting for a connection; look for slow queries and leaked conns.',
    },
    origin: 'team',
  },
  {
    id: 'black-friday-doors',
    classId: 'cache-stampede',
    symbol: '🏃🛒',
    color: '#f76707',
    caption: { zh: '黑五开门，所有人冲向同一个货架', en: 'Black Friday doors open: everyone rushes one shelf' },
    explanation: {
      zh: '同一个缓存键同时失效，大量请求一起打到后端（热点键、惊群）；用 singleflight 与过期抖动。',
      en: 'One hot key expires and every request hits the backend at once; use singleflight and jittered TTLs.',
    },
    origin: 'team',
  },
  {
    id: 'out-of-hangers',
    classId: 'fd-exhaustion',
    symbol: '🧥🪝',
    color: '#5f3dc4',
    caption: { zh: '衣帽间的衣架用完了', en: 'The cloakroom ran out of hangers' },
    explanation: {
      zh: '文件描述符用尽（too many open files）：连接或文件没关闭，或 ulimit 太低。',
      en: 'File descriptors exhausted (too many open files): connections or files never closed, or ulimit too low.',
    },
    origin: 'team',
  },
  {
    id: 'overflowing-closet',
    classId: 'disk-full',
    symbol: '🗄️🌊',
    color: '#364fc7',
    caption: { zh: '储物间塞到门都开不了', en: "The closet is so full the door won't open" },
    explanation: {
      zh: '磁盘或卷写满（no space left on device）：日志、临时文件或数据增长无人清理。',
      en: 'Disk or volume full (no space left on device): logs, temp files or data growth nobody prunes.',
    },
    origin: 'team',
  },
  {
    id: 'expired-passport',
    classId: 'tls-cert-expiry',
    symbol: '🛂📅',
    color: '#a61e4d',
    caption: { zh: '护照过期，被拦在海关', en: 'Expired passport, stopped at customs' },
    explanation: {
      zh: '证书过期或即将过期（x509: certificate has expired）；检查轮换任务与告警阈值。',
      en: 'A certificate expired or is about to (x509: certificate has expired); check rotation jobs and alert thresholds.',
    },
    origin: 'team',
  },
  {
    id: 'jet-lagged-clocks',
    classId: 'clock-skew',
    symbol: '🕰️😵',
    color: '#087f5b',
    caption: { zh: '倒时差的时钟们', en: 'The jet-lagged clocks' },
    explanation: {
      zh: '时钟不同步：NTP 未同步，令牌或证书时间校验失败（not yet valid、token used before issued）。',
      en: 'Clocks out of sync: NTP not synchronised, token or certificate time checks fail (not yet valid, used before issued).',
    },
    origin: 'team',
  },
];

const byId = new Map(MEMES.map((m) => [m.id, m]));
const byClass = new Map(MEMES.map((m) => [m.classId, m]));

export const memeById = (id: string): Meme | undefined => byId.get(id);
export const memeForClass = (classId: RootCauseClassId): Meme => {
  const m = byClass.get(classId);
  if (!m) throw new Error(`no meme for class ${classId}`);
  return m;
};
