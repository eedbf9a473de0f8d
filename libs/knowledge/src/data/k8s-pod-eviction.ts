import { type RootCauseEntryInput } from '../knowledge.schema';

export const k8sPodEviction: RootCauseEntryInput = {
  id: 'k8s-pod-eviction',
  title: { en: 'Pods evicted by the kubelet under node pressure', zh: '节点资源压力下 kubelet 驱逐 Pod' },
  summary: {
    en: 'The kubelet\'s eviction manager removes pods when the node runs short of memory, disk (nodefs/imagefs), ephemeral storage or PIDs. Evicted pods end in Status Failed, Reason Evicted, with "The node was low on resource: memory/ephemeral-storage"; the node reports MemoryPressure or DiskPressure and gets a NoSchedule taint. BestEffort pods and pods using more than they request go first; emptyDir and log growth are common triggers.',
    zh: 'kubelet 的驱逐管理器在节点内存、磁盘（nodefs/imagefs）、临时存储或 PID 不足时移除 Pod。被驱逐的 Pod 状态为 Failed、Reason Evicted，消息是 "The node was low on resource: memory/ephemeral-storage"；节点出现 MemoryPressure 或 DiskPressure 条件并被打上 NoSchedule 污点。BestEffort 以及用量超过 request 的 Pod 最先被驱逐，emptyDir 和日志增长是常见诱因。',
  },
  signals: [
    { source: 'kubectl', text: 'Status: Failed, Reason: Evicted, Message: The node was low on resource: memory / ephemeral-storage; many pods in Evicted state in kubectl get pods' },
    { source: 'kubectl', text: 'Warning Evicted ... Pod ephemeral local storage usage exceeds the total limit of containers / Usage of EmptyDir volume exceeds the limit' },
    { source: 'log', text: 'kubelet: eviction manager: attempting to reclaim ephemeral-storage / memory; must evict pod(s) to reclaim; pods evicted' },
    { source: 'kubectl', text: 'node conditions MemoryPressure=True / DiskPressure=True / PIDPressure=True; taint node.kubernetes.io/disk-pressure:NoSchedule' },
    { source: 'alert', text: 'KubernetesMemoryPressure, KubernetesDiskPressure, KubernetesPidPressure, KubeNodeMemoryPressure, KubePodEvicted' },
  ],
  alertRules: ['KubernetesMemoryPressure', 'KubernetesDiskPressure', 'KubernetesPidPressure', 'KubeNodeMemoryPressure', 'KubeNodeDiskPressure', 'KubePodEvicted', 'KubeletEvictions'],
  relatedAlertRules: ['KubeNodeNotReady', 'NodeFilesystemSpaceFillingUp', 'KubeMemoryOvercommit'],
  confusableWith: [
    { classId: 'k8s-oomkilled', howToTell: 'Eviction removes the whole pod for node pressure (Reason Evicted, node low on resource). OOMKilled is one container crossing its own limit (exit 137).' },
    { classId: 'k8s-node-drain-failure', howToTell: '"Cannot evict pod as it would violate the pod\'s disruption budget" is a blocked drain (API eviction refused), not kubelet pressure eviction.' },
    { classId: 'disk-full', howToTell: 'Eviction for ephemeral-storage/nodefs is the kubelet reacting to disk pressure; "no space left on device" written by an app or a PV filling up is disk-full.' },
  ],
  runbook: [
    { title: 'List evicted pods and the reason', command: "kubectl get pods -A --field-selector=status.phase=Failed -o custom-columns=NS:.metadata.namespace,POD:.metadata.name,REASON:.status.reason,MSG:.status.message | grep -i evicted", why: 'The message names the resource that ran low.' },
    { title: 'Check node conditions and taints', command: "kubectl describe node $NODE | sed -n '/Conditions:/,/Addresses:/p'\nkubectl get node $NODE -o jsonpath='{.spec.taints}'", why: 'MemoryPressure/DiskPressure/PIDPressure and the matching taint confirm kubelet pressure.' },
    { title: 'Find the biggest consumers on the node', command: "kubectl top pod -A --sort-by=memory | head -20\nkubectl get --raw /api/v1/nodes/$NODE/proxy/stats/summary | jq '.pods[] | {pod: .podRef.name, eph: .\"ephemeral-storage\".usedBytes}' | head -40", why: 'Shows which pods use memory or ephemeral storage far beyond their requests.' },
    { title: 'Read the kubelet eviction log', command: 'kubectl debug node/$NODE -it --image=busybox -- chroot /host journalctl -u kubelet --since "1 hour ago" | grep -i eviction', why: 'Lists thresholds crossed and pods chosen for eviction.' },
    { title: 'Clean up Failed pods after fixing requests/limits', command: 'kubectl delete pods -A --field-selector=status.phase=Failed', why: 'Evicted pods stay as Failed objects until removed.' },
  ],
  verification: [
    { name: 'Nodes under pressure', promql: 'sum by (node, condition) (kube_node_status_condition{condition=~"MemoryPressure|DiskPressure|PIDPressure", status="true"})', expect: '1 for affected nodes while pressure lasts; 0 after.' },
    { name: 'Evicted pods', promql: 'sum by (namespace) (kube_pod_status_reason{reason="Evicted"})', expect: 'Count grows during pressure; stops growing after requests/limits or disk are fixed.' },
    { name: 'Node memory available', promql: 'min by (instance) (node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes)', expect: 'Below the eviction threshold during evictions; healthy margin after.' },
  ],
  rollback: [
    'If raising requests makes pods unschedulable, revert the requests change (kubectl rollout undo) and add node capacity instead.',
    'Re-enable scheduling on the node (kubectl uncordon $NODE) only after the pressure condition has cleared.',
    'Undo temporary eviction-threshold changes in the kubelet config once capacity is fixed.',
  ],
  examples: [
    `Status:         Failed
Reason:         Evicted
Message:        The node was low on resource: memory. Threshold quantity: 100Mi, available: 84212Ki. Container worker was using 1843200Ki, request is 256Mi, has larger consumption of memory.`,
    `kubectl get pods -n batch
NAME                      READY   STATUS    RESTARTS   AGE
etl-7c9d8f-2hx8l          0/1     Evicted   0          3h
etl-7c9d8f-5mq2c          0/1     Evicted   0          3h
etl-7c9d8f-9tkzr          0/1     Evicted   0          2h
etl-7c9d8f-bb4wn          1/1     Running   0          12m`,
    `Warning  Evicted  14m  kubelet  Pod ephemeral local storage usage exceeds the total limit of containers 2Gi.`,
    `一堆 pod 状态是 Evicted，describe 里写着 The node was low on resource: ephemeral-storage，容器日志打在本地盘，把节点磁盘写满了。`,
    `I0312 04:11:20.117 eviction_manager.go:349] "Eviction manager: attempting to reclaim" resourceName="ephemeral-storage"
I0312 04:11:20.118 eviction_manager.go:360] "Eviction manager: must evict pod(s) to reclaim" resourceName="ephemeral-storage"
I0312 04:11:20.119 eviction_manager.go:378] "Eviction manager: pods ranked for eviction" pods=["ci/runner-8x2k","ci/runner-4mzq"]`,
    `Conditions:
  Type             Status  Reason                       Message
  MemoryPressure   True    KubeletHasInsufficientMemory kubelet has insufficient memory available
  DiskPressure     False   KubeletHasNoDiskPressure     kubelet has no disk pressure
Taints: node.kubernetes.io/memory-pressure:NoSchedule`,
    `[FIRING] KubernetesDiskPressure: node ip-10-1-4-22 has DiskPressure condition. Pods on the node are being evicted.`,
    `Our BestEffort pods (no requests) get evicted whenever the node's memory gets tight; the kubelet picks them first. Setting requests made them Burstable and evictions moved to the actual hog.`,
    `The node had condition: [DiskPressure]. — seen on 40 pods at once after the image cache on the node grew past the imagefs threshold.`,
    `驱逐问题：节点 MemoryPressure=True，kubelet 把超出 request 最多的 pod 驱逐了，Status Failed，Reason Evicted。`,
    `Usage of EmptyDir volume "scratch" exceeds the limit "1Gi". The pod was evicted by the kubelet; the job writes temp files without cleaning up.`,
    `Warning  Evicted    2m   kubelet  The node was low on resource: memory. Container api was using 2Gi, which exceeds its request of 512Mi.
Normal   Killing    2m   kubelet  Stopping container api`,
    `We see hundreds of Evicted pods across namespaces every night. The log rotation on the nodes runs too late and containerd's log directory fills nodefs to 90%, which triggers ephemeral-storage evictions.`,
    `KubernetesMemoryPressure firing for node worker-3; kube_node_status_condition{condition="MemoryPressure",status="true"} == 1. 12 pods evicted in the last 15 minutes.`,
    `节点 PIDPressure，有个容器 fork 了几万个进程，kubelet 开始驱逐 pod：The node was low on resource: pids。`,
    `Pod was evicted: "The node was low on resource: ephemeral-storage. Threshold quantity: 10%, available: 3129412Ki. Container fluentd was using 9823Ki, request is 0, has larger consumption of ephemeral-storage."`,
    `Pods are evicted in cascades: when one node hits MemoryPressure its pods are rescheduled onto the next node, which then hits MemoryPressure too. Requests are far below real usage.`,
    `eviction manager: pods evicted, waiting for pod to be cleaned up — kubelet log on the node right before the pods disappeared; memory.available was below 200Mi.`,
    `Why are my pods in Evicted status? kubectl describe pod says "The node was low on resource: imagefs." The node has a small root disk and many large images.`,
    `一个 CronJob 每次跑都会把 /tmp (emptyDir) 写到几个 G，导致所在节点 DiskPressure，同节点其他服务的 pod 被驱逐。`,
    `kube_pod_status_reason{reason="Evicted"} jumped from 0 to 57 in namespace analytics. All on nodes where node_filesystem_avail_bytes for / dropped under 10%.`,
    `Node memory is overcommitted: sum of limits is 180% of allocatable. When several pods reach their limits together the node runs short and the kubelet evicts pods before the kernel OOM killer acts.`,
    `Evicted pods remain listed with Status Failed after the node recovered; new pods were scheduled elsewhere. The root cause was a memory-hungry DaemonSet without limits that pushed the node into MemoryPressure.`,
    `Message: Pod The node had condition: [MemoryPressure]. — the scheduler shouldn't put pods there, but ours tolerates all taints (tolerations: - operator: Exists), so it lands on pressured nodes and gets evicted again.`,
    `告警：KubePodEvicted，prod 命名空间 15 分钟内 9 个 pod 被驱逐，原因均为节点内存不足（low on resource: memory）。`,
    `Many pods across the cluster are in Failed state with reason Evicted after a batch job filled node memory; the scheduler keeps placing new pods on the same nodes.`,
    `The kubelet started evicting pods when the node's available memory dropped below the eviction-hard threshold (memory.available<100Mi).`,
    `Pods were evicted because the node ran out of ephemeral storage: one container wrote large temporary files into its writable layer.`,
    `Why does my pod get evicted? Status says: The node was low on resource: memory. Container was using 3Gi, which exceeds its request of 1Gi.`,
    `节点磁盘压力 DiskPressure=True，kubelet 开始驱逐 pod，很多 pod 变成 Evicted 状态，镜像和日志占满了节点磁盘。`,
    `Evicted pods pile up in the namespace (kubectl get pods --field-selector=status.phase=Failed shows 120 of them), all with "The node had condition: [DiskPressure]".`,
    `### What happened?

Pods of our DaemonSet get evicted on nodes with small root disks: The node was low on resource: ephemeral-storage. The container writes its buffer to the container filesystem.

### What did you expect to happen?

The DaemonSet keeps running.

### How can we reproduce it?

Run it on nodes with 20GB root volumes for a day.

### Kubernetes version

v1.26.11 (AKS)`,
  ],
};
