import { type RootCauseEntryInput } from '../knowledge.schema';

export const k8sOomkilled: RootCauseEntryInput = {
  id: 'k8s-oomkilled',
  title: { en: 'Container OOMKilled at its memory limit', zh: '容器超出内存限制被 OOMKilled' },
  summary: {
    en: 'The container exceeded its memory limit and the kernel OOM killer ended it inside its cgroup: Kubernetes reports Last State Terminated, Reason OOMKilled, exit code 137 (SIGKILL), and restarts it. The limit may simply be too low for the workload (spikes, large batches, JVM/Go heap settings that ignore the cgroup) or a leak may push memory up until the kill.',
    zh: '容器超出内存 limit，内核 OOM killer 在 cgroup 内把它杀掉：Kubernetes 显示 Last State Terminated、Reason OOMKilled、退出码 137（SIGKILL），然后重启。可能 limit 对负载来说太低（峰值、大批次、不感知 cgroup 的 JVM/Go 堆设置），也可能是泄漏把内存一路推到被杀。',
  },
  signals: [
    { source: 'kubectl', text: 'STATUS OOMKilled in kubectl get pods; Last State: Terminated, Reason: OOMKilled, Exit Code: 137 in kubectl describe pod' },
    { source: 'log', text: 'kernel: Memory cgroup out of memory: Killed process 4121 (app) total-vm:..., anon-rss:...; oom-kill:constraint=CONSTRAINT_MEMCG' },
    { source: 'alert', text: 'KubernetesContainerOomKiller, KubePodOOMKilled / ContainerOOMKilled (kube_pod_container_status_last_terminated_reason{reason="OOMKilled"}), HostOomKillDetected' },
    { source: 'metric', text: 'container_memory_working_set_bytes reaching kube_pod_container_resource_limits{resource="memory"} right before each restart' },
    { source: 'chat', text: '“容器 OOM 了，137 退出”, “内存 limit 太小被杀”' },
  ],
  alertRules: ['KubernetesContainerOomKiller', 'KubePodOOMKilled', 'ContainerOOMKilled', 'KubeContainerOOMKilled', 'HostOomKillDetected', 'PodOOMKilled'],
  relatedAlertRules: ['KubePodCrashLooping', 'ContainerMemoryUsageHigh', 'KubernetesContainerMemoryUsage'],
  confusableWith: [
    { classId: 'k8s-crashloop', howToTell: 'CrashLoopBackOff with Last State Reason OOMKilled / exit 137 is an OOM kill; CrashLoopBackOff with exit 1/2 and an application error in the logs is a crash loop.' },
    { classId: 'heap-leak', howToTell: 'If the text is about the kill (137, OOMKilled, cgroup) it is this class; if it shows days of growth at an allocation site, it is the leak behind it.' },
    { classId: 'k8s-pod-eviction', howToTell: 'Eviction: "The node was low on resource: memory", Status Failed / Reason Evicted — the kubelet removed the pod for node pressure. OOMKilled: this container hit its own limit.' },
    { classId: 'redis-maxmemory', howToTell: '"OOM command not allowed" is Redis refusing writes at maxmemory, not a container kill.' },
  ],
  runbook: [
    { title: 'Confirm the kill reason and exit code', command: "kubectl -n $NAMESPACE get pod $POD -o jsonpath='{range .status.containerStatuses[*]}{.name}{\" \"}{.lastState.terminated.reason}{\" \"}{.lastState.terminated.exitCode}{\"\\n\"}{end}'", why: 'OOMKilled / 137 separates a memory kill from an application crash.' },
    { title: 'Compare usage with the limit', command: "kubectl -n $NAMESPACE top pod $POD --containers\nkubectl -n $NAMESPACE get pod $POD -o jsonpath='{.spec.containers[*].resources}'", why: 'Shows how close the working set runs to the memory limit.' },
    { title: 'Read the kernel OOM report on the node', command: "kubectl get pod $POD -n $NAMESPACE -o jsonpath='{.spec.nodeName}'\nkubectl debug node/$NODE -it --image=busybox -- chroot /host sh -c \"dmesg -T | grep -i -A5 'memory cgroup out of memory'\"", why: 'The kernel log names the killed process and its RSS at the time.' },
    { title: 'Profile the heap before the next kill', command: 'kubectl -n $NAMESPACE port-forward pod/$POD 6060:6060 &\ncurl -s http://localhost:6060/debug/pprof/heap > heap.pb.gz && go tool pprof -top -sample_index=inuse_space heap.pb.gz | head', why: 'Tells a genuine need for more memory from a leak or a spike.' },
    { title: 'Raise the limit or bound the runtime', command: 'kubectl -n $NAMESPACE set resources deployment/$DEPLOYMENT -c $CONTAINER --limits=memory=1Gi --requests=memory=768Mi\nkubectl -n $NAMESPACE set env deployment/$DEPLOYMENT GOMEMLIMIT=900MiB', why: 'A right-sized limit plus GOMEMLIMIT (or -Xmx for the JVM) keeps the runtime below the cgroup limit.' },
  ],
  verification: [
    { name: 'OOM kills in the last hour', promql: 'sum by (namespace, pod, container) (increase(kube_pod_container_status_restarts_total{namespace="$NAMESPACE"}[1h]) * on (namespace, pod, container) group_left kube_pod_container_status_last_terminated_reason{reason="OOMKilled"})', expect: 'Non-zero while the container is being killed; zero after the fix.' },
    { name: 'Working set as a share of the limit', promql: 'max by (pod, container) (container_memory_working_set_bytes{namespace="$NAMESPACE", container="$CONTAINER"}) / max by (pod, container) (kube_pod_container_resource_limits{namespace="$NAMESPACE", container="$CONTAINER", resource="memory"})', expect: 'Touches 1.0 before each kill; stays comfortably below (e.g. < 0.8) after.' },
    { name: 'Kernel OOM events on the nodes', promql: 'increase(node_vmstat_oom_kill[1h])', expect: 'Stops increasing once the container fits its limit.' },
  ],
  rollback: [
    'If a higher limit makes pods unschedulable (Insufficient memory), roll back the resources change with kubectl rollout undo and reduce usage instead.',
    'If GOMEMLIMIT causes GC to burn CPU, remove it (kubectl set env deployment/$DEPLOYMENT GOMEMLIMIT-) and revisit the limit.',
    'Record the new requests/limits in the chart values so the next deploy does not revert them.',
  ],
  examples: [
    `NAME                          READY   STATUS      RESTARTS      AGE
report-builder-6d5f7c9b8-q2lxz   0/1     OOMKilled   7 (2m ago)    31m
report-builder-6d5f7c9b8-vk9tn   1/1     Running     6 (9m ago)    31m`,
    `    State:          Running
      Started:      Tue, 14 May 2024 09:41:12 +0000
    Last State:     Terminated
      Reason:       OOMKilled
      Exit Code:    137
      Started:      Tue, 14 May 2024 09:12:03 +0000
      Finished:     Tue, 14 May 2024 09:41:10 +0000
    Ready:          True
    Restart Count:  5
    Limits:
      memory:  512Mi`,
    `[Mon May 13 22:14:51 2024] Memory cgroup out of memory: Killed process 28817 (indexer) total-vm:2841236kB, anon-rss:1046532kB, file-rss:21432kB, shmem-rss:0kB, UID:1000 pgtables:2304kB oom_score_adj:985`,
    `容器又 OOM 了，describe 看 Last State 是 OOMKilled，退出码 137，limit 只给了 256Mi，批处理一跑就超。`,
    `[FIRING:1] KubernetesContainerOomKiller (billing/invoice-worker)
Container invoice-worker in pod billing/invoice-worker-7f9c4d-x8x2p has been OOMKilled 3 times in the last 10 minutes.`,
    `Our pod keeps restarting with exit code 137. kubectl describe shows "Reason: OOMKilled". The Go service loads the whole export into memory before writing it, and the largest customers need ~1.5GB while the limit is 1Gi.`,
    `    lastState:
      terminated:
        containerID: containerd://4be1a0c2f3
        exitCode: 137
        finishedAt: "2024-02-02T03:17:44Z"
        reason: OOMKilled
        startedAt: "2024-02-02T01:02:10Z"
    restartCount: 12`,
    `oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=cri-containerd-8a1e.scope,mems_allowed=0,oom_memcg=/kubepods/burstable/pod3f1c/8a1e,task_memcg=/kubepods/burstable/pod3f1c/8a1e,task=java,pid=2211,uid=0`,
    `Pods of the ingest deployment are OOMKilled every time a large batch arrives. Memory jumps from 300Mi to the 1Gi limit in a few seconds (the batch is decoded fully in memory), so this is a spike, not a slow leak.`,
    `prometheus 告警：容器 memory working set 达到 limit 的 100%，随后 pod 重启，lastState.terminated.reason=OOMKilled。`,
    `Warning  OOMKilling  node/ip-10-0-3-17.ec2.internal  Memory cgroup out of memory: Killed process 9921 (node) total-vm:1802212kB, anon-rss:512004kB`,
    `The JVM in the container doesn't respect the cgroup limit (old Java 8 without UseContainerSupport); heap grows past 2Gi and the container gets OOMKilled with exit 137.`,
    `Command terminated with exit code 137 — the migration job was killed by the OOM killer, its container has a 128Mi limit.`,
    `OOMKilled 问题：Go 程序没设置 GOMEMLIMIT，GC 按 GOGC=100 让堆涨到两倍存活数据，刚好超过容器 limit 被内核杀掉。`,
    `docker inspect shows "OOMKilled": true, "ExitCode": 137 for the worker container; the compose file sets mem_limit: 512m.`,
    `Alert: KubePodCrashLooping for cache-warmer. Looking closer, every restart is Last State: Terminated, Reason: OOMKilled, Exit Code: 137 — the crash loop is caused by the memory limit, not by the code failing.`,
    `kube_pod_container_status_last_terminated_reason{container="api", namespace="shop", pod="api-5c9b8-2xk7d", reason="OOMKilled"} 1`,
    `After enabling the new image thumbnailer the pods started dying with OOMKilled. A single 80MP image decodes to ~300MB of pixels and we allow 4 concurrent decodes with a 768Mi limit.`,
    `Container killed due to memory usage: exit code 137 (SIGKILL). ECS reports "OutOfMemoryError: Container killed due to memory usage" for the task.`,
    `内核日志：Memory cgroup out of memory: Killed process 31207 (python3)，这个 pod 的 limit 是 1Gi，看监控 working set 一直贴着上限。`,
    `HostOomKillDetected: OOM kill detected on node worker-7 (node_vmstat_oom_kill increased by 4 in 5m). Victims were the elasticsearch containers with limits too low for their heap.`,
    `The sidecar is OOMKilled but the main container is fine. Envoy's memory grows with the number of clusters in the config, and the sidecar limit is only 128Mi.`,
    `Pod keeps getting OOMKilled after upgrade to the new version. kubectl top shows memory ~480Mi just before each kill; limit is 500Mi. Raised to 1Gi, kills stopped.`,
    `State: Waiting, Reason: CrashLoopBackOff
Last State: Terminated, Reason: OOMKilled, Exit Code: 137
The back-off happens because the container gets killed for memory at start-up while it warms its cache.`,
    `容器被 OOM kill：exit code 137，dmesg 里有 oom_memcg=/kubepods/burstable/...，说明是 cgroup 内存限制触发，不是节点整体内存不足。`,
    `Working set is 98% of limit for api containers (container_memory_working_set_bytes / kube_pod_container_resource_limits) and restarts with reason OOMKilled follow within minutes.`,
    `Our CI runner pods fail with "signal: killed" while compiling; the build container has a 2Gi limit and the linker needs more. The kubelet reports the container as OOMKilled.`,
    `The Go process gets SIGKILL (exit status 137) under load. Not a panic, no stack trace in the logs — the kernel killed it because it crossed the cgroup memory limit.`,
    `Our worker keeps restarting; kubectl get pods shows the last restart reason as OOMKilled. It happens only when it processes the monthly report, which loads everything into memory.`,
    `Container "app" in pod "app-5d8f-xk2" was OOM killed: memory usage 1023Mi exceeded the limit of 1Gi. Restart count 9.`,
    `The pod is terminated with exit code 137 and no error in the logs. That is SIGKILL from the kernel OOM killer; the container limit is smaller than what the JVM heap plus metaspace needs.`,
    `Prometheus container gets OOMKilled during WAL replay after every restart, so it never becomes ready; the memory limit is too small for the number of active series.`,
    `pod 状态 OOMKilled，重启次数一直增加，内存监控显示每次都是涨到 limit 就被杀，应用本身没有报错日志。`,
    `Task stopped: OutOfMemoryError: Container killed due to memory usage. Exit code 137. The task definition has a hard memory limit of 512 MiB.`,
    `kube_pod_container_status_terminated_reason{reason="OOMKilled", namespace="search", container="indexer"} = 1 — the indexer container hits its limit during merges.`,
    `### What happened?

The controller pod restarts every few hours. kubectl describe shows Last State: Terminated, Reason: OOMKilled, Exit Code: 137. The default memory limit in the chart is 128Mi.

### What did you expect to happen?

The controller runs with the default chart values.

### How can we reproduce it?

Install the chart in a cluster with ~2000 pods.

### Kubernetes version

v1.29.2 (EKS)`,
  ],
};
