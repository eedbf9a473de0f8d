import { type RootCauseEntryInput } from '../knowledge.schema';

export const dnsFailure: RootCauseEntryInput = {
  id: 'dns-failure',
  title: { en: 'DNS resolution fails or is slow', zh: 'DNS 解析失败或变慢' },
  summary: {
    en: 'Names do not resolve, or resolve slowly: "no such host", NXDOMAIN, SERVFAIL, "server misbehaving", "Temporary failure in name resolution", EAI_AGAIN, ENOTFOUND, UnknownHostException, or lookups timing out against the cluster DNS (10.96.0.10:53). Causes include CoreDNS overload or crashes, an upstream resolver failing, ndots:5 search-list storms multiplying queries, the conntrack UDP race producing 5 s delays, wrong names, missing records, and network policies blocking port 53.',
    zh: '域名解析不了或解析很慢："no such host"、NXDOMAIN、SERVFAIL、"server misbehaving"、"Temporary failure in name resolution"、EAI_AGAIN、ENOTFOUND、UnknownHostException，或者对集群 DNS（10.96.0.10:53）的查询超时。原因包括 CoreDNS 过载或崩溃、上游解析器故障、ndots:5 搜索域导致查询量成倍增加、conntrack UDP 竞争导致 5 秒延迟、域名写错、记录缺失、网络策略拦截 53 端口。',
  },
  signals: [
    { source: 'log', text: 'dial tcp: lookup orders.shop.svc.cluster.local on 10.96.0.10:53: no such host / server misbehaving / read udp 10.244.1.5:41234->10.96.0.10:53: i/o timeout' },
    { source: 'log', text: 'getaddrinfo EAI_AGAIN / ENOTFOUND, java.net.UnknownHostException, Temporary failure in name resolution, curl: (6) Could not resolve host' },
    { source: 'log', text: 'CoreDNS [ERROR] plugin/errors: 2 example.com. A: read udp ... i/o timeout; SERVFAIL / NXDOMAIN in dig output' },
    { source: 'alert', text: 'CoreDNSDown, CoreDNSErrorsHigh, CoreDNSLatencyHigh, CoreDNSForwardErrorsHigh, CoreDNSForwardLatencyHigh, KubeDNSDown' },
    { source: 'metric', text: 'coredns_dns_responses_total{rcode="SERVFAIL"} rising; many queries for name.svc.cluster.local.svc.cluster.local (ndots search expansion)' },
  ],
  alertRules: ['CoreDNSDown', 'CoreDNSErrorsHigh', 'CoreDNSLatencyHigh', 'CoreDNSForwardErrorsHigh', 'CoreDNSForwardLatencyHigh', 'CoreDNSForwardHealthcheckFailureCount', 'KubeDNSDown', 'NodeLocalDNSDown'],
  relatedAlertRules: ['BlackboxProbeFailed'],
  confusableWith: [
    { classId: 'network-timeout', howToTell: 'A timeout inside "lookup X on ...:53" is DNS. Timeouts connecting to an IP or awaiting headers are the network or the upstream.' },
    { classId: 'k8s-image-pull', howToTell: 'Image pulls failing with "no such host" for the registry are DNS; manifest unknown / unauthorized are pull problems.' },
    { classId: 'istio-config-error', howToTell: 'Envoy NR/NC are mesh routing, not resolver errors.' },
  ],
  runbook: [
    { title: 'Resolve the name from inside the failing pod', command: 'kubectl -n $NAMESPACE exec $POD -- cat /etc/resolv.conf\nkubectl -n $NAMESPACE exec $POD -- nslookup $HOSTNAME || kubectl run -it --rm dnscheck --image=nicolaka/netshoot --restart=Never -- dig +search $HOSTNAME', why: 'Shows the resolver, search list, ndots and the actual answer (NXDOMAIN, SERVFAIL, timeout).' },
    { title: 'Check CoreDNS health and errors', command: 'kubectl -n kube-system get pods -l k8s-app=kube-dns -o wide\nkubectl -n kube-system logs -l k8s-app=kube-dns --since=15m | grep -E "ERROR|SERVFAIL|timeout" | tail -30', why: 'Crashing or overloaded CoreDNS pods and upstream forward errors show up here.' },
    { title: 'Measure query latency and rcodes', command: "kubectl run -it --rm dnsperf --image=nicolaka/netshoot --restart=Never -- sh -c 'for i in $(seq 1 20); do dig +tries=1 +time=2 $HOSTNAME | grep -E \"status|Query time\"; done'", why: 'Intermittent 5 s delays point at the conntrack race or packet loss on UDP 53.' },
    { title: 'Reduce search-list amplification', command: "kubectl -n $NAMESPACE patch deployment $DEPLOYMENT --type merge -p '{\"spec\":{\"template\":{\"spec\":{\"dnsConfig\":{\"options\":[{\"name\":\"ndots\",\"value\":\"2\"}]}}}}}'", why: 'With ndots:5, an external name is tried with every search suffix first; lowering ndots or using FQDNs with a trailing dot cuts queries.' },
    { title: 'Scale CoreDNS or add NodeLocal DNSCache', command: 'kubectl -n kube-system scale deployment coredns --replicas=4\nkubectl -n kube-system get configmap coredns -o yaml | grep -A5 forward', why: 'More replicas or a node-local cache absorb query storms; check the forward upstreams.' },
  ],
  verification: [
    { name: 'SERVFAIL / NXDOMAIN rate', promql: 'sum by (rcode) (rate(coredns_dns_responses_total{rcode=~"SERVFAIL|NXDOMAIN"}[5m]))', expect: 'SERVFAIL elevated during the incident; back to baseline after.' },
    { name: 'CoreDNS p99 latency', promql: 'histogram_quantile(0.99, sum by (le) (rate(coredns_dns_request_duration_seconds_bucket[5m])))', expect: 'High (hundreds of ms to seconds) while failing; a few ms after.' },
    { name: 'Upstream forward errors', promql: 'sum(rate(coredns_forward_responses_total{rcode="SERVFAIL"}[5m])) + sum(rate(coredns_forward_healthcheck_failures_total[5m]))', expect: 'Zero once the upstream resolvers are healthy.' },
  ],
  rollback: [
    'Revert CoreDNS ConfigMap changes (kubectl -n kube-system rollout undo deployment/coredns after restoring the previous Corefile).',
    'Remove a dnsConfig override (ndots) if it breaks resolution of short service names that relied on the search list.',
    'Scale CoreDNS back only after query volume and latency are normal.',
  ],
  examples: [
    `dial tcp: lookup payments.billing.svc.cluster.local on 10.96.0.10:53: no such host`,
    `Get "https://api.partner.io/v2/rates": dial tcp: lookup api.partner.io on 10.96.0.10:53: read udp 10.244.3.18:52811->10.96.0.10:53: i/o timeout`,
    `DNS 解析失败：服务启动时报 lookup mysql-primary on 10.96.0.10:53: server misbehaving，CoreDNS 的上游 DNS 挂了，转发全部 SERVFAIL。`,
    `Error: getaddrinfo ENOTFOUND redis-master.cache.svc.cluster.local
    at GetAddrInfoReqWrap.onlookup [as oncomplete] (node:dns:107:26)`,
    `java.net.UnknownHostException: kafka-0.kafka-headless.streaming.svc.cluster.local: Name or service not known`,
    `CoreDNS logs:
[ERROR] plugin/errors: 2 login.microsoftonline.com. AAAA: read udp 10.244.0.12:40211->168.63.129.16:53: i/o timeout
[ERROR] plugin/errors: 2 login.microsoftonline.com. A: read udp 10.244.0.12:36624->168.63.129.16:53: i/o timeout`,
    `curl: (6) Could not resolve host: auth.internal.acme.io — from pods only; the node resolves it. The CoreDNS forward points at a resolver that doesn't know the private zone.`,
    `DNS 请求偶发 5 秒延迟，抓包发现 A 和 AAAA 查询同时发出，conntrack 竞争导致一个包被丢，等 5 秒超时重试。加了 single-request-reopen 后好了。`,
    `With ndots:5, every lookup of api.stripe.com first tries api.stripe.com.payments.svc.cluster.local, api.stripe.com.svc.cluster.local, api.stripe.com.cluster.local ... CoreDNS gets 5x the queries and starts dropping them.`,
    `CoreDNSErrorsHigh: CoreDNS is returning SERVFAIL for 12.4% of requests.`,
    `socket.gaierror: [Errno -3] Temporary failure in name resolution — the Python worker fails to connect to postgres.db.svc right after the CoreDNS pods were rescheduled.`,
    `Failed to resolve 'kafka-1.kafka:9092': Name or service not known (after 4ms in state CONNECT)`,
    `域名解析不了，nslookup 返回 NXDOMAIN，原来是 Service 在另一个 namespace，短名字解析不到，要写 svc.namespace。`,
    `;; ->>HEADER<<- opcode: QUERY, status: SERVFAIL, id: 4431
;; QUESTION SECTION:
;registry.acme.io.		IN	A
;; Query time: 5002 msec
;; SERVER: 10.96.0.10#53(10.96.0.10)`,
    `npm ERR! code EAI_AGAIN
npm ERR! errno EAI_AGAIN
npm ERR! request to https://registry.npmjs.org/lodash failed, reason: getaddrinfo EAI_AGAIN registry.npmjs.org`,
    `A NetworkPolicy with default-deny egress was added to the namespace without allowing UDP/TCP 53 to kube-dns; every outbound call fails with "no such host" right after the policy was applied.`,
    `CoreDNS pods are OOMKilled under the query storm, and while they restart every lookup fails: lookup user-svc on 10.96.0.10:53: read udp: i/o timeout.`,
    `coredns_forward_responses_total{rcode="SERVFAIL"} jumped at 10:41; the upstream corporate DNS servers 10.1.1.1 and 10.1.1.2 were unreachable after a firewall change.`,
    `k8s 里 DNS 查询延迟很高，CoreDNS 的 p99 到了 2 秒，CoreDNSLatencyHigh 告警，扩容 CoreDNS 副本并开启 NodeLocal DNSCache 后恢复。`,
    `panic: failed to connect to database: dial tcp: lookup pg-prod.c7x2k.eu-west-1.rds.amazonaws.com: no such host — the RDS endpoint was recreated with a new name.`,
    `Intermittent resolution errors from Alpine-based images: musl sends A and AAAA in parallel over the same socket and doesn't handle the truncated response from the search domain; switching to a glibc base image fixed it.`,
    `Error resolving upstream: SERVFAIL for *.internal, DNSSEC validation fails because the private zone isn't signed and the resolver enforces validation.`,
    `The service mesh egress fails but the real error in the app log is "dial tcp: lookup s3.eu-central-1.amazonaws.com: Temporary failure in name resolution"; VPC DNS limit of 1024 packets/s per ENI was hit.`,
    `KubeDNSDown / CoreDNSDown: CoreDNS has disappeared from Prometheus target discovery. All pods in the cluster fail DNS lookups.`,
    `dns lookup failed: lookup grpc.upstream on 127.0.0.53:53: no such host (systemd-resolved on the VM has no upstream after the DHCP lease renewal)`,
    `The app can't resolve the database host after the cluster upgrade: dial tcp: lookup postgres.db.svc.cluster.local: no such host.`,
    `All forwarders configured in the Corefile time out after the firewall change, so every external lookup returns SERVFAIL.`,
    `pip install fails in the build container: Temporary failure in name resolution for pypi.org; the Docker daemon's DNS points at a resolver only reachable from the office network.`,
    `域名解析偶尔失败，报 Temporary failure in name resolution，CoreDNS 日志里大量 i/o timeout，上游 DNS 不稳定。`,
    `Lookups of external hostnames take 5 seconds from pods because of ndots:5 and a search path of four domains; every name is tried with each suffix first.`,
    `### What happened?

The operator can't reach the API of the cloud provider after the upgrade: dial tcp: lookup api.cloud.example on 10.96.0.10:53: server misbehaving.

### What did you expect to happen?

The operator resolves external names.

### How can we reproduce it?

Install the chart with a NetworkPolicy that blocks egress to kube-dns.

### Kubernetes version

v1.28.1`,
  ],
};
