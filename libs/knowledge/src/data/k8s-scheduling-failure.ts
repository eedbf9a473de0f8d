import { type RootCauseEntryInput } from '../knowledge.schema';

export const k8sSchedulingFailure: RootCauseEntryInput = {
  id: 'k8s-scheduling-failure',
  title: { en: 'Pods stuck Pending: the scheduler finds no fitting node', zh: 'Pod 卡在 Pending：调度器找不到合适节点' },
  summary: {
    en: 'New pods stay Pending because no node passes the scheduler\'s filters: requests larger than any node\'s free allocatable CPU/memory, taints without tolerations, nodeSelector/affinity that matches nothing, anti-affinity or topology spread that cannot be satisfied, unbound PersistentVolumeClaims or volume zone conflicts, the max pods per node, or namespace quotas. Events say FailedScheduling with "0/N nodes are available: ..."; the autoscaler may log NotTriggerScaleUp.',
    zh: '新 Pod 一直 Pending，因为没有节点通过调度器的过滤：request 大于所有节点剩余可分配的 CPU/内存、有污点但没配容忍、nodeSelector/亲和性匹配不到节点、反亲和或拓扑分布约束无法满足、PVC 未绑定或卷的可用区冲突、单节点 Pod 数上限、命名空间配额。事件为 FailedScheduling，"0/N nodes are available: ..."；集群自动扩容可能报 NotTriggerScaleUp。',
  },
  signals: [
    { source: 'kubectl', text: 'Warning FailedScheduling default-scheduler 0/6 nodes are available: 4 Insufficient cpu, 2 Insufficient memory' },
    { source: 'kubectl', text: 'node(s) had untolerated taint, didn\'t match Pod\'s node affinity/selector, had volume node affinity conflict, didn\'t match pod anti-affinity rules, Too many pods' },
    { source: 'kubectl', text: 'pod has unbound immediate PersistentVolumeClaims; preemption: No preemption victims found' },
    { source: 'log', text: 'cluster-autoscaler: pod didn\'t trigger scale-up: max node group size reached / NotTriggerScaleUp' },
    { source: 'alert', text: 'KubePodPending, KubernetesPodPending, KubeDaemonSetNotScheduled; capacity rules KubeCPUOvercommit / KubeMemoryOvercommit' },
  ],
  alertRules: ['KubePodPending', 'KubernetesPodPending', 'KubePodNotScheduled', 'KubeDaemonSetNotScheduled', 'ClusterAutoscalerUnschedulablePods'],
  relatedAlertRules: ['KubeCPUOvercommit', 'KubeMemoryOvercommit', 'KubeCPUQuotaOvercommit', 'KubeMemoryQuotaOvercommit', 'KubeQuotaExceeded', 'KubeQuotaFullyUsed', 'KubeDeploymentReplicasMismatch', 'KubeStatefulSetReplicasMismatch', 'KubeletTooManyPods', 'KubeHpaMaxedOut'],
  confusableWith: [
    { classId: 'k8s-node-drain-failure', howToTell: 'Drain failures are about removing pods from a node (PDB blocks eviction). Scheduling failures are about placing new pods (FailedScheduling, Pending).' },
    { classId: 'k8s-pod-eviction', howToTell: 'Evicted pods were running and removed for pressure; Pending pods never started.' },
    { classId: 'k8s-image-pull', howToTell: 'A pod waiting on ImagePullBackOff is already scheduled to a node; Pending with FailedScheduling has no node.' },
  ],
  runbook: [
    { title: 'Read the scheduler\'s reason', command: "kubectl -n $NAMESPACE describe pod $POD | sed -n '/Events:/,$p'\nkubectl get events -A --field-selector reason=FailedScheduling --sort-by=.lastTimestamp | tail", why: '"0/N nodes are available" breaks down why each node was rejected.' },
    { title: 'Compare requests with free allocatable', command: "kubectl -n $NAMESPACE get pod $POD -o jsonpath='{.spec.containers[*].resources.requests}'\nkubectl describe nodes | grep -A8 'Allocated resources'", why: 'A request bigger than any node\'s free capacity can never fit.' },
    { title: 'Check taints, selectors and affinity', command: "kubectl get nodes -o custom-columns=NAME:.metadata.name,TAINTS:.spec.taints\nkubectl -n $NAMESPACE get pod $POD -o jsonpath='{.spec.nodeSelector}{\"\\n\"}{.spec.affinity}{\"\\n\"}{.spec.tolerations}'", why: 'Untolerated taints and selectors that match no node are the other common reasons.' },
    { title: 'Check PVC binding and quotas', command: 'kubectl -n $NAMESPACE get pvc\nkubectl -n $NAMESPACE describe resourcequota', why: 'Unbound claims and exhausted quotas also keep pods from starting.' },
    { title: 'Check the cluster autoscaler', command: 'kubectl -n kube-system logs deploy/cluster-autoscaler --since=30m | grep -E "NotTriggerScaleUp|max node group size|scale-up"', why: 'Explains why no node was added for the pending pod.' },
  ],
  verification: [
    { name: 'Pending pods', promql: 'sum by (namespace) (kube_pod_status_phase{phase="Pending", namespace="$NAMESPACE"})', expect: 'Stays above 0 while pods cannot be placed; back to 0 once scheduled.' },
    { name: 'Unschedulable pods', promql: 'sum by (namespace) (kube_pod_status_unschedulable{namespace="$NAMESPACE"})', expect: 'Non-zero while FailedScheduling; 0 after capacity, taints or requests are fixed.' },
    { name: 'CPU requests vs allocatable', promql: 'sum(kube_pod_container_resource_requests{resource="cpu"}) / sum(kube_node_status_allocatable{resource="cpu"})', expect: 'Near 1.0 when the cluster is full; room to spare after scaling out.' },
  ],
  rollback: [
    'If lowered requests cause throttling or OOM kills, restore them (kubectl rollout undo) and add capacity instead.',
    'Remove temporary tolerations or relaxed affinity rules once nodes with the right labels exist.',
    'Scale a node group back down after the backlog has drained, respecting PDBs.',
  ],
  examples: [
    `Events:
  Type     Reason            Age                  From               Message
  ----     ------            ----                 ----               -------
  Warning  FailedScheduling  2m13s (x14 over 9m)  default-scheduler  0/6 nodes are available: 3 Insufficient memory, 3 node(s) had untolerated taint {dedicated: gpu}. preemption: 0/6 nodes are available: 3 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.`,
    `NAME                         READY   STATUS    RESTARTS   AGE
spark-exec-1a2b3c-exec-7     0/1     Pending   0          47m
spark-exec-1a2b3c-exec-8     0/1     Pending   0          47m`,
    `pod 一直 Pending，describe 看 FailedScheduling：0/5 nodes are available: 5 Insufficient cpu。requests 写了 4 核，但每个节点剩余可分配只有 3 核。`,
    `0/12 nodes are available: 12 node(s) didn't match Pod's node affinity/selector. The deployment still has nodeSelector pool=highmem but that node pool was deleted last week.`,
    `Warning  FailedScheduling  default-scheduler  0/3 nodes are available: 3 pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.`,
    `I0521 10:02:11 cluster-autoscaler: Pod web/frontend-6d7c9-xk2lp is unschedulable
I0521 10:02:11 Pod frontend-6d7c9-xk2lp can't be scheduled on eu-west-1a-nodes, predicate checking error: Insufficient cpu
I0521 10:02:11 event: pod didn't trigger scale-up: 1 max node group size reached`,
    `Our StatefulSet pod cannot start: 0/4 nodes are available: 1 node(s) had volume node affinity conflict, 3 node(s) didn't match Pod's node affinity. The EBS volume lives in eu-west-1b and there is no node in that zone anymore.`,
    `调度失败：节点都有 taint node-role.kubernetes.io/control-plane:NoSchedule，单节点集群没去掉污点，pod 全部 Pending。`,
    `The HPA scaled the deployment to 40 replicas but 12 are Pending with "Insufficient memory"; the cluster is at its max size and requests add up to 98% of allocatable.`,
    `Warning FailedScheduling 0/8 nodes are available: 2 node(s) didn't match pod anti-affinity rules, 6 node(s) didn't satisfy existing pods anti-affinity rules.`,
    `KubeDaemonSetNotScheduled: 3 Pods of DaemonSet monitoring/node-exporter are not scheduled. The new GPU nodes carry a taint the DaemonSet does not tolerate.`,
    `Error creating: pods "api-7d9-" is forbidden: exceeded quota: team-quota, requested: requests.cpu=2, used: requests.cpu=19, limited: requests.cpu=20 — the ReplicaSet can't create the new pods.`,
    `pod 处于 Pending 状态超过 30 分钟，事件：0/10 nodes are available: 10 Too many pods，每个节点 110 个 pod 的上限满了。`,
    `KubePodPending fired for ml/trainer-0: pending for more than 15 minutes. Requested nvidia.com/gpu: 1 but all GPU nodes are busy (0/3 nodes are available: 3 Insufficient nvidia.com/gpu).`,
    `Pods stay Pending after we added topologySpreadConstraints with whenUnsatisfiable: DoNotSchedule; we only have nodes in two zones but maxSkew=1 across three zone labels.`,
    `The memory request (16Gi) is larger than the allocatable memory of every node (15.2Gi after system reservations), so the pod can never be scheduled.`,
    `KubeCPUOvercommit: Cluster has overcommitted CPU resource requests for Pods and cannot tolerate node failure. New deployments are already failing to schedule with Insufficient cpu.`,
    `新加的节点池没打 label，nodeSelector 匹配不到，FailedScheduling: node(s) didn't match Pod's node affinity/selector，副本一直起不来。`,
    `Warning  FailedScheduling  3m  default-scheduler  0/1 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/disk-pressure: }. Yes the node has disk pressure, but the problem for this pod is it cannot be placed.`,
    `After the upgrade the scheduler marks all nodes as unschedulable for our pods: "0/7 nodes are available: 7 node(s) had untolerated taint {node.cloudprovider.kubernetes.io/uninitialized: true}". The cloud controller manager wasn't running.`,
    `Cluster autoscaler logs "NotTriggerScaleUp: pod didn't trigger scale-up: 3 Insufficient memory" because even the biggest instance type in the node group is smaller than the pod's request.`,
    `kubectl get pods shows 0/1 Pending for every new replica of the search deployment; FailedScheduling says Insufficient ephemeral-storage — the pod requests 50Gi of ephemeral storage.`,
    `资源不够：集群 CPU requests 总量已经 95%，新版本 rollout 时 maxSurge 的 pod 调度不上去，一直 Pending，deployment 卡住。`,
    `The pods are Pending because the PVC is Pending: "waiting for first consumer to be created before binding", and the StorageClass provisioner isn't installed in this cluster.`,
    `Warning  FailedScheduling  41s   default-scheduler  0/9 nodes are available: 9 node(s) didn't have free ports for the requested pod ports. The pod uses hostPort 8080 and every node already runs a replica.`,
    `Pods of the new DaemonSet are Pending on the Windows nodes: node(s) didn't match Pod's node affinity/selector — kubernetes.io/os=linux is required but we forgot to exclude those nodes from the target count.`,
    `我们给 deployment 加了 podAntiAffinity required，副本数 5，但只有 3 个节点，剩下 2 个 pod 一直 Pending：didn't match pod anti-affinity rules。`,
    `The job never starts: "0/20 nodes are available: 20 Insufficient memory" — it requests 64Gi and our biggest nodes have 32Gi allocatable.`,
    `Karpenter: "could not schedule pod, incompatible with nodepool default, no instance type satisfied resources {"cpu":"12","memory":"90Gi"} and requirements" — the pod stays Pending.`,
    `kube_pod_status_unschedulable{namespace="ci"} = 14 — runners can't be placed; the CI node group is capped at 5 nodes and all CPU requests are allocated.`,
    `0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/master: }, 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.`,
    `The pods stay in Pending forever and describe shows FailedScheduling: the requested memory is more than any node can offer.`,
    `pod (web-1) failed to fit in any node
fit failure on node (worker-2): Insufficient memory
fit failure on node (worker-3): PodFitsHostPorts`,
    `Scheduling is blocked because the PVC is bound to a volume in zone us-east-1a while all schedulable nodes are in us-east-1b (volume node affinity conflict).`,
    `pod Pending，describe 事件里 0/3 nodes are available: 3 node(s) had untolerated taint，节点都有污点没法调度。`,
    `### What happened?

After enabling the GPU profile in the chart, the pods stay Pending: FailedScheduling 0/6 nodes are available: 6 Insufficient nvidia.com/gpu.

### What did you expect to happen?

Pods run on the GPU node pool.

### How can we reproduce it?

Enable gpu: true in values.yaml on a cluster without the device plugin.

### Kubernetes version

v1.28.5`,
  ],
};
