import { type RootCauseEntryInput } from '../knowledge.schema';

export const tlsCertExpiry: RootCauseEntryInput = {
  id: 'tls-cert-expiry',
  title: { en: 'TLS certificate expired or about to expire', zh: 'TLS 证书过期或即将过期' },
  summary: {
    en: 'A certificate in the chain passed its NotAfter date (or is about to): an ingress or API certificate whose renewal failed, kubeadm cluster certificates after one year, kubelet client/serving certificates that did not rotate, an internal CA or webhook certificate, a client certificate baked into a kubeconfig. Handshakes fail with "x509: certificate has expired or is not yet valid: current time ... is after ...", CERT_HAS_EXPIRED, "SSL certificate problem: certificate has expired", CertificateExpiredException.',
    zh: '证书链中的某张证书已过 NotAfter（或即将过期）：续期失败的 Ingress 或 API 证书、kubeadm 集群证书满一年、kubelet 客户端/服务端证书没有轮转、内部 CA 或 webhook 证书、写死在 kubeconfig 里的客户端证书。握手失败，报 "x509: certificate has expired or is not yet valid: current time ... is after ..."、CERT_HAS_EXPIRED、"SSL certificate problem: certificate has expired"、CertificateExpiredException。',
  },
  signals: [
    { source: 'log', text: 'x509: certificate has expired or is not yet valid: current time 2024-03-02T10:00:00Z is after 2024-03-01T23:59:59Z' },
    { source: 'log', text: 'CERT_HAS_EXPIRED (Node.js), SSL certificate problem: certificate has expired (curl), java.security.cert.CertificateExpiredException: NotAfter, PKIX path validation failed: validity check failed, remote error: tls: expired certificate' },
    { source: 'kubectl', text: 'kubeadm certs check-expiration shows RESIDUAL TIME invalid/0d; cert-manager Certificate READY False, renewal failed; kubelet "certificate rotation" errors' },
    { source: 'alert', text: 'KubeClientCertificateExpiration, KubeletClientCertificateExpiration, KubeletServerCertificateExpiration, KubeletClientCertificateRenewalErrors, BlackboxSslCertificateWillExpireSoon, CertManagerCertExpirySoon, X509CertificateExpiration' },
  ],
  alertRules: ['KubeClientCertificateExpiration', 'KubeletClientCertificateExpiration', 'KubeletServerCertificateExpiration', 'KubeletClientCertificateRenewalErrors', 'KubeletServerCertificateRenewalErrors', 'BlackboxSslCertificateWillExpireSoon', 'BlackboxSslCertificateExpired', 'CertManagerCertExpirySoon', 'CertManagerCertNotReady', 'X509CertificateExpiration', 'SSLCertExpiringSoon', 'EtcdCertificateExpiration'],
  relatedAlertRules: ['KubeAPIDown', 'KubeAggregatedAPIErrors'],
  confusableWith: [
    { classId: 'clock-skew', howToTell: '"current time X is after NotAfter" with a correct clock: expired. "current time X is before NotBefore", "certificate is not yet valid", or a wrong system time: clock skew.' },
    { classId: 'istio-config-error', howToTell: 'mTLS failures from PeerAuthentication/DestinationRule mode mismatch are configuration; expired workload or gateway certificates belong here.' },
    { classId: 'k8s-image-pull', howToTell: '"x509: certificate signed by unknown authority" pulling from a private registry is a trust setup issue of the pull, not an expiry.' },
  ],
  runbook: [
    { title: 'Read the certificate dates the server presents', command: "echo | openssl s_client -connect $HOST:443 -servername $HOST 2>/dev/null | openssl x509 -noout -subject -issuer -dates", why: 'notAfter in the past confirms expiry; check every hop (ingress, service, intermediate).' },
    { title: 'Check Kubernetes control-plane and kubelet certificates', command: "kubeadm certs check-expiration\nkubectl debug node/$NODE -it --image=busybox -- chroot /host openssl x509 -noout -enddate -in /var/lib/kubelet/pki/kubelet-client-current.pem", why: 'kubeadm certificates expire after a year unless the cluster was upgraded or renewed.' },
    { title: 'Check cert-manager certificates', command: 'kubectl get certificate -A | grep -v True\nkubectl -n $NAMESPACE describe certificate $CERT | sed -n "/Status:/,$p"\nkubectl -n $NAMESPACE get certificaterequest,order,challenge', why: 'A failed ACME challenge or issuer error explains a missed renewal.' },
    { title: 'Renew', command: 'kubeadm certs renew all && systemctl restart kubelet   # control plane, then restart static pods\ncmctl renew -n $NAMESPACE $CERT   # cert-manager', why: 'Issues new certificates; components must reload them (restart static pods / rollout restart).' },
    { title: 'Verify the new certificate is served', command: "echo | openssl s_client -connect $HOST:443 -servername $HOST 2>/dev/null | openssl x509 -noout -enddate\nkubectl -n $NAMESPACE rollout restart deployment/$DEPLOYMENT", why: 'Processes that loaded the old certificate keep serving it until restarted.' },
  ],
  verification: [
    { name: 'Days until expiry (probed)', promql: 'min by (instance) ((probe_ssl_earliest_cert_expiry{job="$JOB"} - time()) / 86400)', expect: 'Negative or below 7 while broken; well above the renewal threshold after.' },
    { name: 'cert-manager expiry', promql: 'min by (name, namespace) ((certmanager_certificate_expiration_timestamp_seconds - time()) / 86400)', expect: 'Positive, with renewal happening at about 2/3 of the lifetime.' },
    { name: 'Client certificate expiry seen by the apiserver', promql: 'histogram_quantile(0.01, sum by (le) (rate(apiserver_client_certificate_expiration_seconds_bucket{job="apiserver"}[5m])))', expect: 'The lowest client certificate lifetime should be days, not hours or negative.' },
  ],
  rollback: [
    'Keep the previous certificate and key (secret backup) until clients have reloaded the new one; restore it only if the new chain is incomplete.',
    'If a CA was rotated, keep both old and new CA in trust bundles during the transition.',
    'Back up /etc/kubernetes/pki before kubeadm certs renew so a failed renewal can be reverted.',
  ],
  examples: [
    `Unable to connect to the server: x509: certificate has expired or is not yet valid: current time 2024-07-02T08:15:33Z is after 2024-07-01T11:42:10Z`,
    `[FIRING:1] KubeClientCertificateExpiration
A client certificate used to authenticate to kubernetes apiserver is expiring in less than 7.0 days.`,
    `证书过期了，调用接口报 x509: certificate has expired or is not yet valid，检查 ingress 证书 notAfter 是昨天，cert-manager 续期失败，ACME challenge 一直 pending。`,
    `curl: (60) SSL certificate problem: certificate has expired
More details here: https://curl.se/docs/sslcerts.html`,
    `Error: certificate has expired
    at TLSSocket.onConnectSecure (node:_tls_wrap:1659:34) {
  code: 'CERT_HAS_EXPIRED'
}`,
    `$ kubeadm certs check-expiration
CERTIFICATE                EXPIRES                  RESIDUAL TIME   CERTIFICATE AUTHORITY   EXTERNALLY MANAGED
admin.conf                 Mar 14, 2024 09:02 UTC   <invalid>       ca                      no
apiserver                  Mar 14, 2024 09:02 UTC   <invalid>       ca                      no
apiserver-etcd-client      Mar 14, 2024 09:02 UTC   <invalid>       etcd-ca                 no`,
    `The cluster was installed with kubeadm exactly one year ago and never upgraded. Since this morning kubectl fails with an x509 expiry error and the kubelets can't talk to the apiserver.`,
    `javax.net.ssl.SSLHandshakeException: PKIX path validation failed: java.security.cert.CertPathValidatorException: validity check failed
Caused by: java.security.cert.CertificateExpiredException: NotAfter: Sun Jun 30 23:59:59 UTC 2024`,
    `BlackboxSslCertificateWillExpireSoon: SSL certificate expires in 3 days for https://shop.acme.io (probe_ssl_earliest_cert_expiry).`,
    `kubelet: E0601 part of the node log: "Failed while requesting a signed certificate from the control plane" ... "certificate rotation" — kubelet client cert expired and nodes went NotReady.`,
    `webhook 调用失败：failed calling webhook "validate.acme.io": Post "https://acme-webhook.system.svc:443/validate": x509: certificate has expired or is not yet valid，webhook 的自签证书一年有效期到了。`,
    `remote error: tls: expired certificate — the mTLS client certificate issued to the billing job is expired; the server rejects the handshake.`,
    `cert-manager Certificate api-tls: Ready=False, reason: Failing, message: "The certificate request has failed to complete and will be retried: Failed to wait for order resource to become ready: order is in errored state". The current certificate expires in 2 days.`,
    `Our internal CA's intermediate certificate expired last night; every service presenting a leaf signed by it fails verification even though the leaves themselves are valid.`,
    `KubeletServerCertificateExpiration: Kubelet on node worker-3 has its server certificate expiring in less than 1 day. kubectl logs/exec to pods on that node fail with x509 errors.`,
    `etcd: rejected connection from "10.0.0.12:43210" (error "tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time 2024-09-01T00:00:12Z is after 2024-08-31T23:51:02Z", ServerName "")`,
    `SSL 证书到期导致 App 全部请求失败，iOS 报 NSURLErrorServerCertificateUntrusted，Let's Encrypt 自动续期的 cron 好几个月前就停了。`,
    `X509CertificateExpiration: certificate /etc/kubernetes/pki/front-proxy-client.crt on master-1 expires in 5 days (x509_cert_not_after).`,
    `Unable to connect to the server: x509: certificate has expired — the kubeconfig embedded client cert (client-certificate-data) was issued for 1 year; need to regenerate admin.conf.`,
    `tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time 2024-11-05T10:03:41Z is after 2024-11-04T12:00:00Z (the system clock is correct; the cert really expired)`,
    `gRPC: transport: authentication handshake failed: x509: certificate has expired or is not yet valid — the service mesh root cert was self-signed with a 1-year lifetime and not rotated.`,
    `证书即将过期告警：CertManagerCertExpirySoon，api-gateway 的证书 5 天后过期，检查 Issuer 发现 DNS01 的 API token 已经失效，续期一直失败。`,
    `openssl s_client -connect login.acme.io:443 | openssl x509 -noout -dates
notBefore=Jan 10 00:00:00 2024 GMT
notAfter=Apr  9 23:59:59 2024 GMT
Today is Apr 11: the certificate expired two days ago.`,
    `After the certificate renewal the secret was updated, but nginx was never reloaded, so it still serves the expired certificate from memory.`,
    `Docker login fails: Error response from daemon: Get "https://registry.acme.internal/v2/": x509: certificate has expired or is not yet valid — the registry's certificate expired.`,
    `Our kubeadm cluster was never upgraded after installation; 365 days later the apiserver, controller-manager and scheduler certificates expired at once and the control plane stopped answering.`,
    `Clients fail to connect since this morning: the TLS certificate of the public endpoint expired because the renewal cron job was disabled.`,
    `KubeletClientCertificateExpiration: Client certificate for Kubelet on node worker-1 expires in 2d 4h.`,
    `证书过期导致服务调用失败，报 x509: certificate has expired，需要重新签发证书并重启服务。`,
    `cert-manager failed to renew the wildcard certificate (HTTP-01 challenge failed) and the old one expired; browsers show NET::ERR_CERT_DATE_INVALID.`,
    `**Describe the bug**
The webhook stopped working one year after installation: the self-signed certificate generated by the chart expired, and the apiserver reports x509: certificate has expired.

**To Reproduce**
1. Install the chart
2. Wait one year

**Expected behavior**
The certificate is rotated automatically.

**Environment**
- Helm chart version: 2.3.0
- Kubernetes: v1.26`,
  ],
};
