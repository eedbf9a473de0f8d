import { type RootCauseEntryInput } from '../knowledge.schema';

export const goroutineLeakNetread: RootCauseEntryInput = {
  id: 'goroutine-leak-netread',
  title: { en: 'Goroutine leak: network reads without a deadline', zh: 'goroutine 泄漏：网络读取没有超时' },
  summary: {
    en: 'Goroutines park in network reads that never return because nothing bounds them: http.Server without ReadTimeout/IdleTimeout, net.Conn reads without SetReadDeadline, http.Client without Timeout, response bodies never closed so persistConn readLoop/writeLoop goroutines stay, peers that vanish without FIN/RST. Dumps show thousands of goroutines in [IO wait] under internal/poll.runtime_pollWait and net.(*conn).Read; file descriptors grow with them.',
    zh: 'goroutine 停在永远不会返回的网络读取上，因为没有任何超时约束：http.Server 没设 ReadTimeout/IdleTimeout，net.Conn 读取没有 SetReadDeadline，http.Client 没有 Timeout，响应体没有 Close 导致 persistConn 的 readLoop/writeLoop 常驻，对端不发 FIN/RST 就消失。dump 里成千上万的 goroutine 处于 [IO wait]，栈在 internal/poll.runtime_pollWait 和 net.(*conn).Read，文件描述符随之增长。',
  },
  signals: [
    { source: 'go-dump', text: 'goroutine N [IO wait, 41 minutes]: internal/poll.runtime_pollWait, internal/poll.(*FD).Read, net.(*conn).Read, bufio.(*Reader).fill, crypto/tls.(*Conn).readRecord' },
    { source: 'go-dump', text: 'thousands of net/http.(*persistConn).readLoop and writeLoop goroutines (response bodies not closed / idle connections never reaped)' },
    { source: 'metric', text: 'go_goroutines and process_open_fds rising together; connections in ESTABLISHED/CLOSE_WAIT piling up' },
    { source: 'log', text: 'slowloris: idle clients hold connections forever; no ReadTimeout / IdleTimeout / ReadHeaderTimeout on the server' },
  ],
  alertRules: [],
  relatedAlertRules: ['GoroutineCountHigh', 'NodeFileDescriptorLimit'],
  confusableWith: [
    { classId: 'goroutine-leak-chan', howToTell: '[IO wait] and net.(*conn).Read stacks mean network reads; [chan send/receive] or [select] stacks mean channels.' },
    { classId: 'network-timeout', howToTell: 'network-timeout is requests failing with deadline/timeout errors; this class is the opposite — no deadline, so goroutines wait forever without any error.' },
    { classId: 'fd-exhaustion', howToTell: 'The leak can end in "too many open files"; if the dump shows IO wait goroutines without deadlines, fix the reads (root cause) rather than only raising ulimit.' },
  ],
  runbook: [
    { title: 'Count goroutines in IO wait', command: "curl -s 'http://localhost:6060/debug/pprof/goroutine?debug=2' > g.txt\ngrep -c '\\[IO wait' g.txt\ngrep -A12 '\\[IO wait' g.txt | grep -oE '[a-zA-Z0-9_/.]+\\.\\(\\*?[A-Za-z]+\\)\\.[A-Za-z]+' | sort | uniq -c | sort -rn | head", why: 'Many IO-wait goroutines grouped under one reader function identify the connection type.' },
    { title: 'Match against open sockets', command: 'kubectl -n $NAMESPACE exec $POD -- sh -c \'ls /proc/1/fd | wc -l; cat /proc/net/tcp /proc/net/tcp6 | wc -l\'\nss -tanp state established | grep $PORT | wc -l', why: 'Goroutines and sockets growing together confirm reads parked on live connections.' },
    { title: 'Check server and client timeouts in code', command: "grep -rn --include='*.go' -E 'http\\.Server\\{|ReadTimeout|IdleTimeout|ReadHeaderTimeout|SetReadDeadline|http\\.Client\\{' ./cmd ./internal", why: 'Servers without ReadHeaderTimeout/IdleTimeout and clients without Timeout are the usual culprits.' },
    { title: 'Find unclosed response bodies', command: "go vet ./... && staticcheck ./... 2>&1 | grep -i -E 'body|close'\ngrep -c 'persistConn).readLoop' g.txt", why: 'Many persistConn readLoop goroutines usually mean resp.Body.Close() is missing.' },
  ],
  verification: [
    { name: 'Goroutines', promql: 'max by (pod) (go_goroutines{job="$JOB"})', expect: 'Grows with connections while leaking; bounded after deadlines are set.' },
    { name: 'Open file descriptors', promql: 'max by (pod) (process_open_fds{job="$JOB"})', expect: 'Tracks the goroutines upward before; flat after.' },
    { name: 'Open connections on the server', promql: 'sum by (pod) (http_server_open_connections{job="$JOB"}) or sum by (pod) (node_netstat_Tcp_CurrEstab)', expect: 'Idle connections get reaped by IdleTimeout after the fix.' },
  ],
  rollback: [
    'If the new read deadline cuts off legitimate long polls or streams, roll back with kubectl rollout undo and use per-route deadlines (or keepalive pings) instead of a global one.',
    'Restart pods once after the fix to release connections leaked earlier.',
  ],
  examples: [
    `goroutine 571203 [IO wait, 52 minutes]:
internal/poll.runtime_pollWait(0x7f1c40a1e2f8, 0x72)
	/usr/local/go/src/runtime/netpoll.go:343 +0x85
internal/poll.(*pollDesc).wait(0xc003a1e380?, 0xc00512c000?, 0x0)
	/usr/local/go/src/internal/poll/fd_poll_runtime.go:84 +0x27
internal/poll.(*FD).Read(0xc003a1e380, {0xc00512c000, 0x1000, 0x1000})
	/usr/local/go/src/internal/poll/fd_unix.go:164 +0x27a
net.(*netFD).Read(...)
net.(*conn).Read(0xc0004a6d10, {0xc00512c000?, 0x0?, 0x0?})
	/usr/local/go/src/net/net.go:179 +0x45
bufio.(*Reader).fill(0xc002b7e0c0)`,
    `Our TCP proxy leaks goroutines: each connection has a reader goroutine doing conn.Read with no deadline. When a client disappears without sending FIN (mobile networks, NAT timeouts), the read never returns. 40k goroutines in IO wait after a week.`,
    `dump 出来 3 万多个 goroutine 都是 [IO wait]，栈在 net.(*conn).Read，服务端 http.Server 没配 ReadTimeout 和 IdleTimeout，空闲长连接一直挂着。`,
    `We forgot to close resp.Body in the retry path; pprof goroutine shows 12k net/http.(*persistConn).readLoop and 12k writeLoop goroutines and the fd count keeps growing.`,
    `goroutine profile: total 24117
11950 @ 0x43a0f6 0x432a17 0x46a185 0x4e1f72 0x4e3a8a 0x4e3a78 0x5b3c49 0x5c5a65 0x6a1c2b
#	0x46a184	internal/poll.runtime_pollWait+0x84
#	0x4e1f71	internal/poll.(*pollDesc).wait+0x31
#	0x5b3c48	net.(*conn).Read+0x28
#	0x6a1c2a	net/http.(*persistConn).Read+0x4a
11950 @ 0x43a0f6 0x44b2f5 0x6a4e1b 0x46f101
#	0x6a4e1a	net/http.(*persistConn).writeLoop+0x11a`,
    `Slowloris-style clients keep connections open by sending one header byte every few minutes. The server sets no ReadHeaderTimeout, so every such connection parks a goroutine in IO wait forever.`,
    `http.DefaultClient has no timeout. When the upstream accepts the connection but never answers, our goroutines stay in [IO wait] inside persistConn.readLoop and the request goroutine in select waiting for the response. Requests do not fail, they just hang.`,
    `goroutine 泄漏 + fd 泄漏：客户端 resp.Body 没有 Close，连接没法复用也不会释放，persistConn.readLoop 的 goroutine 越来越多。`,
    `Set a read deadline on the websocket connection; without it, half-open connections (peer gone, no RST) keep their read goroutine blocked in crypto/tls.(*Conn).Read for hours.`,
    `goroutine 9921 [IO wait, 311 minutes]:
internal/poll.runtime_pollWait(0x7fa8b8e3c0a8, 0x72)
internal/poll.(*FD).Read(0xc0012b6000, {0xc0013c8000, 0x5, 0x5})
net.(*conn).Read(0xc000ac2030, {0xc0013c8000?, 0x0?, 0xc00012e0d8?})
crypto/tls.(*atLeastReader).Read(0xc002f3e1b0, {0xc0013c8000?, 0x0?, 0x0?})
bytes.(*Buffer).ReadFrom(0xc0012b6278, {0xb1e0e0, 0xc002f3e1b0})
crypto/tls.(*Conn).readFromUntil(0xc0012b6000, {0xb1f3a0?, 0xc000ac2030}, 0x5)
crypto/tls.(*Conn).readRecordOrCCS(0xc0012b6000, 0x0)`,
    `The agent opens a gRPC stream to the collector and reads in a loop without keepalive. After a network blip the TCP connection is dead but the read goroutine never notices; a new stream is opened on reconnect and the old goroutine stays in IO wait.`,
    `Number of goroutines grows with number of clients that connected and then went silent. There are no read deadlines on the raw TCP listener in the metrics receiver.`,
    `用 net.Dial 建的连接读数据时没设 SetReadDeadline，对端宕机不会发 RST，读 goroutine 永远阻塞在 runtime_pollWait，goroutine 数量和连接数一起涨。`,
    `pprof goroutine?debug=1: 8412 goroutines in net/http.(*conn).serve -> bufio.(*Reader).Peek -> net.(*conn).Read. These are keep-alive connections idling forever because IdleTimeout is zero.`,
    `We saw goroutines stuck in "IO wait" for over 10 hours, all on the MySQL driver connection read path after the database failover. The driver had no readTimeout configured in the DSN.`,
    `Leaking goroutines and file descriptors in the Redis client: connections to a removed node are never closed and their reader goroutines stay parked in netpoll.`,
    `fix: add ReadHeaderTimeout and IdleTimeout to the admin HTTP server. A scanner kept thousands of idle connections open and each held a goroutine in net.(*conn).Read.`,
    `process_open_fds and go_goroutines climb together in a straight line (about +2000/hour). The dump shows [IO wait, 700+ minutes] for most goroutines, all reading from client sockets.`,
    `对端异常断开（没有 FIN），我们这边 read 没超时，连接一直处于 ESTABLISHED，goroutine 卡在 IO wait，时间一长 goroutine 和 fd 都很多。`,
    `goroutine 203 [IO wait]:
internal/poll.runtime_pollWait(0x7f3e2c1d8e60, 0x72)
net.(*conn).Read(0xc00009a048, {0xc0001c6000, 0x8000, 0x8000})
io.ReadAtLeast({0x7f3e04a3a000, 0xc00009a048}, {0xc0001c6000, 0x4, 0x8000}, 0x4)
io.ReadFull(...)
github.com/acme/rpc.(*Codec).readFrame(0xc0001b0000)
(repeated for 15k connections that the peers abandoned)`,
    `A port scanner that connects and then stays silent ties up one goroutine per socket in the handshake read. We added a 10s deadline for the handshake.`,
    `The log shipper keeps one goroutine per tailed TCP input; when the sender is gone the read blocks forever because we rely on conn.Close() from another goroutine that is never triggered.`,
    `Reader goroutines stuck in io.ReadFull on streams whose peer silently vanished. We now refresh SetReadDeadline before every frame so a dead peer turns into a timeout error and the goroutine exits.`,
    `goroutine 数量稳定上涨，全部卡在 net/http.(*persistConn).readLoop，排查发现 http.Client 每次请求都新建 Transport，老连接永不关闭。`,
    `Creating a new http.Transport per request leaves idle keep-alive connections with their readLoop goroutines behind; over a day we accumulated 50k goroutines in IO wait and the pod hit the fd limit.`,
    `The server never set any timeouts on http.Server, so idle keep-alive connections and clients that stopped sending mid-request keep a goroutine each in net.(*conn).Read indefinitely.`,
    `Goroutines are stuck in [IO wait, 900 minutes] in bufio.(*Reader).ReadLine of our line-protocol server; peers that crash don't send FIN and we never set a read deadline.`,
    `Leaking goroutines: http.Get responses are not closed when the status code is not 200, so the transport's persistConn.readLoop goroutines accumulate (and the fds with them).`,
    `对端异常掉线不发 FIN，我们的读 goroutine 一直卡在 conn.Read，goroutine 泄漏，后来给每次读都加了 SetReadDeadline。`,
    `The number of goroutines grows with the number of clients that connected then disappeared; all of them are reading from the socket without a deadline (internal/poll.runtime_pollWait in every stack).`,
    `Add keepalive and read deadlines to the gRPC client stream reader: after a network partition the reader goroutine waits forever in IO wait and a new one is started on reconnect.`,
    `**Describe the bug**
After a day the proxy has 30k goroutines in [IO wait] reading from client connections; clients on flaky mobile networks disappear without closing and the proxy never times out reads.

**To Reproduce**
1. Connect clients through a lossy network
2. Kill them without FIN

**Expected behavior**
Idle connections are closed after a timeout.

**Environment**
- Version: 2.0.1
- Go version: go1.21.8
- OS: Alpine 3.19`,
  ],
};
