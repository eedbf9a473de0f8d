import { type RootCauseEntryInput } from '../knowledge.schema';

export const redisMaxmemory: RootCauseEntryInput = {
  id: 'redis-maxmemory',
  title: { en: 'Redis out of memory (maxmemory reached, evictions)', zh: 'Redis 内存打满（达到 maxmemory、键被淘汰）' },
  summary: {
    en: 'Redis reached its maxmemory. With the noeviction policy every write fails with "OOM command not allowed when used memory > \'maxmemory\'"; with an LRU/LFU/TTL policy keys are silently evicted, so caches lose entries and queues built on Redis (Sidekiq, Celery, BullMQ) lose jobs. Causes: keys without TTL, big keys, growth of a queue or stream, fragmentation, or a maxmemory set too low for the data set.',
    zh: 'Redis 达到 maxmemory。淘汰策略为 noeviction 时所有写入都报 "OOM command not allowed when used memory > \'maxmemory\'"；为 LRU/LFU/TTL 策略时键会被悄悄淘汰，缓存丢条目，基于 Redis 的队列（Sidekiq、Celery、BullMQ）丢任务。原因：键没有 TTL、大 key、队列或 stream 增长、内存碎片，或者 maxmemory 相对数据量设得太低。',
  },
  signals: [
    { source: 'log', text: 'OOM command not allowed when used memory > \'maxmemory\' (client errors: ReplyError / ResponseError / RedisCommandExecutionException: OOM ...)' },
    { source: 'metric', text: 'used_memory close to maxmemory in INFO memory; evicted_keys rising in INFO stats; mem_fragmentation_ratio high' },
    { source: 'log', text: 'queue libraries warning that the eviction policy should be noeviction; jobs or sessions disappearing' },
    { source: 'alert', text: 'RedisOutOfConfiguredMaxmemory (redis_memory_used_bytes / redis_memory_max_bytes > 0.9), RedisOutOfSystemMemory, ElastiCache DatabaseMemoryUsagePercentage / Evictions' },
  ],
  alertRules: ['RedisOutOfConfiguredMaxmemory', 'RedisOutOfMemory', 'RedisOutOfSystemMemory', 'RedisMemoryHigh', 'RedisEvictingKeys'],
  relatedAlertRules: [],
  confusableWith: [
    { classId: 'redis-cluster-split', howToTell: 'Cluster trouble shows CLUSTERDOWN, MOVED/ASK, failover; maxmemory shows OOM command not allowed and evictions on a healthy cluster.' },
    { classId: 'k8s-oomkilled', howToTell: 'A Redis container killed with exit 137 is an OOM kill (often because maxmemory is unset or above the limit); "OOM command not allowed" is Redis enforcing its own maxmemory.' },
    { classId: 'cache-stampede', howToTell: 'Mass evictions can trigger a stampede on the backend; if the text is about Redis memory and evicted keys, the root is maxmemory.' },
  ],
  runbook: [
    { title: 'Check memory against maxmemory and the policy', command: 'redis-cli -h $REDIS_HOST -a "$REDIS_PASSWORD" info memory | grep -E "used_memory_human|maxmemory_human|maxmemory_policy|mem_fragmentation_ratio"', why: 'Shows how full Redis is and what it does when full.' },
    { title: 'Check evictions and rejected writes', command: 'redis-cli -h $REDIS_HOST -a "$REDIS_PASSWORD" info stats | grep -E "evicted_keys|expired_keys|rejected_connections"', why: 'Rising evicted_keys means data is being dropped to make room.' },
    { title: 'Find the biggest keys and key patterns', command: 'redis-cli -h $REDIS_HOST -a "$REDIS_PASSWORD" --bigkeys\nredis-cli -h $REDIS_HOST -a "$REDIS_PASSWORD" --memkeys --memkeys-samples 100 | tail -20', why: 'A few huge keys or a growing queue usually explain the growth.' },
    { title: 'Find keys without TTL', command: "redis-cli -h $REDIS_HOST -a \"$REDIS_PASSWORD\" --scan --pattern '$PREFIX*' | head -1000 | while read k; do echo \"$(redis-cli -h $REDIS_HOST -a \"$REDIS_PASSWORD\" ttl \"$k\") $k\"; done | awk '$1 == -1' | head", why: 'Keys with TTL -1 never expire and accumulate.' },
    { title: 'Raise maxmemory or adjust the policy (temporarily)', command: 'redis-cli -h $REDIS_HOST -a "$REDIS_PASSWORD" config set maxmemory 6gb\nredis-cli -h $REDIS_HOST -a "$REDIS_PASSWORD" config get maxmemory-policy', why: 'Restores writes while the data growth is fixed; persist it in the config afterwards.' },
  ],
  verification: [
    { name: 'Memory used vs maxmemory', promql: 'max by (instance) (redis_memory_used_bytes{job="$JOB"} / redis_memory_max_bytes{job="$JOB"})', expect: 'At or above 0.95 while writes fail or keys are evicted; comfortably below after.' },
    { name: 'Evictions per second', promql: 'sum by (instance) (rate(redis_evicted_keys_total{job="$JOB"}[5m]))', expect: 'Positive while Redis is full; zero after.' },
    { name: 'Rejected / failed commands', promql: 'sum by (instance) (rate(redis_commands_failed_calls_total{job="$JOB"}[5m])) or sum by (instance) (rate(redis_errors_total{job="$JOB", err="OOM"}[5m]))', expect: 'OOM errors stop once memory is available.' },
  ],
  rollback: [
    'Revert a temporary maxmemory increase if the node itself gets close to physical memory (risk of the container being OOMKilled).',
    'Switch maxmemory-policy back to noeviction for queue workloads if it was changed to an LRU policy during the incident.',
    'Persist any config change with CONFIG REWRITE or in the Helm values so a restart does not undo or redo it unexpectedly.',
  ],
  examples: [
    `redis.exceptions.ResponseError: OOM command not allowed when used memory > 'maxmemory'.`,
    `127.0.0.1:6379> info memory
# Memory
used_memory:4294801232
used_memory_human:4.00G
maxmemory:4294967296
maxmemory_human:4.00G
maxmemory_policy:noeviction
mem_fragmentation_ratio:1.12`,
    `Redis 满了，写入全部报 OOM command not allowed when used memory > 'maxmemory'，策略是 noeviction，有一批 key 没设置过期时间一直在涨。`,
    `ReplyError: OOM command not allowed when used memory > 'maxmemory'.
    at parseError (/app/node_modules/redis-parser/lib/parser.js:179:12)
BullMQ stops accepting jobs because the completed-jobs list is never trimmed.`,
    `RedisOutOfConfiguredMaxmemory: Redis is running out of configured maxmemory (> 90%) on instance cache-prod-0:9121. evicted_keys rising at 2k/s.`,
    `Our Celery workers lose tasks at random. The broker Redis uses maxmemory-policy allkeys-lru, so under memory pressure it evicts the queue keys themselves. Queues must use noeviction.`,
    `evicted_keys:18231422 in INFO stats and the cache hit ratio fell from 95% to 60%; maxmemory is 2GB while the working set is ~3GB.`,
    `io.lettuce.core.RedisCommandExecutionException: OOM command not allowed when used memory > 'maxmemory'.`,
    `The Rails cache and the background job queue share one Redis. When the cache fills memory at night, LRU eviction also removes job payloads, so some exports never run. Split them or give the queue instance noeviction.`,
    `Redis 内存使用率 98%，一直在淘汰 key，缓存命中率大跌，后端数据库压力暴涨。用 --bigkeys 发现一个 hash 有 2000 万个 field。`,
    `A stream used as an event log has no MAXLEN, so it grew to 7GB and Redis hit maxmemory; XADD now fails with OOM.`,
    `-OOM command not allowed when used memory > 'maxmemory'. Writes from the session service fail; reads still work. used_memory_human:1.50G, maxmemory_human:1.50G.`,
    `ElastiCache alarm: DatabaseMemoryUsagePercentage > 95% on cluster sessions-001 and Evictions > 0. Sessions are being evicted, users get logged out.`,
    `maxmemory 8gb
maxmemory-policy volatile-ttl
Keys without TTL can't be evicted under volatile-ttl, and 90% of our keys have no TTL, so Redis rejects writes with OOM even though the policy isn't noeviction.`,
    `mem_fragmentation_ratio:2.3 — RSS is 9GB while used_memory is 4GB; after a mass delete the allocator keeps the pages. activedefrag yes brought it down; until then maxmemory warnings fired.`,
    `写 Redis 报错：OOM command not allowed，used_memory 已经到 maxmemory 了，排查是日志队列消费者挂了，list 一直堆积。`,
    `rate(redis_evicted_keys_total[5m]) went from 0 to 1500/s at 14:00 when the new feature started caching full product pages (200KB each) without expiry.`,
    `Can't save in background: fork: Cannot allocate memory — Redis uses 80% of the host RAM (maxmemory unset) and BGSAVE can't fork; writes then fail with MISCONF. Set maxmemory to leave room for fork.`,
    `After enabling the rate limiter (one key per IP per minute, no TTL on one code path) Redis memory climbed to maxmemory in two days; then every INCR failed with OOM.`,
    `Redis memory full: used_memory_peak_human 12.00G, maxmemory 12gb, policy allkeys-lfu; evicting hot keys causes cache misses that look like a stampede on the DB.`,
    `OOM command not allowed when used memory > 'maxmemory' 这个报错说明 Redis 已经用满了配置的内存上限，而淘汰策略不允许淘汰，需要扩容或者清理大 key。`,
    `Jobs vanish from the delayed queue overnight. INFO shows evicted_keys:482113 and maxmemory-policy:allkeys-random — someone changed the policy on the shared instance.`,
    `RedisOutOfSystemMemory: Redis is running out of system memory (> 90%) — no maxmemory configured, the dataset keeps growing toward the pod limit.`,
    `Memory of the Redis primary grows by 1GB per day: client output buffers of slow pub/sub subscribers (client-output-buffer-limit pubsub 0 0 0) and the dataset together hit maxmemory.`,
    `缓存服务写不进去了，redis 报 OOM，检查发现 maxmemory 只配了 1G，数据量已经 1G 了，先临时 config set maxmemory 调大，再排查没有过期时间的 key。`,
    `Redis is full and rejects every write with an OOM error; the maxmemory policy is noeviction so nothing is freed automatically.`,
    `Our cache Redis hit its memory limit and started evicting keys, so the hit ratio dropped and the database load went up.`,
    `Error: OOM command not allowed when used memory > 'maxmemory'. script: 8c1f..., on @user_script:1. — a Lua script tries to write while the instance is at its limit.`,
    `Redis 内存满了，写入报错，maxmemory 设置太小，需要清理没有过期时间的 key 或者扩容。`,
    `Keys are being evicted from Redis because it reached maxmemory; queue entries disappear under load.`,
    `**Describe the bug**
Our job queue stops accepting jobs with OOM command not allowed when used memory > 'maxmemory'. Completed jobs are never removed, so the Redis instance fills up.

**To Reproduce**
1. Run 1M jobs
2. Watch used_memory

**Expected behavior**
Completed jobs are trimmed automatically.

**Environment**
- Version: 5.3.0
- Redis: 7.0 with maxmemory 2gb
- Node.js 20`,
  ],
};
