import { type RootCauseEntryInput } from '../knowledge.schema';

export const k8sCrashloop: RootCauseEntryInput = {
  id: 'k8s-crashloop',
  title: { en: 'CrashLoopBackOff: the app fails at start-up', zh: 'CrashLoopBackOff：应用启动即失败，反复重启' },
  summary: {
    en: 'The container starts, exits with an error (exit code 1, 2 for a Go panic, 255, or is killed by a failing liveness probe) and the kubelet restarts it with growing back-off: CrashLoopBackOff, "Back-off restarting failed container". The usual causes are start-up errors — bad or missing config, missing Secret/ConfigMap keys or env vars, a dependency (DB, broker) unreachable at boot, a panic in main, wrong command or architecture, permissions, or probes that kill a slow starter.',
    zh: '容器启动后以错误退出（退出码 1、Go panic 为 2、255，或者被失败的存活探针杀掉），kubelet 以递增的退避不断重启：CrashLoopBackOff、"Back-off restarting failed container"。常见原因是启动期错误——配置错误或缺失、Secret/ConfigMap 的 key 或环境变量缺失、启动时连不上依赖（数据库、消息队列）、main 里 panic、命令或 CPU 架构不对、权限问题，或者探针把启动慢的应用杀掉。',
  },
  signals: [
    { source: 'kubectl', text: 'STATUS CrashLoopBackOff with RESTARTS climbing; Warning BackOff "Back-off restarting failed container"' },
    { source: 'kubectl', text: 'Last State: Terminated, Reason: Error, Exit Code: 1 / 2 / 255 (not OOMKilled)' },
    { source: 'log', text: 'kubectl logs --previous ends with a start-up error: panic: ..., failed to load config, missing required env, dial tcp ...: connect: connection refused at boot, exec format error' },
    { source: 'alert', text: 'KubePodCrashLooping (kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff"}), KubernetesPodCrashLooping' },
    { source: 'kubectl', text: 'Liveness probe failed ... Container app failed liveness probe, will be restarted' },
  ],
  alertRules: ['KubePodCrashLooping', 'KubernetesPodCrashLooping', 'PodCrashLooping'],
  relatedAlertRules: ['KubeContainerWaiting', 'KubePodNotReady', 'KubeDeploymentReplicasMismatch', 'KubeStatefulSetReplicasMismatch', 'KubeDaemonSetRolloutStuck'],
  confusableWith: [
    { classId: 'k8s-oomkilled', howToTell: 'If Last State says OOMKilled / exit 137, the loop is a memory kill (k8s-oomkilled).' },
    { classId: 'k8s-image-pull', howToTell: 'ImagePullBackOff / ErrImagePull: the container never starts because the image cannot be pulled.' },
    { classId: 'deep-recursion', howToTell: 'A crash loop whose previous log shows "stack exceeds 1000000000-byte limit" is a recursion bug.' },
  ],
  runbook: [
    { title: 'See restart count, state and last exit', command: 'kubectl -n $NAMESPACE get pod $POD -o wide\nkubectl -n $NAMESPACE describe pod $POD | sed -n "/Containers:/,/Conditions:/p"', why: 'Last State reason and exit code separate app errors (1, 2, 255) from OOM kills (137).' },
    { title: 'Read the log of the crashed container', command: 'kubectl -n $NAMESPACE logs $POD -c $CONTAINER --previous --tail=100', why: 'The last lines before exit name the start-up error.' },
    { title: 'Check events and probes', command: "kubectl -n $NAMESPACE get events --field-selector involvedObject.name=$POD --sort-by=.lastTimestamp | tail -20\nkubectl -n $NAMESPACE get pod $POD -o jsonpath='{.spec.containers[*].livenessProbe}'", why: 'Liveness probe kills of a slow starter look like crashes; a startupProbe fixes them.' },
    { title: 'Check referenced config and secrets exist', command: "kubectl -n $NAMESPACE get deploy $DEPLOYMENT -o jsonpath='{.spec.template.spec.containers[*].envFrom}{\"\\n\"}{.spec.template.spec.volumes}'\nkubectl -n $NAMESPACE get configmap,secret", why: 'Missing keys or objects are a frequent start-up failure.' },
    { title: 'Run the image interactively to reproduce', command: 'kubectl -n $NAMESPACE debug $POD -it --copy-to=$POD-debug --container=$CONTAINER -- sh', why: 'Starting a copy with a shell lets you run the entrypoint by hand and see the error.' },
  ],
  verification: [
    { name: 'Pods waiting in CrashLoopBackOff', promql: 'sum by (namespace, pod) (kube_pod_container_status_waiting_reason{namespace="$NAMESPACE", reason="CrashLoopBackOff"})', expect: '1 per looping container while broken; 0 after the fix.' },
    { name: 'Restarts per hour', promql: 'sum by (pod) (increase(kube_pod_container_status_restarts_total{namespace="$NAMESPACE", container="$CONTAINER"}[1h]))', expect: 'Climbs steadily while looping; stays at 0 after.' },
    { name: 'Available replicas vs desired', promql: 'kube_deployment_status_replicas_available{namespace="$NAMESPACE", deployment="$DEPLOYMENT"} / kube_deployment_spec_replicas{namespace="$NAMESPACE", deployment="$DEPLOYMENT"}', expect: 'Below 1 while pods crash; back to 1 once they start.' },
  ],
  rollback: [
    'Roll back to the last working revision: kubectl -n $NAMESPACE rollout undo deployment/$DEPLOYMENT (check kubectl rollout history first).',
    'Restore the previous ConfigMap/Secret version if the crash followed a config change, then restart: kubectl -n $NAMESPACE rollout restart deployment/$DEPLOYMENT.',
    'Remove any temporary probe relaxations once the app starts reliably.',
  ],
  examples: [
    `NAME                              READY   STATUS             RESTARTS        AGE
checkout-api-7b9f6d8c5d-4kq8m      0/1     CrashLoopBackOff   14 (3m1s ago)   48m
checkout-api-7b9f6d8c5d-wz2hp      0/1     CrashLoopBackOff   14 (2m40s ago)  48m`,
    `Events:
  Type     Reason     Age                  From     Message
  ----     ------     ----                 ----     -------
  Normal   Pulled     12m (x6 over 18m)    kubelet  Container image "registry.acme.io/orders:2.14.0" already present on machine
  Warning  BackOff    2m (x71 over 17m)    kubelet  Back-off restarting failed container orders in pod orders-5d8b7c-pl2vx_prod`,
    `panic: failed to load configuration: yaml: unmarshal errors:
  line 12: cannot unmarshal !!str "thirty" into time.Duration

goroutine 1 [running]:
main.main()
	/src/cmd/server/main.go:57 +0x3a5`,
    `pod 一直 CrashLoopBackOff，logs --previous 看是启动时读不到环境变量 DATABASE_URL，Secret 里的 key 名字改了，deployment 没同步。`,
    `[FIRING:2] KubePodCrashLooping
Pod payments/ledger-sync-84c9f-6qz7k (ledger-sync) is in waiting state (reason: "CrashLoopBackOff").`,
    `    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
      Started:      Wed, 03 Apr 2024 11:20:41 +0200
      Finished:     Wed, 03 Apr 2024 11:20:42 +0200
    Ready:          False
    Restart Count:  23`,
    `2024-04-03T09:20:42Z FATAL cannot start: dial tcp 10.96.14.3:5432: connect: connection refused — the app exits when Postgres is not ready yet, and Kubernetes keeps restarting it with back-off.`,
    `standard_init_linux.go:228: exec user process caused: exec format error
The image was built on an arm64 laptop and deployed to amd64 nodes; the container exits immediately and the pod goes into CrashLoopBackOff.`,
    `Warning  Unhealthy  3m (x12 over 9m)  kubelet  Liveness probe failed: Get "http://10.244.1.17:8080/healthz": dial tcp 10.244.1.17:8080: connect: connection refused
Normal   Killing    3m (x4 over 9m)   kubelet  Container api failed liveness probe, will be restarted
The app needs ~90s to warm up but the probe starts after 10s.`,
    `启动就 panic：invalid memory address or nil pointer dereference，在 main.go 初始化配置的时候，某个配置项没填，pod 反复重启进入 CrashLoopBackOff。`,
    `After the release, every pod crashes at start with "Error: unknown flag: --metrics-addr". The chart still passes a flag that the new binary removed. Back-off restarting failed container.`,
    `kube_pod_container_status_waiting_reason{namespace="search",pod="indexer-0",container="indexer",reason="CrashLoopBackOff"} == 1 for 15 minutes`,
    `The container exits with code 2 right after start: the Go binary panics because the TLS key file mounted from the secret is empty.`,
    `Error: failed to open /data/state.db: permission denied
The new image runs as non-root (uid 65532) but the PVC was written by root; the process exits 1 and the StatefulSet pod is stuck in CrashLoopBackOff.`,
    `CrashLoopBackOff 排查：exit code 1，不是 137，所以不是 OOM。看 previous 日志是 flyway 迁移失败：Validate failed: Migration checksum mismatch。`,
    `level=fatal msg="failed to connect to kafka at startup" error="kafka: client has run out of available brokers to talk to" — the consumer exits and restarts every few seconds (CrashLoopBackOff), 37 restarts so far.`,
    `Pod is in CrashLoopBackOff with "Back-off restarting failed container". kubectl logs shows only: exec /app/server: no such file or directory (binary built with CGO and the distroless image has no libc).`,
    `The init container keeps failing (Init:CrashLoopBackOff): the migration script cannot resolve the database host because the Service name in the env var is misspelled.`,
    `Since the ConfigMap change the gateway restarts constantly: "invalid configuration: routes[3].timeout: must be a duration". Rolling back the ConfigMap fixed it.`,
    `我们的 worker 发版后一直 CrashLoopBackOff，Last State: Terminated Reason: Error Exit Code: 255，日志里是 license 文件路径不对。`,
    `Readiness is fine but liveness kills the pod during long GC pauses at start-up, so it restarts forever. Added a startupProbe with failureThreshold 30.`,
    `Error from server (BadRequest): previous terminated container "app" in pod "app-7d5-xx" not found
kubectl get pod shows CrashLoopBackOff with 112 restarts; the container dies so fast that logs are empty: the entrypoint script has Windows line endings (/bin/sh^M: bad interpreter).`,
    `helm upgrade succeeded but all new pods are CrashLoopBackOff; old ReplicaSet still serves. Logs: "panic: runtime error: index out of range [0] with length 0" in flag parsing.`,
    `Back-off restarting failed container — the sidecar exits with "missing required field: upstream" because the mesh annotation was dropped from the pod template.`,
    `KubePodCrashLooping firing for kube-system/coredns: CoreDNS exits with "plugin/loop: Loop (127.0.0.1:53 -> :53) detected for zone ".", see https://coredns.io/plugins/loop#troubleshooting" because the node's resolv.conf points at itself.`,
    `容器启动 2 秒就退出，重启了 40 多次，原因是挂载的配置文件格式错误，json 解析失败，程序直接 os.Exit(1)。`,
    `    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
      Started:      Mon, 10 Jun 2024 08:01:02 +0000
      Finished:     Mon, 10 Jun 2024 08:01:03 +0000
    Ready:          False
    Restart Count:  31
The process exits one second after starting; logs show "invalid DSN: missing database name".`,
    `Pod stuck in CrashLoopBackOff after we enabled the new feature flag: the binary panics during initialisation with "assignment to entry in nil map" in main.init.`,
    `The service exits immediately at startup with "open /etc/app/config.yaml: no such file or directory" because the ConfigMap volume is mounted at a different path; Kubernetes keeps restarting it.`,
    `panic: failed to create client: invalid URL scheme "tcp"

goroutine 1 [running]:
main.main()
	/app/cmd/worker/main.go:33 +0x2b1
The worker pods are in CrashLoopBackOff since the config change.`,
    `容器反复重启，状态 CrashLoopBackOff，exit code 2，日志最后一行是 panic: invalid configuration，配置文件里一个字段类型写错了。`,
    `Back-off restarting failed container. The startup command points to /app/server but the image now ships the binary as /usr/local/bin/server, so exec fails every time.`,
    `KubePodCrashLooping: Pod monitoring/grafana-7f8d is restarting 4.2 times / 10 minutes. The provisioning file has a duplicate datasource name and Grafana refuses to start.`,
    `### What happened?

After upgrading the chart to 1.14.0 the webhook pod is in CrashLoopBackOff. kubectl logs --previous shows: Error: failed to read certificate file /tmp/k8s-webhook-server/serving-certs/tls.crt: no such file or directory.

### What did you expect to happen?

The webhook starts.

### How can we reproduce it?

helm upgrade with default values.

### Kubernetes version

v1.27.4`,
  ],
};
