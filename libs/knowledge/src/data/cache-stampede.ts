import { type RootCauseEntryInput } from '../knowledge.schema';

export const cacheStampede: RootCauseEntryInput = {
  id: 'cache-stampede',
  title: { en: 'Cache stampede (thundering herd on a cache miss)', zh: '缓存击穿 / 雪崩（缓存未命中时的惊群）' },
  summary: {
    en: 'Many requests miss the same cache entry at the same moment and all go to the backend to rebuild it: a hot key expires, many keys share the same TTL and expire together, the cache is flushed or restarted cold, or a bug maps every request to one default key (empty id, "undefined"). The database or upstream sees a sudden spike of identical queries, latency explodes, and the rebuild itself gets slower, prolonging the herd. Fixes: request coalescing (singleflight), locks/leases, early probabilistic refresh, TTL jitter, serving stale.',
    zh: '大量请求在同一时刻未命中同一个缓存项，全部打到后端去重建：热点 key 过期、大量 key 使用相同 TTL 同时过期、缓存被清空或冷启动，或者 bug 把所有请求映射到同一个默认 key（空 id、"undefined"）。数据库或上游突然收到大量相同查询，延迟暴涨，重建本身变慢，惊群持续更久。解决办法：请求合并（singleflight）、加锁/租约、提前概率刷新、TTL 加随机抖动、返回旧值。',
  },
  signals: [
    { source: 'metric', text: 'cache hit ratio drops sharply while DB QPS spikes with the same query; spikes repeat at the TTL period (every 5/10/60 minutes)' },
    { source: 'log', text: 'slow query log full of the same SELECT in the same second; many concurrent "cache miss, loading key X" log lines' },
    { source: 'chat', text: '“缓存击穿”, “缓存雪崩”, “热点 key 过期”, “惊群效应”, dog-pile, thundering herd' },
    { source: 'metric', text: 'Redis/memcached get_misses spike right after FLUSHALL, a deploy that changed the key prefix, or a cache node restart' },
  ],
  alertRules: ['CacheHitRatioLow', 'CacheMissRateHigh', 'RedisKeyspaceMissesHigh'],
  relatedAlertRules: ['PostgresqlTooManyConnections', 'MysqlSlowQueries', 'HighRequestLatency'],
  confusableWith: [
    { classId: 'db-pool-exhaustion', howToTell: 'The pool may be exhausted as a consequence; a simultaneous miss of the same keys (TTL expiry, flush) is the root.' },
    { classId: 'redis-maxmemory', howToTell: 'Evictions from a full Redis can cause misses; if memory is at maxmemory, fix that first.' },
  ],
  runbook: [
    { title: 'Correlate cache misses with backend load', command: "redis-cli -h $REDIS_HOST -a \"$REDIS_PASSWORD\" info stats | grep -E 'keyspace_(hits|misses)'\npsql \"$DATABASE_URL\" -c \"select calls, mean_exec_time, left(query,80) from pg_stat_statements order by calls desc limit 10;\"", why: 'A miss spike matching a burst of one query points to a stampede.' },
    { title: 'Find the hot keys', command: 'redis-cli -h $REDIS_HOST -a "$REDIS_PASSWORD" --hotkeys   # needs maxmemory-policy *lfu\nredis-cli -h $REDIS_HOST -a "$REDIS_PASSWORD" monitor | head -2000 | awk \'{print $5}\' | sort | uniq -c | sort -rn | head', why: 'Names the keys that everybody misses at once (or a suspicious default key).' },
    { title: 'Check TTLs for synchronised expiry', command: "redis-cli -h $REDIS_HOST -a \"$REDIS_PASSWORD\" --scan --pattern '$PREFIX*' | head -200 | xargs -n1 redis-cli -h $REDIS_HOST -a \"$REDIS_PASSWORD\" ttl | sort -n | uniq -c | head", why: 'Many keys with the same remaining TTL will expire together; add jitter.' },
    { title: 'Coalesce rebuilds', command: "grep -rn --include='*.go' -E 'singleflight|Group\\.Do' ./internal   # wrap the loader in golang.org/x/sync/singleflight", why: 'One rebuild per key instead of one per request.' },
  ],
  verification: [
    { name: 'Cache hit ratio', promql: 'sum(rate(redis_keyspace_hits_total{job="$JOB"}[5m])) / (sum(rate(redis_keyspace_hits_total{job="$JOB"}[5m])) + sum(rate(redis_keyspace_misses_total{job="$JOB"}[5m])))', expect: 'Dips sharply during each herd; stays stable after coalescing and TTL jitter.' },
    { name: 'Backend query rate', promql: 'sum(rate(pg_stat_database_xact_commit{datname="$DATABASE"}[1m]))', expect: 'Periodic spikes at the TTL interval disappear.' },
    { name: 'Latency during expiry windows', promql: 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="$JOB"}[1m])))', expect: 'No more p99 spikes aligned with cache expiry.' },
  ],
  rollback: [
    'If serving stale data is unacceptable for some keys, revert stale-while-revalidate for those keys only.',
    'Revert TTL changes if hit ratio falls; keep the jitter.',
    'Warm the cache (pre-load hot keys) before sending traffic after a flush or cache node replacement.',
  ],
  examples: [
    `Every 10 minutes the DB CPU spikes to 100% for ~30 seconds. The homepage cache key expires and a few thousand concurrent requests all miss it and run the same 2-second aggregation query.`,
    `缓存击穿：热点商品的 key 过期瞬间，几千个请求同时打到数据库，DB 连接被打满，接口超时。加了 singleflight 和互斥锁重建。`,
    `All product keys are written by the nightly job with the same TTL of 3600s, so they expire together at 01:00 and the database gets hammered (cache avalanche). Add random jitter to the TTL.`,
    `Thundering herd after deploy: the new version changed the cache key prefix from v1: to v2:, so the entire cache was effectively empty and all traffic went to Postgres at once.`,
    `Cache hit ratio dropped from 97% to 12% right after someone ran FLUSHALL on the shared Redis; the catalog DB fell over under the miss storm.`,
    `The load is caused by a bug: when the user id is missing we build the key "profile:" and everybody shares that one empty key; its value is never cached because the loader returns an error, so every request hits the DB.`,
    `缓存雪崩，大量 key 同一时间过期，数据库 QPS 从 2k 飙到 40k，后面给 TTL 加了随机值。`,
    `We see a dog-pile every time the exchange-rates entry expires: 300 pods recompute it concurrently and the rate provider throttles us.`,
    `Use singleflight for the config loader: on cache miss each goroutine was calling the backend; now only one call per key is in flight and the others wait for its result.`,
    `Latency spikes every hour on the hour; slow query log shows the same "SELECT ... FROM leaderboard ORDER BY score" 1800 times in the same second. It's the cache entry with a 1h TTL.`,
    `Memcached node replaced during maintenance; its share of keys is gone, misses go to MySQL, which then saturates. Consistent hashing without replicas means a cold node means a stampede.`,
    `热点 key 失效引发惊群效应，后端服务被打挂，恢复后缓存还是空的，又被打挂，反复几次。最后先预热缓存再放流量。`,
    `When the recommendation cache expires, 5k requests per second fall through to the model server, which takes 800ms per request under that load, so the cache takes a long time to be refilled: a self-sustaining stampede.`,
    `Probabilistic early expiration (XFetch) solved our stampedes: each reader recomputes slightly before expiry with a probability that increases near the TTL, so only one or two recompute.`,
    `Cache miss storm after the Redis failover: the new primary started empty because persistence was disabled, and the API pods hit the database with the full load.`,
    `We observe periodic bursts of identical queries to the pricing DB whenever the cached price list for a popular region expires. Requests don't coordinate; each one rebuilds the same entry.`,
    `缓存穿透/击穿区分：这次是击穿，同一个热点 key 过期，大量并发同时回源。`,
    `Stale-while-revalidate added to the CDN config: before, when the object expired, all edge nodes fetched from origin at the same time and origin returned 503s.`,
    `The stats endpoint caches a heavy aggregate for 60 seconds. At the moment it expires, every dashboard poller triggers the aggregate, the database load jumps and p99 goes to 20s.`,
    `Redis keyspace_misses jumps by 50k in a second at :00 and :30 every hour — two big key groups are refreshed by cron with identical TTLs, and the app reloads them on demand at the same time.`,
    `Our local in-process cache is per pod; after a rollout all 60 pods start cold simultaneously and hit the user service with the same lookups. Warming the cache at start-up fixed the stampede.`,
    `The feature flag cache has no request coalescing: when the flag service is slow, every miss waits and retries, creating more misses and a herd of identical requests to the flag service.`,
    `问题原因：缓存 key 设置的过期时间完全一样，到期时一起失效，数据库瞬间压力过大。解决：过期时间加随机偏移 + 互斥锁只允许一个请求回源。`,
    `Hot key expiry: the key "config:global" is read 20k times per second. When it expires, there's a window of ~200ms where all readers miss and each issues the same SQL query.`,
    `The session cache uses a default key when the tenant header is absent ("tenant:default"); a misbehaving client without the header generates a stampede on that one key whenever it is invalidated.`,
    `When the cached leaderboard expires, all app servers rebuild it at the same moment and the database CPU spikes to 100%.`,
    `Whenever the homepage fragment falls out of memcached, 400 workers rebuild it simultaneously; we added a lease so only one of them recomputes while the rest serve the stale copy.`,
    `Spread the expiry of the price cache entries with random jitter: they were all written by one job with the same TTL and expired in the same second, hammering the database.`,
    `缓存失效瞬间大量请求打到数据库，数据库负载瞬间升高，典型的缓存击穿，需要加互斥锁或提前刷新。`,
    `Thundering herd: after a deploy the in-process caches of all pods are empty and thousands of requests hit the config service simultaneously.`,
    `**Describe the bug**
Every hour the database CPU hits 100% for a minute: all cached dashboard queries expire at the same time and every viewer triggers the same expensive query.

**To Reproduce**
1. Open the dashboard in many browsers
2. Wait for the cache TTL

**Expected behavior**
Only one query per cache key is executed.

**Environment**
- Version: 10.2
- Cache: Redis 7
- Database: MySQL 8`,
  ],
};
