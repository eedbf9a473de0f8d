import { type DetectorClassId } from './candidate';

/** Concrete Go fix steps per class; `a` is the primary anchor, `all` every anchor. */
type FixSteps = (a: string, all: string[]) => string[];

export const FIXES: Record<DetectorClassId, FixSteps> = {
  'cpu-reflection-json': (a) => [
    `Decode into typed structs instead of map[string]interface{} / interface{} in ${a}: declare the fields you read and let encoding/json fill them directly.`,
    'Keep the parts you only pass through as json.RawMessage and decode them lazily, only where they are needed.',
    'Do not re-marshal a document you just decoded (audit logs, echoes): keep and forward the original []byte.',
    'Stream with one json.Decoder/json.Encoder per connection and pooled buffers (sync.Pool) instead of per-request Marshal/Unmarshal.',
    'If typed decoding is still hot, generate (un)marshallers (easyjson) or benchmark a faster codec (goccy/go-json, bytedance/sonic) with `go test -bench`.',
  ],
  'deep-recursion': (a) => [
    `Rewrite ${a} iteratively with an explicit stack (a slice used as a LIFO) so depth no longer grows the goroutine stack.`,
    'Bound the depth: validate input trees at the boundary (max depth) and return an error beyond it.',
    'Memoise sub-results (a map keyed by node id) so shared subtrees are computed once.',
    'If a middleware or decorator chain is the cause, compose handlers once at start-up, not per request.',
  ],
  'gc-pressure': (a) => [
    `Cut allocations in ${a}: preallocate slices and maps with make(T, 0, n), reuse buffers, prefer []T over []*T for small structs.`,
    'Pool short-lived objects on the hot path with sync.Pool (reset them before Put).',
    'Check escape analysis with `go build -gcflags=-m` and keep hot values on the stack (no interface boxing, no pointers to locals escaping).',
    'Then tune the collector: set GOMEMLIMIT to the container limit minus headroom and raise GOGC (e.g. 200) if memory allows.',
  ],
  'heap-leak': (a) => [
    `Bound what ${a} retains: use an LRU/TTL cache with a maximum size (e.g. hashicorp/golang-lru) or evict periodically instead of a plain global map.`,
    'Delete entries when their owner ends (logout, connection close, request done) and nil out references before re-slicing.',
    'Copy only what you keep: do not retain sub-slices of large buffers (use bytes.Clone / strings.Clone).',
    'Confirm the fix with two heap snapshots minutes apart: `go tool pprof -top -sample_index=inuse_space -diff_base=OLD NEW`.',
  ],
  'string-concat-loop': (a) => [
    `Build the string in ${a} with a strings.Builder and call b.Grow(estimatedSize) before the loop.`,
    'For byte output append to one []byte, or write rows straight to a bytes.Buffer / bufio.Writer (stream the report instead of building it whole).',
    'Use strings.Join for a slice of parts, and avoid fmt.Sprintf inside tight loops.',
  ],
  'goroutine-leak-chan': (a) => [
    `Give every goroutine a way out: select on ctx.Done() next to each channel send/receive in ${a}.`,
    'Make result channels buffered (make(chan T, 1)) when the receiver may give up, so the sender never blocks forever.',
    'Never send to or receive from a nil channel, and do not use an empty select{} outside main: initialise channels before starting goroutines.',
    'Tie goroutine lifetimes to the request (errgroup.WithContext, sync.WaitGroup) and guard tests with go.uber.org/goleak.',
  ],
  'goroutine-leak-netread': (a) => [
    `Set a deadline before every read in ${a}: conn.SetReadDeadline(time.Now().Add(timeout)), and dial with net.Dialer{Timeout: ...}.`,
    'For HTTP clients set http.Client{Timeout: ...} and always close resp.Body; for servers set ReadTimeout, ReadHeaderTimeout and IdleTimeout.',
    'When the caller gives up, close the connection: watch ctx.Done() and call conn.Close() so the blocked Read returns.',
    'Cap concurrent upstream connections with a semaphore or a pool.',
  ],
  'mutex-contention': (a) => [
    `Shrink the critical section in ${a}: hash, allocate and format outside the lock; hold it only to read or update the shared state.`,
    'Shard the lock (N maps each with its own mutex, picked by key hash), or use sync.Map / atomics for read-mostly data.',
    'Use sync.RWMutex when reads dominate, and never do I/O or channel operations while holding a lock.',
    'Re-measure with runtime.SetMutexProfileFraction(5) and `go tool pprof -top -sample_index=delay http://HOST:6060/debug/pprof/mutex`.',
  ],
  'deadlock-cycle': (_a, all) => [
    `Impose one global lock order: every path that takes more than one of these locks (look first at ${all.slice(0, 2).join(' and ')}) must take them in the same order.`,
    'Do not hold one lock while acquiring another: copy what you need, Unlock, then Lock the other mutex.',
    'If two locks are always needed together, merge them into one; for optional second locks use TryLock with back-off.',
    'Recover now by restarting the process (the blocked goroutines never wake), then ship the fix with a test run under -race and a goroutine-dump check.',
  ],
  'busy-loop': (a) => [
    `Replace the polling loop in ${a} (select with default:, or spinning on an atomic flag) with a blocking select on the work channel and ctx.Done().`,
    'Signal readiness with a channel close or sync.Cond instead of a flag that is polled.',
    'If polling is unavoidable, wait between checks with a time.Ticker or time.Sleep, never a tight loop.',
  ],
  'regex-compile-hot-path': (a) => [
    `Hoist regexp.MustCompile out of ${a} into a package-level var so each pattern is compiled once at start-up.`,
    'Cache patterns that are built at run time (map[string]*regexp.Regexp behind a mutex, or sync.Map).',
    'Replace package-level regexp.MatchString(pattern, s), which compiles on every call, with a precompiled *regexp.Regexp, or strings functions for simple checks.',
    'Parse templates once at start-up (template.Must(template.ParseFS(...))) and reuse them.',
  ],
};
