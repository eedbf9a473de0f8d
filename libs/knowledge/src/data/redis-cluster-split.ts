import { type RootCauseEntryInput } from '../knowledge.schema';

export const redisClusterSplit: RootCauseEntryInput = {
  id: 'redis-cluster-split',
  title: { en: 'Redis cluster partition / failover trouble', zh: 'Redis 集群分区 / 故障转移异常' },
  summary: {
    en: 'A Redis Cluster or Sentinel setup loses agreement about who owns what: a master is marked failing, slots go unserved (CLUSTERDOWN), a failover elects a new master while the old one keeps accepting writes (split brain), or clients with a stale slot map bounce between nodes with MOVED/ASK redirects. Writes fail with CLUSTERDOWN, READONLY or TRYAGAIN, and data written to the losing side is lost when it rejoins.',
    zh: 'Redis Cluster 或 Sentinel 对"谁负责什么"失去共识：主节点被标记为 fail、槽位无人服务（CLUSTERDOWN）、故障转移选出新主而旧主仍在接受写入（脑裂），或者客户端拿着过期的槽位表在节点间被 MOVED/ASK 来回重定向。写入报 CLUSTERDOWN、READONLY 或 TRYAGAIN，旧主重新加入时写到失败一侧的数据会丢失。',
  },
  signals: [
    { source: 'log', text: 'CLUSTERDOWN The cluster is down / CLUSTERDOWN Hash slot not served; cluster_state:fail in CLUSTER INFO' },
    { source: 'log', text: 'Marking node <id> as failing (quorum reached); Cluster state changed: fail; Failover auth granted/denied; Configuration change detected. Reconfiguring myself as a replica' },
    { source: 'log', text: 'client errors MOVED 3999 10.0.1.7:6379 / ASK / TRYAGAIN; "MOVED redirection loop", "Too many Cluster redirections"' },
    { source: 'log', text: 'Sentinel +sdown / +odown / +switch-master / -failover-abort-no-good-slave; READONLY You can\'t write against a read only replica; two masters at once (split brain)' },
    { source: 'alert', text: 'RedisClusterFlapping, RedisMissingMaster, RedisTooManyMasters, RedisReplicationBroken, RedisClusterDown (redis_cluster_state == 0)' },
  ],
  alertRules: ['RedisClusterFlapping', 'RedisMissingMaster', 'RedisTooManyMasters', 'RedisReplicationBroken', 'RedisClusterDown', 'RedisClusterStateFail', 'RedisDisconnectedSlaves'],
  relatedAlertRules: ['RedisDown'],
  confusableWith: [
    { classId: 'redis-maxmemory', howToTell: 'maxmemory errors are "OOM command not allowed" or evictions on a healthy cluster; cluster trouble is CLUSTERDOWN, MOVED/ASK, failover and READONLY.' },
    { classId: 'network-timeout', howToTell: 'A partition starts as timeouts between nodes; once nodes are marked failing and slots move, it is a cluster split.' },
  ],
  runbook: [
    { title: 'Check cluster state and slot coverage', command: 'redis-cli -h $REDIS_HOST -p 6379 -a "$REDIS_PASSWORD" cluster info | grep -E "cluster_state|cluster_slots_(ok|fail|pfail)|cluster_known_nodes"\nredis-cli --cluster check $REDIS_HOST:6379 -a "$REDIS_PASSWORD"', why: 'cluster_state:fail or uncovered slots explain CLUSTERDOWN.' },
    { title: 'List nodes, roles and failure flags', command: 'redis-cli -h $REDIS_HOST -a "$REDIS_PASSWORD" cluster nodes | awk \'{print $2, $3, $8, $9}\'', why: 'Shows masters with fail/pfail flags and which replica took over (or two masters for the same slots).' },
    { title: 'Inspect failover history in the logs', command: 'kubectl -n $NAMESPACE logs $REDIS_POD --since=1h | grep -E "failing|Failover|Cluster state changed|Reconfiguring|switch-master"', why: 'Timeline of who was marked failing and who won the election.' },
    { title: 'Repair slot coverage after nodes return', command: 'redis-cli --cluster fix $REDIS_HOST:6379 -a "$REDIS_PASSWORD"\nredis-cli --cluster rebalance $REDIS_HOST:6379 -a "$REDIS_PASSWORD" --cluster-use-empty-masters', why: 'Assigns orphaned slots and finishes interrupted migrations.' },
    { title: 'Make clients refresh topology', command: 'redis-cli -h $REDIS_HOST -a "$REDIS_PASSWORD" cluster slots | head -40   # compare with the client\'s cached map; restart or enable periodic topology refresh', why: 'MOVED storms come from clients with a stale slot map.' },
  ],
  verification: [
    { name: 'Cluster state', promql: 'min(redis_cluster_state{job="$JOB"})', expect: '0 while the cluster is down; 1 when all slots are served.' },
    { name: 'Masters count', promql: 'count(redis_instance_info{job="$JOB", role="master"})', expect: 'Matches the designed number of masters; more means split brain, fewer means missing master.' },
    { name: 'Replication links up', promql: 'min by (instance) (redis_master_link_up{job="$JOB"})', expect: '0 on replicas that lost their master; 1 after recovery.' },
  ],
  rollback: [
    'If a manual failover made things worse, fail back with redis-cli -h $OLD_MASTER cluster failover on the original replica once it is in sync.',
    'Restore from the last RDB/AOF backup if writes were lost on the losing side of a split brain.',
    'Revert cluster-node-timeout or min-replicas-to-write changes if they cause flapping.',
  ],
  examples: [
    `redis.exceptions.ClusterDownError: CLUSTERDOWN The cluster is down
  File "/app/cache.py", line 41, in get_profile
    return self.client.get(key)`,
    `127.0.0.1:7000> cluster info
cluster_state:fail
cluster_slots_assigned:16384
cluster_slots_ok:10923
cluster_slots_pfail:0
cluster_slots_fail:5461
cluster_known_nodes:6
cluster_size:3`,
    `1:M 11 Jun 2024 02:14:07.332 * Marking node 3f1a9c0e7d2b5a8f6c4e1d0b9a7c5e3f2d1b0a9c as failing (quorum reached).
1:M 11 Jun 2024 02:14:07.332 # Cluster state changed: fail
1:M 11 Jun 2024 02:14:08.910 # Failover auth granted to 8e2d... for epoch 42
1:M 11 Jun 2024 02:14:09.104 # Cluster state changed: ok`,
    `redis 集群出现脑裂：网络分区后两边各有一个 master 接受写入，分区恢复后旧 master 被降级为从库，那段时间写进去的数据全丢了。`,
    `Our Go service logs thousands of "MOVED 8231 10.2.1.14:6379" per second after the resharding. The client caches the slot map and refreshes it only on reconnect, so every request is redirected.`,
    `Error: CLUSTERDOWN Hash slot not served — slots 5461-10922 have no master after the node holding them was deleted along with its only replica.`,
    `Sentinel log:
+sdown master mymaster 10.0.3.11 6379
+odown master mymaster 10.0.3.11 6379 #quorum 2/2
+try-failover master mymaster 10.0.3.11 6379
+switch-master mymaster 10.0.3.11 6379 10.0.3.12 6379`,
    `READONLY You can't write against a read only replica. — after the Sentinel failover our app still writes to the old master address (now a replica) because it resolved the master once at start-up.`,
    `RedisClusterFlapping: changes detected in Redis replica connection; the replicas disconnect and reconnect every couple of minutes because cluster-node-timeout (5s) is shorter than the GC pauses of the VM.`,
    `redis cluster 节点被标记为 fail，部分 slot 不可用，业务报 CLUSTERDOWN，查下来是机房间网络抖动，cluster-node-timeout 设得太小。`,
    `TRYAGAIN Multiple keys request during rehashing of slot — MGET across keys in a slot that is being migrated fails until the migration finishes; the rebalance has been stuck for hours in the migrating state.`,
    `io.lettuce.core.RedisCommandExecutionException: MOVED 12539 10.244.3.21:6379 — Lettuce is not configured with adaptive topology refresh, so after the failover it keeps sending to the old node.`,
    `Too many Cluster redirections? — the Jedis client gives up after 5 redirects; two nodes each think the other owns slot 7000 (inconsistent cluster config after a failed migration).`,
    `After restarting a Redis pod in Kubernetes it came back with a new IP, and the cluster still references the old IP in nodes.conf. The node is seen as failing, and the cluster state goes to fail.`,
    `RedisMissingMaster: Redis cluster has no node marked as master. Sentinels can't agree (quorum 2, but only 1 sentinel reachable) so no failover happens.`,
    `哨兵切换主从后，应用还连着老主库，写入报 READONLY You can't write against a read only replica，需要客户端监听 +switch-master 事件。`,
    `# Cluster state changed: fail
# Configuration change detected. Reconfiguring myself as a replica of 9c4b1e7a...
* MASTER <-> REPLICA sync started
# Error condition on socket for SYNC: Connection refused`,
    `MOVED/ASK storm during slot migration: ASK redirects for every key in migrating slots, clients that don't implement ASKING retry in a loop.`,
    `Split brain in Redis Sentinel: the old master was isolated but still reachable by some app pods; it accepted writes for 3 minutes while the new master did the same. min-replicas-to-write was 0, so nothing stopped it.`,
    `cluster_state:fail after two of three masters' nodes went down during a node pool upgrade; each master had its replica on the same node (no anti-affinity), so no replica could be promoted.`,
    `RedisTooManyMasters: Redis cluster has too many nodes marked as master (4, expected 3) — split brain after network partition between zones.`,
    `集群模式下客户端不停收到 MOVED 重定向，原因是扩容迁移 slot 后客户端没刷新路由表，QPS 翻倍，延迟上涨。`,
    `-failover-abort-no-good-slave master mymaster 10.1.0.5 6379 — Sentinel can't promote any replica because they are all disconnected from the master for longer than down-after-milliseconds * 10.`,
    `The app gets "CLUSTERDOWN The cluster is down" for about 15 seconds every time a master pod is rescheduled, until its replica is promoted. Graceful CLUSTER FAILOVER before deleting the pod avoids it.`,
    `Clients bounce forever between two nodes for slot 7000 (each answers MOVED pointing at the other) after a forced CLUSTER FAILOVER TAKEOVER left conflicting config epochs.`,
    `redis_cluster_state dropped to 0 at 03:12 and cluster_slots_fail went to 5461; one master node lost its disk and its replica was not in sync.`,
    `Redis cluster went into fail state after one master and its replica were both lost; the application gets CLUSTERDOWN Hash slot not served for keys in those slots.`,
    `The failover didn't happen because the replica was too far behind; the master stayed marked as failing and the cluster refused writes.`,
    `After the Sentinel switched the master, half of the app instances kept writing to the old one (now a replica) and got READONLY errors.`,
    `Redis 集群一个主节点宕机后从节点没有顶上来，cluster_state:fail，业务报 CLUSTERDOWN。`,
    `Network partition between the two data centres split the Redis cluster; both sides elected masters for the same slots, and when the network healed one side's writes were discarded.`,
    `**Describe the bug**
When one Redis master pod is rescheduled, the client library keeps receiving MOVED and CLUSTERDOWN errors for minutes because it does not refresh the cluster topology.

**To Reproduce**
1. Deploy a 3-master Redis cluster
2. Delete one master pod

**Expected behavior**
The client follows the failover within seconds.

**Environment**
- Library version: 9.1.0
- Redis: 7.2
- Kubernetes: v1.28`,
  ],
};
