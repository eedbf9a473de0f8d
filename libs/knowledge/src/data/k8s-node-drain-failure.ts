import { type RootCauseEntryInput } from '../knowledge.schema';

export const k8sNodeDrainFailure: RootCauseEntryInput = {
  id: 'k8s-node-drain-failure',
  title: { en: 'Node drain blocked (PodDisruptionBudget, unevictable pods)', zh: '节点排空被阻塞（PDB、无法驱逐的 Pod）' },
  summary: {
    en: 'A node drain — manual kubectl drain, a managed node-group upgrade, the cluster autoscaler or Karpenter scaling down — cannot finish. The Eviction API refuses pods because a PodDisruptionBudget allows 0 disruptions (minAvailable equals replicas, unhealthy replicas), or the drain stops on pods with local storage, unmanaged pods, DaemonSets, or pods stuck Terminating on finalizers. The node stays cordoned (SchedulingDisabled) and the upgrade or scale-down hangs or times out.',
    zh: '节点排空——手动 kubectl drain、托管节点组升级、cluster autoscaler 或 Karpenter 缩容——无法完成。Eviction API 拒绝驱逐，因为 PodDisruptionBudget 允许的中断数为 0（minAvailable 等于副本数、有副本不健康），或者 drain 卡在本地存储 Pod、无控制器的 Pod、DaemonSet、因 finalizer 一直 Terminating 的 Pod 上。节点一直处于 cordon（SchedulingDisabled）状态，升级或缩容挂起或超时。',
  },
  signals: [
    { source: 'log', text: 'error when evicting pods/"x" -n "ns" (will retry after 5s): Cannot evict pod as it would violate the pod\'s disruption budget.' },
    { source: 'kubectl', text: 'kubectl get pdb shows ALLOWED DISRUPTIONS 0; node STATUS Ready,SchedulingDisabled for hours' },
    { source: 'log', text: 'cannot delete Pods with local storage (use --delete-emptydir-data), cannot delete DaemonSet-managed Pods (use --ignore-daemonsets), Pods not managed by ReplicationController, ReplicaSet, Job, DaemonSet or StatefulSet (use --force)' },
    { source: 'log', text: 'managed node group upgrade: PodEvictionFailure: Reached max retries while trying to evict pods; drain global timeout reached' },
    { source: 'alert', text: 'KubePdbNotEnoughHealthyPods, KubeNodeUnschedulable (cordoned too long)' },
  ],
  alertRules: ['KubePdbNotEnoughHealthyPods', 'KubeNodeUnschedulable', 'KubeNodeCordonedTooLong', 'KubernetesNodeDrainStuck'],
  relatedAlertRules: ['KubeNodeNotReady'],
  confusableWith: [
    { classId: 'k8s-pod-eviction', howToTell: 'Pressure eviction is the kubelet removing pods ("node was low on resource"); a drain failure is the Eviction API refusing to remove them (PDB).' },
    { classId: 'k8s-scheduling-failure', howToTell: 'A drain can also stall because evicted pods cannot be rescheduled (Pending elsewhere) — if the text is about Pending pods and FailedScheduling, it is scheduling.' },
  ],
  runbook: [
    { title: 'See what the drain is waiting for', command: 'kubectl drain $NODE --ignore-daemonsets --delete-emptydir-data --timeout=120s --dry-run=server', why: 'Lists the pods that block the drain and why.' },
    { title: 'Find PDBs that allow zero disruptions', command: "kubectl get pdb -A -o custom-columns=NS:.metadata.namespace,NAME:.metadata.name,MIN:.spec.minAvailable,MAXU:.spec.maxUnavailable,ALLOWED:.status.disruptionsAllowed | awk 'NR==1 || $5==0'", why: 'A PDB with 0 allowed disruptions rejects every eviction of its pods.' },
    { title: 'Check the health of the protected workload', command: 'kubectl -n $NAMESPACE get pods -l $SELECTOR -o wide\nkubectl -n $NAMESPACE describe pdb $PDB', why: 'Unready replicas consume the budget; fix them or scale up before draining.' },
    { title: 'Scale up or adjust the budget, then retry', command: 'kubectl -n $NAMESPACE scale deployment/$DEPLOYMENT --replicas=3\nkubectl drain $NODE --ignore-daemonsets --delete-emptydir-data --timeout=10m', why: 'An extra replica lets the PDB allow one disruption without losing availability.' },
    { title: 'Look for pods stuck Terminating', command: "kubectl get pods -A --field-selector spec.nodeName=$NODE | grep Terminating\nkubectl -n $NAMESPACE get pod $POD -o jsonpath='{.metadata.finalizers}'", why: 'Finalizers that never complete keep the node from emptying.' },
  ],
  verification: [
    { name: 'PDBs at zero allowed disruptions', promql: 'sum by (namespace, poddisruptionbudget) (kube_poddisruptionbudget_status_pod_disruptions_allowed == 0)', expect: 'Blocking budgets show up here; none (or only intended ones) after the fix.' },
    { name: 'Cordoned nodes', promql: 'sum by (node) (kube_node_spec_unschedulable == 1)', expect: 'The drained node stays cordoned while blocked; removed or uncordoned once the drain finishes.' },
    { name: 'Healthy vs desired pods per PDB', promql: 'kube_poddisruptionbudget_status_current_healthy - kube_poddisruptionbudget_status_desired_healthy', expect: '0 means no room to evict; positive after scaling up.' },
  ],
  rollback: [
    'If the drain must be abandoned, uncordon the node: kubectl uncordon $NODE.',
    'Restore the original PDB (kubectl apply -f pdb.yaml) if it was relaxed temporarily to let the drain pass.',
    'Scale replicas back to the normal count after the maintenance window.',
  ],
  examples: [
    `evicting pod payments/ledger-0
error when evicting pods/"ledger-0" -n "payments" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.
evicting pod payments/ledger-0
error when evicting pods/"ledger-0" -n "payments" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.`,
    `kubectl get pdb -A
NAMESPACE   NAME          MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE
kafka       kafka-pdb     N/A             1                 0                     210d
auth        keycloak      1               N/A               0                     88d`,
    `节点升级卡住了，kubectl drain 一直在重试，报 Cannot evict pod as it would violate the pod's disruption budget，那个服务只有 1 个副本，PDB 却设置了 minAvailable: 1。`,
    `EKS managed node group update failed: PodEvictionFailure — Reached max retries while trying to evict pods from nodes in node group ng-blue. Pods protected by a PDB with 0 allowed disruptions.`,
    `error: unable to drain node "worker-12" due to error: cannot delete Pods with local storage (use --delete-emptydir-data to override): monitoring/grafana-7b8d9-2k4lm, continuing command...`,
    `The node has been cordoned (Ready,SchedulingDisabled) for six hours: the autoscaler wants to remove it but the only pod left is a single-replica StatefulSet with a PDB of maxUnavailable: 0.`,
    `Cluster upgrade stuck at 60%: every surge node is created, but the old node can't be drained because three pods of the Elasticsearch cluster are unhealthy, so the budget allows no disruption.`,
    `drain 节点失败：cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore)，加上参数后又卡在 PDB 上。`,
    `There are pending pods in node "ip-10-0-7-31" when an error occurred: error when evicting pods/"zookeeper-2" -n "zk": global timeout reached: 2m0s`,
    `KubePdbNotEnoughHealthyPods: PDB kafka/kafka-pdb expects 3 healthy pods but has 2. Any drain on nodes hosting kafka brokers will now be blocked.`,
    `The node rotation controller gives up on every node that hosts redis: each eviction attempt is refused until its 30s per-pod timeout, because the redis PDB never allows a disruption.`,
    `cannot delete Pods not managed by ReplicationController, ReplicaSet, Job, DaemonSet or StatefulSet (use --force to override): default/debug-shell — someone left a bare pod on the node.`,
    `节点一直 SchedulingDisabled，维护窗口快结束了还排不空，最后发现是一个 pod 卡在 Terminating，有个 finalizer 没人处理。`,
    `Karpenter logs: "cannot disrupt Node: pdb prevents pod evictions" for the node running the only replica of the gateway; consolidation never completes.`,
    `Draining a node during maintenance hangs forever. The PDB for our API says minAvailable: 100%, so no pod can ever be evicted voluntarily.`,
    `Drain takes 40 minutes: both replicas of the protected deployment run on the node being drained, the PDB (minAvailable: 1) lets only one go at a time, and the second eviction keeps being refused until the first replacement is Ready elsewhere.`,
    `GKE upgrade notification: "Node pool upgrade is taking longer than expected; some pods could not be evicted due to PodDisruptionBudget" for namespace istio-system.`,
    `kubectl drain output loops every 5 seconds with "Cannot evict pod as it would violate the pod's disruption budget." and never completes; ALLOWED DISRUPTIONS for the budget is 0.`,
    `升级 k8s 版本时滚动节点失败，rke2 的 drain 超时：error when evicting pods ... global timeout reached，排查是 longhorn 的 instance-manager 有 PDB。`,
    `Nodes with local-storage pods (emptyDir) stop the automated drain in our node-rotation job; the job doesn't pass --delete-emptydir-data, so nodes stay cordoned and the fleet is stuck half-upgraded.`,
    `Cluster autoscaler: "Skipping ip-10-2-3-4 from delete consideration - the node is currently being deleted" for hours; the scale-down drain is blocked by a PDB (not enough pod disruption budget to move kube-system/metrics-server).`,
    `node pool rotation failed: Error draining node: evicting pod "vault-1": Too Many Requests (429) — the eviction API returns 429 when a PodDisruptionBudget blocks it.`,
    `Our maintenance script cordons and drains each node. It got stuck on node-5 because a Job pod without a controller-owned reference was running there; drain refuses unmanaged pods without --force.`,
    `当前 PDB 的 disruptionsAllowed 为 0，所有 evict 请求都返回 429，节点排空无法完成，升级流程阻塞。`,
    `kubectl drain ip-10-4-1-9.ec2.internal --ignore-daemonsets --delete-emptydir-data
node/ip-10-4-1-9.ec2.internal cordoned
evicting pod search/opensearch-master-1
error when evicting pods/"opensearch-master-1" -n "search" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.`,
    `Spot instance termination handler couldn't drain the node in its 2-minute window: the PDB for the checkout service had 0 allowed disruptions, so the pods died with the instance instead of moving gracefully.`,
    `节点维护 drain 不掉：PDB 的 maxUnavailable 设置成了 0，意思是永远不允许主动驱逐，kubectl drain 一直在 retry。`,
    `AKS upgrade failed: "Drain of aks-nodepool1-3418-vmss000002 did not complete: Too many requests. Pods protected by PDB: default/api-pdb". The upgrade operation timed out after 1 hour.`,
    `Rolling upgrade of the node group is stuck on the first node; it stays SchedulingDisabled and the eviction of zookeeper-1 keeps failing because the ensemble is already degraded (one member unready), so the disruption budget is at zero.`,
    `cluster-autoscaler scale-down never happens for ip-10-0-9-12: "not enough pod disruption budget to move monitoring/prometheus-0"; the node stays underutilised for days.`,
    `Our upgrade automation gets stuck on node 4: the drain step retries for an hour because the PDB of the search cluster allows no disruption, and the node remains cordoned.`,
    `Node drain in our rolling update times out after 10 minutes; the eviction of the etcd member is refused by its PodDisruptionBudget.`,
    `kured can't reboot the node: drain keeps failing with "Cannot evict pod as it would violate the pod's disruption budget" for the single-replica ingress controller.`,
    `### What happened?

Node upgrades hang because our chart creates a PodDisruptionBudget with minAvailable: 1 while the default replica count is 1, so kubectl drain can never evict the pod.

### What did you expect to happen?

Nodes can be drained.

### How can we reproduce it?

Install with default values, then kubectl drain the node.

### Kubernetes version

v1.28.2 (GKE)`,
  ],
};
