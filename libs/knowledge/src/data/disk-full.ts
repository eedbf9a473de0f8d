import { type RootCauseEntryInput } from '../knowledge.schema';

export const diskFull: RootCauseEntryInput = {
  id: 'disk-full',
  title: { en: 'Disk or volume full (no space left on device)', zh: '磁盘或数据卷写满（no space left on device）' },
  summary: {
    en: 'A filesystem runs out of space or inodes: writes fail with ENOSPC "no space left on device", databases stop accepting writes, Elasticsearch puts indices read-only at the flood-stage watermark, Redis refuses writes after a failed RDB save, Docker/containerd cannot extract layers. Typical causes: logs or temp files without rotation, a PersistentVolume sized for last year\'s data, WAL or snapshots that are never cleaned, images piling up on a node, millions of small files exhausting inodes.',
    zh: '文件系统的空间或 inode 用完：写入以 ENOSPC "no space left on device" 失败，数据库停止写入，Elasticsearch 在 flood-stage 水位把索引设为只读，Redis 在 RDB 保存失败后拒绝写入，Docker/containerd 无法解压镜像层。常见原因：日志或临时文件没有轮转清理、PersistentVolume 按去年的数据量规划、WAL 或快照从不清理、节点上镜像堆积、海量小文件耗尽 inode。',
  },
  signals: [
    { source: 'log', text: 'write /data/...: no space left on device; ENOSPC; could not extend file ...: No space left on device; disk quota exceeded' },
    { source: 'log', text: 'Elasticsearch flood stage disk watermark [95%] exceeded ... index read-only-allow-delete; Redis MISCONF ... unable to persist to disk; Kafka log directory offline' },
    { source: 'alert', text: 'KubePersistentVolumeFillingUp, KubePersistentVolumeInodesFillingUp, NodeFilesystemSpaceFillingUp, NodeFilesystemAlmostOutOfSpace, NodeFilesystemAlmostOutOfFiles, NodeFilesystemFilesFillingUp, HostOutOfDiskSpace' },
    { source: 'kubectl', text: 'df -h shows 100% Use on /var/lib/docker, /var/lib/containerd or the PV mount; df -i shows IUse% 100%' },
  ],
  alertRules: ['KubePersistentVolumeFillingUp', 'KubePersistentVolumeInodesFillingUp', 'NodeFilesystemSpaceFillingUp', 'NodeFilesystemAlmostOutOfSpace', 'NodeFilesystemAlmostOutOfFiles', 'NodeFilesystemFilesFillingUp', 'HostOutOfDiskSpace', 'HostDiskWillFillIn24Hours', 'HostOutOfInodes', 'ElasticsearchDiskOutOfSpace', 'etcdBackendQuotaLowSpace', 'PrometheusTSDBCompactionsFailing'],
  relatedAlertRules: ['KubePersistentVolumeErrors', 'KubernetesDiskPressure'],
  confusableWith: [
    { classId: 'k8s-pod-eviction', howToTell: 'If the kubelet evicted pods for ephemeral-storage/nodefs, it is eviction. If an application or node process failed writing ("no space left on device") or a PV is filling, it is disk-full.' },
    { classId: 'fd-exhaustion', howToTell: '"too many open files" is descriptors, not space.' },
    { classId: 'redis-maxmemory', howToTell: 'Redis MISCONF after a failed save is a disk problem; OOM command not allowed is a memory limit.' },
  ],
  runbook: [
    { title: 'Find the full filesystem', command: "kubectl -n $NAMESPACE exec $POD -- df -h\nkubectl -n $NAMESPACE exec $POD -- df -i", why: 'Shows which mount is out of space or out of inodes.' },
    { title: 'Find what uses the space', command: "kubectl -n $NAMESPACE exec $POD -- sh -c 'du -xh --max-depth=2 /data 2>/dev/null | sort -rh | head -20'", why: 'Names the directory (logs, WAL, temp, snapshots) that grew.' },
    { title: 'Check node disks and container images', command: "kubectl debug node/$NODE -it --image=busybox -- chroot /host sh -c 'df -h /var/lib/containerd /var/log; crictl images | wc -l; du -sh /var/log/pods'", why: 'Node-level growth from images and container logs fills the root disk.' },
    { title: 'Free space safely', command: "kubectl debug node/$NODE -it --image=busybox -- chroot /host crictl rmi --prune\nkubectl debug node/$NODE -it --image=busybox -- chroot /host journalctl --vacuum-size=500M", why: 'Removes unused images and old journal logs without touching running workloads.' },
    { title: 'Expand the PersistentVolume', command: "kubectl -n $NAMESPACE patch pvc $PVC -p '{\"spec\":{\"resources\":{\"requests\":{\"storage\":\"200Gi\"}}}}'\nkubectl -n $NAMESPACE get pvc $PVC -w", why: 'If the StorageClass allows expansion, this is the fastest fix for a data volume.' },
  ],
  verification: [
    { name: 'Free space on the volume', promql: 'min by (persistentvolumeclaim) (kubelet_volume_stats_available_bytes{namespace="$NAMESPACE"} / kubelet_volume_stats_capacity_bytes{namespace="$NAMESPACE"})', expect: 'Near 0 while writes fail; healthy margin (> 20%) after.' },
    { name: 'Node filesystem forecast', promql: 'predict_linear(node_filesystem_avail_bytes{fstype!~"tmpfs|overlay", mountpoint="$MOUNTPOINT"}[6h], 24 * 3600)', expect: 'Negative (full within a day) before; positive after cleanup or retention change.' },
    { name: 'Free inodes', promql: 'min by (instance, mountpoint) (node_filesystem_files_free{fstype!~"tmpfs|overlay"} / node_filesystem_files{fstype!~"tmpfs|overlay"})', expect: 'Near 0 if inodes are exhausted; healthy after removing small files.' },
  ],
  rollback: [
    'Undo an over-aggressive retention or cleanup change if data needed for recovery was removed; restore from backup if necessary.',
    'Remove the read-only block after space is freed (Elasticsearch: index.blocks.read_only_allow_delete=null) and confirm writes resume.',
    'PVC expansion cannot be shrunk back; record the new size in the manifests so it is not reverted by a redeploy.',
  ],
  examples: [
    `2024-05-03T02:11:45.120Z ERROR failed to write segment: write /var/lib/app/data/000482.log: no space left on device`,
    `[FIRING:1] KubePersistentVolumeFillingUp
Description: The PersistentVolume claimed by data-postgres-0 in Namespace db is only 2.81% free.
Runbook: https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepersistentvolumefillingup`,
    `磁盘满了，写日志报 no space left on device，df -h 看 /var/log 100%，日志没有做轮转。`,
    `ERROR:  could not extend file "base/16384/2619": No space left on device
HINT:  Check free disk space.`,
    `flood stage disk watermark [95%] exceeded on [es-data-1][/usr/share/elasticsearch/data] free: 4.1gb[4.8%], all indices on this node will be marked read-only`,
    `(error) MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist to disk. Commands that may modify the data set are disabled — the data volume is full.`,
    `NodeFilesystemSpaceFillingUp: Filesystem on /dev/nvme0n1p1 at ip-10-0-2-44:9100 has only 8.3% available space left and is filling up fast.`,
    `$ df -h /var/lib/containerd
Filesystem      Size  Used Avail Use% Mounted on
/dev/nvme0n1p1   50G   50G     0 100% /
failed to extract layer sha256:4b1e...: write /var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/812/fs/usr/lib/libLLVM.so: no space left on device`,
    `df -h shows 40% used but every write fails with "No space left on device": df -i shows IUse% 100% — millions of tiny session files in /tmp exhausted the inodes.`,
    `Kafka broker stopped: "ERROR Error while writing to checkpoint file /var/lib/kafka/data/replication-offset-checkpoint (kafka.server.LogDirFailureChannel) java.io.IOException: No space left on device". Retention is set to infinite on the audit topic.`,
    `prometheus TSDB: "opening storage failed: ... write /prometheus/wal/00012345: no space left on device"; the 50Gi PVC is too small for 30 days of retention after the cardinality increase.`,
    `数据卷快满了，KubePersistentVolumeFillingUp 告警，MySQL binlog 没有设置过期时间，一直在涨。`,
    `etcdserver: mvcc: database space exceeded — etcd hit its backend quota (2GB); the cluster is in alarm NOSPACE until we compact and defrag.`,
    `The build agents fail with "docker: write /var/lib/docker/tmp/docker-export-123: no space left on device" because old images and build cache are never pruned on the node.`,
    `NodeFilesystemAlmostOutOfFiles: Filesystem on /dev/sda1 has only 3% available inodes left.`,
    `Postgres went read-only after the WAL volume filled up: a replication slot for a decommissioned replica kept all WAL segments (pg_replication_slots shows it inactive with 300GB retained).`,
    `服务日志打满了节点根分区，docker 日志文件 30G，没有配置 max-size，容器运行时写不了数据。`,
    `write /tmp/upload-2219871: no space left on device — the pod writes uploads to an emptyDir on a node whose disk is almost full.`,
    `HostOutOfDiskSpace: Disk is almost full (< 10% left) on host db-backup-1, mountpoint /backups. Old backups are never deleted.`,
    `fatal: sha1 file '.git/objects/pack/tmp_pack_XXXX' write error: No space left on device — CI checkout on a runner with a small disk.`,
    `KubePersistentVolumeFillingUp: Based on recent sampling, the PersistentVolume claimed by storage-loki-0 in Namespace logging is expected to fill up within four days.`,
    `磁盘 inode 用完了，df -i 100%，小文件太多（缓存目录里几千万个文件），所以明明还有空间也写不进去。`,
    `journald is using 22G on the node root disk; after the node root disk hit 100% the kubelet and containerd started failing with "no space left on device".`,
    `ClickHouse: Cannot reserve 1.00 MiB, not enough space (NOT_ENOUGH_SPACE) — merges need free space equal to the largest part; the disk is 97% full.`,
    `failed to register layer: Error processing tar file(exit status 1): write /usr/lib/x86_64-linux-gnu/libicudata.so.70: no space left on device — pulling the new release image fails on every node with a 20GB root volume.`,
    `The disk on the build server is full, and docker fails to write image layers: no space left on device.`,
    `Postgres stopped accepting writes: PANIC: could not write to file "pg_wal/xlogtemp.123": No space left on device.`,
    `NodeFilesystemAlmostOutOfSpace: Filesystem on /dev/sda1 at 10.0.0.12:9100 has only 4.2% available space left.`,
    `Volume for the Kafka broker is 100% full; the broker shut down because it couldn't append to the log.`,
    `磁盘空间不足，数据库写入失败，报 No space left on device，清理旧的备份和日志后恢复。`,
    `**Describe the bug**
The ingester crashes when its volume fills up: write /data/wal/00001234: no space left on device. Retention isn't applied to the WAL directory.

**To Reproduce**
1. Ingest data for a week with a 10Gi PVC

**Expected behavior**
Old data is deleted before the disk fills.

**Environment**
- Helm chart version: 5.8.0
- Kubernetes: v1.27
- Storage: gp3`,
  ],
};
