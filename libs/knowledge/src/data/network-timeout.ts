import { type RootCauseEntryInput } from '../knowledge.schema';

export const networkTimeout: RootCauseEntryInput = {
  id: 'network-timeout',
  title: { en: 'Upstream latency and network timeouts', zh: '上游延迟与网络超时' },
  summary: {
    en: 'Calls to a dependency take longer than the caller is willing to wait, or the connection is dropped: "context deadline exceeded", "i/o timeout", "Client.Timeout exceeded while awaiting headers", 504 "upstream request timeout", nginx "upstream timed out", "connection reset by peer", "broken pipe". Causes range from a slow or overloaded upstream, packet loss, conntrack table exhaustion or MTU problems, to timeouts and retries that are mis-sized for each other.',
    zh: '调用依赖的耗时超过调用方愿意等待的时间，或连接被断开："context deadline exceeded"、"i/o timeout"、"Client.Timeout exceeded while awaiting headers"、504 "upstream request timeout"、nginx "upstream timed out"、"connection reset by peer"、"broken pipe"。原因可能是上游慢或过载、丢包、conntrack 表满、MTU 问题，也可能是各层超时与重试配置互不匹配。',
  },
  signals: [
    { source: 'log', text: 'context deadline exceeded; rpc error: code = DeadlineExceeded; dial tcp 10.0.4.12:443: i/o timeout; net/http: request canceled (Client.Timeout exceeded while awaiting headers); TLS handshake timeout' },
    { source: 'envoy', text: '504 UT "upstream request timeout"; 503 UC / DC connection termination; nginx 504 Gateway Time-out, upstream timed out (110: Connection timed out) while reading response header from upstream' },
    { source: 'log', text: 'read: connection reset by peer, write: broken pipe, unexpected EOF, ECONNRESET, ETIMEDOUT, SocketTimeoutException: Read timed out' },
    { source: 'alert', text: 'BlackboxProbeFailed, BlackboxProbeSlowHttp, NodeHighNumberConntrackEntriesUsed, NodeNetworkReceiveErrs, high p99 latency SLO burn' },
  ],
  alertRules: ['BlackboxProbeSlowHttp', 'BlackboxProbeFailed', 'BlackboxSlowProbe', 'NodeHighNumberConntrackEntriesUsed', 'HighRequestLatency', 'UpstreamTimeouts'],
  relatedAlertRules: ['NodeNetworkReceiveErrs', 'NodeNetworkTransmitErrs', 'NodeNetworkInterfaceFlapping', 'KubeAPIErrorBudgetBurn', 'TargetDown'],
  confusableWith: [
    { classId: 'dns-failure', howToTell: '"lookup <host> on 10.96.0.10:53: ... i/o timeout" is the resolver timing out — DNS. A timeout dialing an IP or waiting for headers is the network/upstream.' },
    { classId: 'db-pool-exhaustion', howToTell: 'A deadline exceeded while waiting for a pooled connection (pool wait, active=max) is pool exhaustion, not the network.' },
    { classId: 'istio-config-error', howToTell: '504 UT is a route timeout (network-timeout); 503 UH/NR/NC after a mesh change is configuration.' },
    { classId: 'goroutine-leak-netread', howToTell: 'Timeouts are errors that occur; missing timeouts make goroutines wait forever without errors.' },
  ],
  runbook: [
    { title: 'Measure latency to the upstream from the caller\'s pod', command: "kubectl -n $NAMESPACE exec $POD -- curl -sS -o /dev/null -w 'dns=%{time_namelookup} connect=%{time_connect} tls=%{time_appconnect} ttfb=%{time_starttransfer} total=%{time_total}\\n' https://$UPSTREAM_HOST/healthz", why: 'Splits the time into DNS, TCP connect, TLS and server processing.' },
    { title: 'Check the upstream\'s own latency and saturation', command: "kubectl -n $UPSTREAM_NAMESPACE top pod -l app=$UPSTREAM_APP\nkubectl -n $UPSTREAM_NAMESPACE logs deploy/$UPSTREAM_APP --since=15m | grep -i -E 'slow|timeout|deadline' | tail", why: 'A slow upstream (CPU, GC, DB) shows up on its side as high latency.' },
    { title: 'Look for packet loss and conntrack exhaustion on the node', command: "kubectl debug node/$NODE -it --image=nicolaka/netshoot -- sh -c 'conntrack -S | head; cat /proc/sys/net/netfilter/nf_conntrack_count /proc/sys/net/netfilter/nf_conntrack_max; netstat -s | grep -i -E \"retrans|reset|timeout\"'", why: 'A full conntrack table drops new connections silently; retransmits indicate loss.' },
    { title: 'Compare timeout budgets across layers', command: "kubectl -n $NAMESPACE get virtualservice,destinationrule -o yaml | grep -E -A2 'timeout|retries|perTryTimeout'\ngrep -rn --include='*.go' -E 'Timeout:|WithTimeout\\(' ./internal | head", why: 'Client timeout shorter than server processing, or retries multiplying load, produce timeouts under load.' },
    { title: 'Trace one slow request end to end', command: "curl -s -H 'traceparent: 00-$(openssl rand -hex 16)-$(openssl rand -hex 8)-01' https://$SERVICE_HOST/$PATH -o /dev/null -w '%{http_code} %{time_total}\\n'", why: 'A trace shows which hop consumed the time.' },
  ],
  verification: [
    { name: 'Timeout / 504 rate', promql: 'sum(rate(http_requests_total{job="$JOB", code="504"}[5m])) / sum(rate(http_requests_total{job="$JOB"}[5m]))', expect: 'Elevated while the upstream times out; back near zero after.' },
    { name: 'Upstream p99 latency', promql: 'histogram_quantile(0.99, sum by (le) (rate(http_client_request_duration_seconds_bucket{job="$JOB", upstream="$UPSTREAM"}[5m])))', expect: 'Close to or above the client timeout while failing; well below it after.' },
    { name: 'Conntrack table usage', promql: 'max by (instance) (node_nf_conntrack_entries / node_nf_conntrack_entries_limit)', expect: 'Near 1.0 if drops come from conntrack; lower after raising the limit or reducing connections.' },
  ],
  rollback: [
    'If a raised timeout lets requests pile up (goroutines, connections), revert it and fix the slow dependency instead.',
    'Revert retry changes that multiply load on the upstream (retry storms).',
    'Roll back the upstream release (kubectl rollout undo) if latency started with it.',
  ],
  examples: [
    `2024-05-20T11:02:13.551Z ERROR payment client call failed {"error": "Post \\"https://psp.example.net/v1/authorize\\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)", "elapsed": "10.001s"}`,
    `rpc error: code = DeadlineExceeded desc = context deadline exceeded — inventory service p99 went from 80ms to 3s after its database got slow; our 500ms deadline expires on most calls.`,
    `接口大量超时，日志里都是 dial tcp 10.12.4.31:8443: i/o timeout，目标服务所在节点网络有问题，丢包率 30%。`,
    `< HTTP/1.1 504 Gateway Timeout
< server: envoy
< content-length: 24
upstream request timeout`,
    `2024/03/01 12:00:11 [error] 31#31: *88231 upstream timed out (110: Connection timed out) while reading response header from upstream, client: 10.0.1.5, server: api.acme.io, request: "GET /reports/annual HTTP/1.1", upstream: "http://10.244.3.17:8080/reports/annual"`,
    `read tcp 10.244.1.9:43122->10.244.5.3:6379: read: connection reset by peer — happens every few minutes; the NAT gateway drops idle connections after 350s and the client pool keeps them for 10 minutes.`,
    `NodeHighNumberConntrackEntriesUsed: 92% of conntrack entries are used on node worker-4. New connections are dropped; clients see connect timeouts to random services.`,
    `调用第三方接口经常 context deadline exceeded，对方响应慢，我们的超时 2 秒，重试 3 次，高峰期反而把对方打得更慢了。`,
    `java.net.SocketTimeoutException: Read timed out
	at java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)
	at okhttp3.internal.connection.RealCall.execute(RealCall.kt:154)`,
    `write tcp 10.1.2.3:8080->10.1.9.9:51422: write: broken pipe — the client gave up (its timeout is 5s) while we were still computing the response.`,
    `Error: connect ETIMEDOUT 10.20.3.4:5432
    at TCPConnectWrapper.afterConnect [as oncomplete] (node:net:1555:16) — security group rule was removed, SYN packets are dropped.`,
    `BlackboxProbeSlowHttp: HTTP request took more than 1s for https://status.acme.io (probe_http_duration_seconds{phase="processing"} = 4.2).`,
    `net/http: TLS handshake timeout when calling the S3 endpoint from pods on the new node pool. MTU on the overlay is 1450 but the nodes send 1500-byte packets; large TLS records get dropped.`,
    `超时问题：gRPC 客户端报 DeadlineExceeded，服务端日志显示请求处理只用了 50ms，但中间的负载均衡有 30 秒空闲连接回收，连接被悄悄断开后第一次请求总是超时。`,
    `Post "http://ranker.search:8080/score": net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)`,
    `The ingress returns 504 after exactly 60 seconds for the export endpoint; the backend takes ~90s to build the file. The proxy read timeout is shorter than the work.`,
    `Intermittent "unexpected EOF" and "connection reset by peer" from the upstream after its keep-alive timeout (5s) is shorter than our client's idle timeout (90s): we reuse connections the server already closed.`,
    `context deadline exceeded 大量出现在调用订单服务时，订单服务 CPU 被限流，响应从 20ms 涨到 800ms，调用方超时 500ms。`,
    `[2024-04-22T09:13:44.203Z] "POST /api/quote HTTP/1.1" 504 UT response_timeout - "-" 311 24 15001 - "10.4.2.8" "okhttp/4.11" — the route timeout is 15s and the pricing backend is taking longer.`,
    `Warning  Unhealthy  kubelet  Readiness probe failed: Get "http://10.0.12.7:9000/ready": context deadline exceeded (Client.Timeout exceeded while awaiting headers) — the ledger pods answer after ~3s under load and the probe allows 1s.`,
    `Packet loss between two AZs (node_network_receive_drop_total rising on the ENIs) causes TCP retransmits; p99 of cross-zone calls jumps to 1s+ and many calls hit the 800ms deadline.`,
    `curl: (28) Operation timed out after 30001 milliseconds with 0 bytes received — from inside the pod to the partner API; from the node it works, so we suspect the egress NAT.`,
    `网络超时告警：BlackboxProbeFailed，外部探测访问 api 入口超时，同时段 LB 后端健康检查也在抖动，疑似上游网络故障。`,
    `io.grpc.StatusRuntimeException: DEADLINE_EXCEEDED: deadline exceeded after 1.999s. [closed=[], open=[[remote_addr=10.3.2.1:50051]]]`,
    `Error: socket hang up / ECONNRESET when calling the billing API through the corporate proxy; the proxy closes connections that are idle for 30s and the Node agent keeps them for 60s.`,
    `Our consumers log "context deadline exceeded" talking to the schema registry; the registry's response time went from 20ms to several seconds after its database failover.`,
    `Uploads larger than 200MB fail with 504 after exactly 60s: the load balancer idle timeout is shorter than the time the backend needs to acknowledge the upload.`,
    `Intermittent i/o timeout errors when connecting to the database from pods on one node; that node's conntrack table is full and SYNs are dropped.`,
    `readiness checks of the upstream fail with deadline exceeded because the service is overloaded; callers retry and make it worse.`,
    `调用外部支付接口 read timeout，对方高峰期响应慢，连接还经常被 reset by peer。`,
    `**Describe the bug**
Requests to the storage backend fail with context deadline exceeded (Client.Timeout exceeded while awaiting headers) when uploading files larger than 1GB.

**To Reproduce**
1. Upload a 2GB file

**Expected behavior**
The upload completes.

**Environment**
- Version: 1.6.2
- Go version: go1.21.4
- Backend: S3-compatible, behind a proxy`,
  ],
};
