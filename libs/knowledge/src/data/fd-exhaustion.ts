import { type RootCauseEntryInput } from '../knowledge.schema';

export const fdExhaustion: RootCauseEntryInput = {
  id: 'fd-exhaustion',
  title: { en: 'File descriptor limit reached (too many open files)', zh: '文件描述符耗尽（too many open files）' },
  summary: {
    en: 'The process (or the whole node) runs out of file descriptors: accept, dial, open and inotify calls fail with EMFILE/ENFILE, "too many open files". Sockets or files are leaked (response bodies or files never closed, connections never reused), connection counts legitimately exceed a low ulimit (1024 soft limit), or the node-wide fs.file-max / inotify limits are hit. A Go HTTP server logs "http: Accept error: ... accept4: too many open files; retrying in ...".',
    zh: '进程（或整台节点）的文件描述符用完：accept、dial、open、inotify 调用以 EMFILE/ENFILE "too many open files" 失败。原因可能是 socket 或文件泄漏（响应体、文件未关闭，连接不复用），也可能是连接数正常增长超过了很低的 ulimit（软限制 1024），或者触达了节点级 fs.file-max / inotify 限制。Go 的 HTTP 服务会打印 "http: Accept error: ... accept4: too many open files; retrying in ..."。',
  },
  signals: [
    { source: 'log', text: 'http: Accept error: accept tcp [::]:8080: accept4: too many open files; retrying in 5ms' },
    { source: 'log', text: 'socket: too many open files; open /var/log/app.log: too many open files; EMFILE; ENFILE Too many open files in system; java.io.IOException: Too many open files' },
    { source: 'log', text: 'nginx: socket() failed (24: Too many open files); accept4() failed (24: Too many open files); worker_connections are not enough' },
    { source: 'log', text: 'failed to create fsnotify watcher: too many open files (inotify max_user_instances)' },
    { source: 'alert', text: 'NodeFileDescriptorLimit (node_filefd_allocated / node_filefd_maximum > 70%), ProcessFdsNearLimit (process_open_fds / process_max_fds)' },
  ],
  alertRules: ['NodeFileDescriptorLimit', 'ProcessFdsNearLimit', 'FdExhaustionClose', 'HostFileDescriptorsHigh'],
  relatedAlertRules: [],
  confusableWith: [
    { classId: 'goroutine-leak-netread', howToTell: 'Leaked connections parked in IO wait can end in fd exhaustion; if the text is about the "too many open files" error and limits, it is this class.' },
    { classId: 'db-pool-exhaustion', howToTell: '"too many connections/clients" comes from the database; "too many open files" from the OS.' },
    { classId: 'disk-full', howToTell: 'Running out of inodes gives "no space left on device", not "too many open files".' },
  ],
  runbook: [
    { title: 'Compare open descriptors with the limit', command: "kubectl -n $NAMESPACE exec $POD -- sh -c 'ls /proc/1/fd | wc -l; grep \"Max open files\" /proc/1/limits'", why: 'Shows how close the process is to its soft limit.' },
    { title: 'See what the descriptors are', command: "kubectl -n $NAMESPACE exec $POD -- sh -c 'ls -l /proc/1/fd | awk \"{print \\$NF}\" | sed -E \"s/[0-9]+/N/g\" | sort | uniq -c | sort -rn | head'", why: 'Mostly sockets means connection leaks; mostly one file path means files not closed.' },
    { title: 'Check socket states', command: "kubectl debug -n $NAMESPACE $POD -it --image=nicolaka/netshoot --target=$CONTAINER -- ss -tanp | awk '{print $1}' | sort | uniq -c", why: 'Thousands of CLOSE_WAIT means the app never closes connections the peer closed.' },
    { title: 'Check node-wide limits', command: "kubectl debug node/$NODE -it --image=busybox -- chroot /host sh -c 'cat /proc/sys/fs/file-nr /proc/sys/fs/file-max /proc/sys/fs/inotify/max_user_instances'", why: 'ENFILE or inotify failures come from node limits, not the container ulimit.' },
    { title: 'Raise the limit only after fixing leaks', command: "ulimit -n 65536   # in the entrypoint, or LimitNOFILE=65536 in the systemd unit / containerd config\ngrep -rn --include='*.go' -E 'os\\.Open|http\\.Get|\\.Do\\(' ./internal | head   # every one needs a Close", why: 'A higher limit buys time; closing bodies and files removes the cause.' },
  ],
  verification: [
    { name: 'Process descriptors vs limit', promql: 'max by (pod) (process_open_fds{job="$JOB"} / process_max_fds{job="$JOB"})', expect: 'Near 1.0 while accept/dial fails; stable and low after.' },
    { name: 'Descriptor growth', promql: 'deriv(process_open_fds{job="$JOB"}[1h])', expect: 'Positive for a leak; flat after.' },
    { name: 'Node file handles', promql: 'max by (instance) (node_filefd_allocated / node_filefd_maximum)', expect: 'Below 0.7 (the NodeFileDescriptorLimit threshold).' },
  ],
  rollback: [
    'If raising LimitNOFILE exposes a different bottleneck (memory per connection), revert and fix the leak first.',
    'Roll back the release that introduced the leak: kubectl -n $NAMESPACE rollout undo deployment/$DEPLOYMENT.',
    'Restart affected pods once to release leaked descriptors after the fix is deployed.',
  ],
  examples: [
    `2024/06/11 14:22:07 http: Accept error: accept tcp [::]:8443: accept4: too many open files; retrying in 640ms
2024/06/11 14:22:08 http: Accept error: accept tcp [::]:8443: accept4: too many open files; retrying in 1s`,
    `dial tcp 10.0.5.21:9042: socket: too many open files — the Cassandra driver can't open new connections; lsof shows 1020 sockets in CLOSE_WAIT.`,
    `文件句柄耗尽：too many open files，ulimit -n 只有 1024，服务高峰期连接数超过了，而且很多连接处于 CLOSE_WAIT，说明我们没有关闭。`,
    `2024/01/09 03:14:51 [crit] 2231#2231: accept4() failed (24: Too many open files)
2024/01/09 03:14:51 [alert] 2231#2231: *112003 socket() failed (24: Too many open files) while connecting to upstream`,
    `java.io.IOException: Too many open files
	at java.base/sun.nio.ch.ServerSocketChannelImpl.accept0(Native Method)
	at org.apache.tomcat.util.net.NioEndpoint.serverSocketAccept(NioEndpoint.java:548)`,
    `NodeFileDescriptorLimit: File descriptors limit at 92.4% on node worker-8 (node_filefd_allocated / node_filefd_maximum).`,
    `failed to create fsnotify watcher: too many open files — kubectl logs -f and several controllers fail on this node; fs.inotify.max_user_instances is 128.`,
    `We never close resp.Body on non-200 responses. process_open_fds grows by ~300 per minute and after an hour the service logs "too many open files" for every outbound call.`,
    `open /data/segments/000123.idx: too many open files — the storage engine keeps every segment file open and we now have 70k segments with a 65536 limit.`,
    `报错 too many open files，process_open_fds 曲线一直往上，是日志轮转后旧的文件句柄没有关，每次轮转泄漏一个。`,
    `Error: EMFILE: too many open files, open '/app/templates/email/welcome.html' — the template is read on every request with fs.open and the handle is never closed.`,
    `cat /proc/1/limits | grep "open files"
Max open files            1024                 1048576              files
ls /proc/1/fd | wc -l
1024`,
    `accept: too many open files in system (ENFILE) — the node-wide file-max is hit, not just our process; a log agent opened 400k files.`,
    `Our websocket gateway holds ~50k connections, but the container's soft limit is 1024 (docker default); new clients get "accept4: too many open files". Raise LimitNOFILE on containerd.`,
    `Prometheus process_open_fds / process_max_fds for the proxy hit 100% at 02:10; from then on every new connection failed with EMFILE until the pod restarted.`,
    `fd 泄漏：os.Open 之后没有 defer f.Close()，批处理跑几个小时就 too many open files 了。`,
    `panic: open /etc/ssl/certs/ca-certificates.crt: too many open files — the HTTP client is created per request and loads the CA bundle each time while old transports keep their connections open.`,
    `Redis client error: "dial tcp 10.1.0.9:6379: socket: too many open files". Connection pool size is unbounded and every goroutine dials its own connection.`,
    `The Go HTTP server keeps printing "Accept error ... too many open files; retrying" and stops serving new requests while existing connections stay open. Restarting helps for a day.`,
    `ProcessFdsNearLimit firing for elasticsearch-data-2: open file descriptors at 98% of max (65535). Too many small shards, each with many segment files.`,
    `Too many open files in the CI runner: the test suite starts 500 httptest servers and never calls Close, so the listener sockets accumulate until EMFILE.`,
    `日志里大量 socket: too many open files，lsof 统计 90% 是 TCP 连接，对端是同一个下游服务，每次请求新建 http.Transport 导致连接不复用。`,
    `nginx error.log: 768 worker_connections are not enough, and then (24: Too many open files) — worker_rlimit_nofile is not set, so workers inherit the 1024 soft limit.`,
    `Our config reloader creates a new fsnotify watcher (one inotify instance) on every reload and never closes the previous one; after 128 reloads it fails with "too many open files" because fs.inotify.max_user_instances is reached.`,
    `EMFILE errors from the Node.js service: graceful-fs retries but throughput collapses; ulimit -n inside the container is 1024 while the app keeps 2000 keep-alive sockets to upstreams.`,
    `Error: EMFILE: too many open files, watch '/app/src' — the dev server's file watcher exceeds the descriptor limit inside the container.`,
    `The exporter leaks file descriptors: every scrape opens /proc files and never closes them; after a day it fails with too many open files.`,
    `Elasticsearch refuses to start: max file descriptors [4096] for elasticsearch process is too low, increase to at least [65535].`,
    `进程打开的文件数达到上限 1024，报 too many open files，新的连接建立不了。`,
    `socket: too many open files when dialing the upstream; the service opens a new connection for every request and never reuses them.`,
    `**Describe the bug**
After about a day the server logs accept4: too many open files and refuses new connections. lsof shows thousands of sockets in CLOSE_WAIT.

**To Reproduce**
1. Run the server with the default ulimit (1024)
2. Generate traffic for a day

**Expected behavior**
Connections are closed and reused.

**Environment**
- Version: 0.12.0
- Go version: go1.22.1
- OS: Ubuntu 22.04`,
  ],
};
