import { type RootCauseEntryInput } from '../knowledge.schema';

export const istioConfigError: RootCauseEntryInput = {
  id: 'istio-config-error',
  title: { en: 'Service mesh misconfiguration (Istio / Envoy)', zh: '服务网格配置错误（Istio / Envoy）' },
  summary: {
    en: 'Traffic breaks inside the mesh because the configuration disagrees with itself or with the workloads: a VirtualService routes to a subset no DestinationRule defines, mTLS modes conflict (PeerAuthentication STRICT vs a client without a sidecar, or DestinationRule tls DISABLE vs ISTIO_MUTUAL), Gateway hosts or ports do not match, ports are not named so protocol detection guesses wrong, or the sidecar has not received config. Envoy answers 503 with response flags UH, NR, NC, UF, URX or UO, or 404 NR, and "upstream connect error or disconnect/reset before headers".',
    zh: '网格内流量因配置自相矛盾或与工作负载不符而中断：VirtualService 路由到 DestinationRule 未定义的 subset、mTLS 模式冲突（PeerAuthentication STRICT 而客户端没有 sidecar，或 DestinationRule tls 为 DISABLE 与 ISTIO_MUTUAL 冲突）、Gateway 的 host 或端口不匹配、端口未按协议命名导致协议探测出错、sidecar 没拿到配置。Envoy 返回带 UH、NR、NC、UF、URX、UO 响应标志的 503，或 404 NR，以及 "upstream connect error or disconnect/reset before headers"。',
  },
  signals: [
    { source: 'envoy', text: 'access log "GET /path HTTP/1.1" 503 UH no_healthy_upstream / 503 NR route_not_found / 503 UF upstream_reset_before_response_started{connection_failure} / 503 URX / 503 UO / 503 NC' },
    { source: 'log', text: 'upstream connect error or disconnect/reset before headers. reset reason: connection failure / connection termination; no healthy upstream' },
    { source: 'log', text: 'TLS error: WRONG_VERSION_NUMBER / CERTIFICATE_VERIFY_FAILED between sidecars — mTLS mode mismatch (PeerAuthentication vs DestinationRule)' },
    { source: 'kubectl', text: 'istioctl analyze: IST0101 ReferencedResourceNotFound, IST0118 PortNameIsNotUnderNamingConvention, IST0128/IST0132 ...; istioctl proxy-status STALE / NOT SENT' },
    { source: 'alert', text: 'IstioHigh5xxErrorRate / IstioHighRequestLatency with response_flags="UH|NR|UF" in istio_requests_total' },
  ],
  alertRules: ['IstioHigh5xxErrorRate', 'IstioProxyConfigRejected', 'IstioPilotConflictInboundListener', 'IstioPilotXdsPushErrors', 'IstioSidecarNotInjected'],
  relatedAlertRules: ['IstioHighRequestLatency', 'HighErrorRate'],
  confusableWith: [
    { classId: 'network-timeout', howToTell: '504 with "upstream request timeout" (flag UT) or context deadline exceeded is a timeout; 503 with UH/NR/NC/UF after a mesh config change, or mTLS errors, is mesh configuration.' },
    { classId: 'dns-failure', howToTell: 'Envoy does not use the pod resolver for mesh routes; NR/NC means no route/cluster in Envoy config, not a DNS failure.' },
    { classId: 'tls-cert-expiry', howToTell: 'mTLS handshake failures from mode mismatch are configuration; expired workload or gateway certificates are tls-cert-expiry.' },
  ],
  runbook: [
    { title: 'Analyze the mesh configuration', command: 'istioctl analyze -n $NAMESPACE\nistioctl analyze --all-namespaces | grep -E "Error|Warning" | head -30', why: 'Finds references to missing subsets/hosts, port naming issues and conflicting policies.' },
    { title: 'Check the sidecar is in sync with istiod', command: 'istioctl proxy-status | grep -v SYNCED', why: 'STALE or NOT SENT proxies run with old configuration.' },
    { title: 'Inspect routes and clusters of the calling pod', command: 'istioctl proxy-config routes $POD.$NAMESPACE --name $PORT -o json | jq ".[].virtualHosts[].domains"\nistioctl proxy-config cluster $POD.$NAMESPACE --fqdn $SERVICE_FQDN\nistioctl proxy-config endpoint $POD.$NAMESPACE --cluster "outbound|$PORT|$SUBSET|$SERVICE_FQDN"', why: 'NR means no matching route; NC no cluster; UH a cluster with no healthy endpoints (often a subset label mismatch).' },
    { title: 'Check mTLS modes on both sides', command: 'kubectl get peerauthentication -A\nkubectl -n $NAMESPACE get destinationrule -o yaml | grep -A3 "tls:"\nistioctl x describe pod $POD -n $NAMESPACE', why: 'STRICT server with a plaintext client, or DISABLE client with STRICT server, breaks connections.' },
    { title: 'Read Envoy access logs with response flags', command: "kubectl -n $NAMESPACE logs $POD -c istio-proxy --since=10m | awk '{print $5, $6}' | sort | uniq -c | sort -rn | head", why: 'The response flag column (UH, NR, UF, URX, UO) names the failure mode.' },
  ],
  verification: [
    { name: 'Mesh 5xx by response flag', promql: 'sum by (destination_service, response_flags) (rate(istio_requests_total{reporter="source", response_code=~"5..", destination_service=~"$SERVICE.*"}[5m]))', expect: 'Non-zero UH/NR/UF/URX while broken; gone after the config fix.' },
    { name: 'Success rate of the service', promql: 'sum(rate(istio_requests_total{reporter="destination", destination_service=~"$SERVICE.*", response_code!~"5.."}[5m])) / sum(rate(istio_requests_total{reporter="destination", destination_service=~"$SERVICE.*"}[5m]))', expect: 'Back to the SLO level.' },
    { name: 'Config rejected by proxies', promql: 'sum(rate(pilot_total_xds_rejects[5m]))', expect: 'Zero; rejections mean some sidecars run stale config.' },
  ],
  rollback: [
    'Revert the last VirtualService / DestinationRule / PeerAuthentication change: kubectl -n $NAMESPACE apply -f the previous manifest (or git revert and let GitOps sync).',
    'Set PeerAuthentication back to PERMISSIVE while clients without sidecars are migrated.',
    'Restart pods whose proxies stay STALE after the revert (kubectl rollout restart deployment/$DEPLOYMENT).',
  ],
  examples: [
    `[2024-06-03T08:14:22.511Z] "GET /api/v2/orders HTTP/1.1" 503 UH no_healthy_upstream - "-" 0 19 0 - "10.244.2.9" "Go-http-client/1.1" "7f3c1e2a-..." "orders.shop.svc.cluster.local:8080" "-" outbound|8080|v2|orders.shop.svc.cluster.local - 10.96.41.7:8080 10.244.2.9:51234 - -`,
    `After adding a VirtualService that sends 10% of traffic to subset v2, all requests to v2 fail with 503 UH. The DestinationRule defines subset v2 with label version: v2, but the new pods are labelled version: "2.0".`,
    `开了 STRICT mTLS 之后，没注入 sidecar 的老服务调用我们全部失败：upstream connect error or disconnect/reset before headers. reset reason: connection termination。`,
    `upstream connect error or disconnect/reset before headers. retried and the latest reset reason: remote connection failure, transport failure reason: TLS_error:|268435703:SSL routines:OPENSSL_internal:WRONG_VERSION_NUMBER:TLS_error_end`,
    `istioctl analyze -n payments
Error [IST0101] (VirtualService payments/checkout) Referenced host+subset in destinationrule not found: "checkout+canary"
Warning [IST0118] (Service payments/ledger) Port name grpc (port: 9090, targetPort: 9090) doesn't follow the naming convention of Istio port.`,
    `"POST /v1/charge HTTP/2" 404 NR route_not_found - "-" 153 0 0 - — the Gateway only lists hosts: ["api.acme.io"] and clients call with Host: api.acme.com, so there is no matching route.`,
    `We have a DestinationRule with trafficPolicy.tls.mode: DISABLE left over from before the mesh migration. With PeerAuthentication STRICT on the server side, every call fails with 503 UC/UF.`,
    `no healthy upstream — returned by the ingress gateway for every request to the new service. The Service selector matches pods, but the VirtualService points at port 80 while the Service exposes 8080.`,
    `Istio 灰度发布后 503 NR，VirtualService 里 host 写成了短名 reviews，但是在另一个 namespace 里，应该写 FQDN reviews.bookinfo.svc.cluster.local。`,
    `[2024-02-11T19:20:01.004Z] "GET /health HTTP/1.1" 503 UF upstream_reset_before_response_started{connection_failure} - "-" 0 91 2 - "-" "kube-probe/1.28" — the port isn't named, protocol sniffing treats the traffic as TCP and the sidecar can't connect.`,
    `503 URX from the sidecar: retries exhausted. The DestinationRule outlier detection ejected every endpoint (consecutive5xxErrors: 1 with maxEjectionPercent: 100), so all retries hit no host.`,
    `"GET /search HTTP/1.1" 503 UO upstream_reset_before_response_started{overflow} — circuit breaker in the DestinationRule: http1MaxPendingRequests: 1 and maxRequestsPerConnection: 1 are far too low for this service.`,
    `istioctl proxy-status shows the productpage sidecars as STALE (RDS). istiod logs "Envoy ACK error ... Proto constraint validation failed" after we applied an EnvoyFilter with a typo.`,
    `IstioHigh5xxErrorRate firing for destination_service="inventory.store.svc.cluster.local" response_flags="NR" — a new VirtualService for the same host in another namespace replaced the routes (conflicting VirtualServices for one host).`,
    `gRPC 调用经过 sidecar 报 rpc error: code = Unavailable desc = upstream connect error or disconnect/reset before headers. reset reason: protocol error，Service 的端口名写成了 http，应该是 grpc。`,
    `Sidecar injection is enabled for the namespace, but the new deployment has sidecar.istio.io/inject: "false" in its template, so with STRICT mTLS nobody can call it (connection reset by peer).`,
    `After upgrading Istio, requests to external APIs return 502 NC: outboundTrafficPolicy is REGISTRY_ONLY now and we have no ServiceEntry for api.stripe.com.`,
    `upstream connect error or disconnect/reset before headers. reset reason: connection failure, transport failure reason: TLS error: CERTIFICATE_VERIFY_FAILED — the DestinationRule for the external DB uses mode SIMPLE with the wrong caCertificates path.`,
    `The Gateway and the VirtualService both bind port 443 for *.acme.io but with different credentialName secrets; istioctl analyze reports IST0145 conflicting gateways, and half the hosts get 404 NR.`,
    `Envoy stats: cluster.outbound|8080|v3|cart.shop.svc.cluster.local.upstream_cx_none_healthy keeps increasing; subset v3 selects pods with label track=v3 but none exist yet.`,
    `服务网格里 503，istio-proxy 日志的 response flag 是 UH，说明目标 cluster 没有健康的 endpoint，查下来是 DestinationRule 的 subset 标签和 Deployment 的标签对不上。`,
    `The readiness probe fails only when the sidecar is injected: the app listens on 127.0.0.1, and with Istio the inbound traffic arrives from the sidecar on the pod IP. 503 UF for every probe.`,
    `Envoy proxy is NOT ready: config not received from XDS server (did you forget to set up the mesh CA?) — sidecars can't reach istiod after the istiod Service port was changed.`,
    `VirtualService timeout: 1s plus retries: attempts 3, perTryTimeout 2s conflicts; callers see 503 URX instead of the backend's real error because the route config is inconsistent.`,
    `Mixed mTLS: PeerAuthentication in istio-system is STRICT, a DestinationRule in the app namespace sets tls mode DISABLE for *.local. Calls between namespaces fail with "connection reset by peer" at the sidecar.`,
    `Calls from the legacy billing VM into the mesh fail with "connection reset by peer" since PeerAuthentication was switched to STRICT; the VM has no sidecar and speaks plain text.`,
    `After the Gateway was renamed, the VirtualService still references the old gateway name, so the ingress has no route for the host and answers 404 NR.`,
    `istio: DestinationRule subset "v2" not found for host reviews; the canary VirtualService sends traffic to a subset that was never defined, and clients see 503 NC.`,
    `Envoy access log shows 503 UF with connection_failure for calls from namespace a to namespace b; PeerAuthentication in b is STRICT while a has no sidecar injection.`,
    `Istio 注入 sidecar 后服务之间调用报 503，upstream connect error or disconnect/reset before headers，检查发现 mTLS 模式配置冲突。`,
    `### What happened?

After installing the chart in a namespace with istio-injection=enabled and STRICT PeerAuthentication, the readiness probe fails and calls from the ingress return 503 UF.

### What did you expect to happen?

The service is reachable through the mesh.

### How can we reproduce it?

Install the chart in a namespace with Istio sidecar injection and STRICT mTLS.

### Kubernetes version

v1.28.4, Istio 1.20.2`,
  ],
};
