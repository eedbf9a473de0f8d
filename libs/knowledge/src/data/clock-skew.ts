import { type RootCauseEntryInput } from '../knowledge.schema';

export const clockSkew: RootCauseEntryInput = {
  id: 'clock-skew',
  title: { en: 'Clock skew: hosts disagree about the time', zh: '时钟偏移：主机之间时间不一致' },
  summary: {
    en: 'A host\'s clock drifts because NTP/chrony is not running, cannot reach its servers, or a VM was paused/restored. Anything that validates time breaks: JWTs rejected as "not yet valid" (nbf/iat in the future) or expired early, certificates "not yet valid" (current time is before NotBefore), AWS "RequestTimeTooSkewed", Kerberos "Clock skew too great", distributed databases refusing nodes whose offset exceeds the maximum, and Prometheus rejecting samples "too far into the future".',
    zh: '主机时钟漂移：NTP/chrony 没运行、连不上时间服务器，或者虚拟机被暂停/恢复。所有校验时间的地方都会出问题：JWT 被判为"尚未生效"（nbf/iat 在未来）或提前过期、证书"尚未生效"（当前时间早于 NotBefore）、AWS 报 "RequestTimeTooSkewed"、Kerberos 报 "Clock skew too great"、分布式数据库拒绝时钟偏移超限的节点、Prometheus 拒收"时间太超前"的样本。',
  },
  signals: [
    { source: 'alert', text: 'NodeClockNotSynchronising (node_timex_sync_status == 0), NodeClockSkewDetected (node_timex_offset_seconds > 0.05), HostClockSkew, HostClockNotSynchronising' },
    { source: 'log', text: 'JWT errors: token used before issued, nbf/iat in the future, "Token is not valid yet", ImmatureSignatureError, "jwt not active"' },
    { source: 'log', text: 'x509: certificate has expired or is not yet valid: current time ... is before NotBefore; RequestTimeTooSkewed; Clock skew too great (KRB_AP_ERR_SKEW); clock offset exceeds max offset' },
    { source: 'log', text: 'timedatectl: System clock synchronized: no, NTP service: inactive; chronyc tracking: System time 14.2 seconds fast; etcd: prober found high clock drift' },
  ],
  alertRules: ['NodeClockNotSynchronising', 'NodeClockSkewDetected', 'HostClockSkew', 'HostClockNotSynchronising', 'ClockSkewDetected', 'EtcdClockDrift'],
  relatedAlertRules: ['PrometheusOutOfOrderTimestamps'],
  confusableWith: [
    { classId: 'tls-cert-expiry', howToTell: 'A certificate that is genuinely past NotAfter is expiry; "not yet valid" or "current time ... is before" (or an expiry error on only one host with a wrong clock) is skew.' },
    { classId: 'network-timeout', howToTell: 'Timeouts measure elapsed time and are unaffected by a wrong wall clock; errors that compare timestamps across hosts point to skew.' },
  ],
  runbook: [
    { title: 'Check clock sync status on the node', command: "kubectl debug node/$NODE -it --image=busybox -- chroot /host sh -c 'timedatectl; chronyc tracking 2>/dev/null || ntpq -p'", why: 'Shows whether NTP is active and the current offset.' },
    { title: 'Compare clocks across nodes', command: "for n in $(kubectl get nodes -o name); do kubectl debug $n -q --image=busybox -- date -u +%s.%N; done 2>/dev/null", why: 'A node several seconds off is the one producing the errors.' },
    { title: 'Check the time sources are reachable', command: "kubectl debug node/$NODE -it --image=busybox -- chroot /host sh -c 'chronyc sources -v; chronyc sourcestats'", why: 'Unreachable servers (firewall on UDP 123) leave chrony free-running.' },
    { title: 'Step the clock and re-enable sync', command: "kubectl debug node/$NODE -it --image=busybox -- chroot /host sh -c 'systemctl enable --now chronyd && chronyc makestep && chronyc tracking'", why: 'makestep corrects a large offset immediately; the service keeps it in sync afterwards.' },
    { title: 'Inspect a rejected token', command: "echo \"$JWT\" | cut -d. -f2 | tr '_-' '/+' | base64 -d 2>/dev/null | jq '{iat, nbf, exp}'; date -u +%s", why: 'iat/nbf later than the verifier\'s clock confirms skew between issuer and verifier.' },
  ],
  verification: [
    { name: 'Clock offset per node', promql: 'max by (instance) (abs(node_timex_offset_seconds))', expect: 'Above 0.05 s on skewed nodes; a few milliseconds after sync.' },
    { name: 'Sync status', promql: 'min by (instance) (node_timex_sync_status)', expect: '0 while not synchronised; 1 after.' },
    { name: 'Estimated error', promql: 'max by (instance) (node_timex_maxerror_seconds)', expect: 'Grows while free-running; small once NTP is locked.' },
  ],
  rollback: [
    'If stepping the clock disrupted time-sensitive workloads (leases, cron), restart them once the clock is stable.',
    'Revert NTP server changes if the new sources are unreachable from the network.',
    'Temporarily increased token leeway (clock tolerance) should be reduced again after clocks are fixed.',
  ],
  examples: [
    `[FIRING:2] NodeClockNotSynchronising
Clock at worker-4:9100 is not synchronising. Ensure NTP is configured on this host.
Runbook: https://runbooks.prometheus-operator.dev/runbooks/node/nodeclocknotsynchronising`,
    `NodeClockSkewDetected: Clock at 10.0.3.17:9100 is out of sync by more than 0.05s. Ensure NTP is configured correctly on this host.`,
    `时钟不同步：有台机器时间快了 40 秒，签发的 JWT 的 iat 在未来，其他服务校验报 token used before issued，chronyd 没启动。`,
    `jwt.exceptions.ImmatureSignatureError: The token is not yet valid (nbf) — only on requests served by one pod; that node's clock is 3 seconds behind the identity provider.`,
    `x509: certificate has expired or is not yet valid: current time 2024-02-01T09:00:03Z is before 2024-02-01T09:10:00Z — the certificate was issued a minute ago, but this VM's clock is 10 minutes slow.`,
    `An error occurred (RequestTimeTooSkewed) when calling the PutObject operation: The difference between the request time and the current time is too large.`,
    `$ timedatectl
               Local time: Tue 2024-05-14 10:02:11 UTC
           Universal time: Tue 2024-05-14 10:02:11 UTC
System clock synchronized: no
              NTP service: inactive`,
    `Kerberos authentication fails with "Clock skew too great (37)" — KRB_AP_ERR_SKEW; the domain controller and the app server differ by 7 minutes.`,
    `CockroachDB node shuts itself down: "clock synchronization error: this node is more than 500ms away from at least half of the known nodes".`,
    `etcd warning: "prober found high clock drift" remote-peer-id=2a1b clock-drift=1.48s rtt=2.1ms`,
    `chronyc tracking
Reference ID    : 00000000 ()
Stratum         : 0
System time     : 12.843221 seconds fast of NTP time
Leap status     : Not synchronised`,
    `虚拟机从快照恢复后时间停在了快照那一刻，NTP 被防火墙拦了（UDP 123），所有依赖时间戳的签名校验都失败。`,
    `Prometheus: "Error on ingesting samples that are too old or are too far into the future" from one scrape target; its clock is 15 minutes ahead, so its pushed timestamps are out of bounds.`,
    `TOTP codes are rejected for users of one region; the auth servers there lost NTP after a network change and drifted 90 seconds.`,
    `Token is not valid yet — our API gateway validates nbf strictly with no leeway, and the token issuer's host clock runs a couple of seconds ahead.`,
    `HostClockSkew: Clock skew detected on host db-3. Clock is out of sync. node_timex_offset_seconds = 2.31`,
    `google.auth.exceptions.RefreshError: ('invalid_grant: Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.') — the container host clock is 2 hours off.`,
    `节点时间不准导致 kubectl exec 报证书尚未生效（not yet valid），同步 NTP 后恢复。`,
    `Our distributed lock uses wall-clock expiry; one worker's clock is 30s fast, so it considers locks expired early and two workers process the same job.`,
    `Logs from one node appear in the future in Loki ("entry too far ahead") — node_timex_sync_status is 0 there since the chrony pod was removed.`,
    `SAML assertion rejected: "NotBefore condition not met" — the SP server clock lags the IdP by 2 minutes; NTP client was disabled in the base image.`,
    `Raft leader keeps losing its lease: heartbeats are fine (monotonic), but the lease check uses wall time and one member's clock jumps back every hour when ntpdate runs from cron.`,
    `kafka: Timestamp of message is out of acceptable range (message.timestamp.difference.max.ms) — the producer host clock is a day behind.`,
    `时钟漂移告警 NodeClockSkewDetected，偏移 0.8 秒，导致分布式追踪里子 span 比父 span 先开始，顺便排查到 ntp 服务器不可达。`,
    `Our signed URLs are expired the moment they are created because the signing service's clock is 20 minutes fast — users get "Request has expired".`,
    `Login works on four of five API servers; the fifth rejects fresh tokens with "iat is in the future" because its clock lags by 6 seconds.`,
    `After a live migration the VM's wall clock jumped back 90 seconds; session tokens issued elsewhere are refused as not yet valid until chrony slews the clock back.`,
    `NodeClockSkewDetected fired for three nodes after the hypervisor maintenance; chrony wasn't running on the new image.`,
    `服务器时间和 NTP 服务器差了 2 分钟，签名校验失败，说请求时间戳过期，开启 chronyd 同步后恢复。`,
    `AWS SDK: SignatureDoesNotMatch / RequestTimeTooSkewed from the backup job; the container host clock drifted because ntpd was disabled.`,
    `**Describe the bug**
Authentication fails randomly with 'token is not valid yet'. The pods run on nodes whose clock is several seconds off because the node image has no NTP client.

**To Reproduce**
1. Run on nodes without time sync
2. Log in repeatedly

**Expected behavior**
Login works regardless of small clock differences.

**Environment**
- Version: 21.1
- Kubernetes: v1.28
- OS image: custom`,
  ],
};
