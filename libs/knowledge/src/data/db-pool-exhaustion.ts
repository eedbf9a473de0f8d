import { type RootCauseEntryInput } from '../knowledge.schema';

export const dbPoolExhaustion: RootCauseEntryInput = {
  id: 'db-pool-exhaustion',
  title: { en: 'Database connection pool exhausted', zh: '数据库连接池耗尽' },
  summary: {
    en: 'Requests wait for a database connection that never frees up: every pooled connection is busy (slow queries, long transactions, connections leaked by unclosed rows or transactions), or the server itself refuses more clients (max_connections reached because too many replicas × pool size). Errors read "timeout waiting for connection from pool", "Connection is not available, request timed out", "QueuePool limit ... reached", "sorry, too many clients already", "remaining connection slots are reserved", MySQL "Too many connections".',
    zh: '请求在等一个永远空不出来的数据库连接：池里所有连接都被占用（慢查询、长事务、rows 或事务未关闭导致连接泄漏），或者数据库本身拒绝更多客户端（副本数 × 池大小超过 max_connections）。报错形如 "timeout waiting for connection from pool"、"Connection is not available, request timed out"、"QueuePool limit ... reached"、"sorry, too many clients already"、"remaining connection slots are reserved"、MySQL 的 "Too many connections"。',
  },
  signals: [
    { source: 'log', text: 'FATAL: sorry, too many clients already; FATAL: remaining connection slots are reserved for non-replication superuser connections; ERROR 1040 (08004): Too many connections' },
    { source: 'log', text: 'HikariPool-1 - Connection is not available, request timed out after 30000ms; Pool stats (total=20, active=20, idle=0, waiting=37)' },
    { source: 'log', text: 'timeout waiting for connection from pool; sqlalchemy.exc.TimeoutError: QueuePool limit of size N overflow M reached; failed to acquire connection (pgxpool); Cannot get a connection, pool error Timeout waiting for idle object' },
    { source: 'metric', text: 'database/sql DBStats InUse == MaxOpenConns, WaitCount and WaitDuration growing; pg_stat_activity count near max_connections' },
    { source: 'alert', text: 'PostgresqlTooManyConnections, MysqlTooManyConnections, PgbouncerMaxClientConnections, DBConnectionPoolExhausted' },
  ],
  alertRules: ['PostgresqlTooManyConnections', 'MysqlTooManyConnections', 'PostgresqlConnectionsNearMax', 'PgbouncerMaxClientConnections', 'DBConnectionPoolExhausted', 'HikariPoolPendingConnections'],
  relatedAlertRules: ['PostgresqlSlowQueries', 'MysqlSlowQueries', 'HighRequestLatency'],
  confusableWith: [
    { classId: 'network-timeout', howToTell: 'If the deadline expires while waiting to get a connection from the pool (pool wait, active=max), it is pool exhaustion; if it expires on the network to the DB, it is a timeout.' },
    { classId: 'fd-exhaustion', howToTell: '"too many open files" is the OS descriptor limit; "too many connections/clients" is the database or pool limit.' },
    { classId: 'cache-stampede', howToTell: 'A stampede can exhaust the pool; if the text is about a cache expiry causing the DB surge, the root is the stampede.' },
  ],
  runbook: [
    { title: 'Count server connections by state and client', command: "psql \"$DATABASE_URL\" -c \"select usename, application_name, client_addr, state, count(*) from pg_stat_activity group by 1,2,3,4 order by 5 desc limit 20;\"\npsql \"$DATABASE_URL\" -c 'show max_connections;'", why: 'Shows whether the server is at max_connections and which clients hold the connections (idle in transaction means leaks).' },
    { title: 'Find long transactions and slow queries holding connections', command: "psql \"$DATABASE_URL\" -c \"select pid, now()-xact_start as xact_age, state, left(query,80) from pg_stat_activity where xact_start is not null order by xact_age desc limit 10;\"", why: 'Long or idle-in-transaction sessions keep pool slots busy.' },
    { title: 'Read the application pool statistics', command: "curl -s http://localhost:8080/metrics | grep -E 'go_sql_(in_use|idle|wait_count|wait_duration|max_open)' || curl -s http://localhost:8080/actuator/metrics/hikaricp.connections.pending", why: 'InUse at MaxOpenConns with a rising WaitCount confirms the pool is the bottleneck.' },
    { title: 'Check pool size × replicas against the server limit', command: "kubectl -n $NAMESPACE get deploy $DEPLOYMENT -o jsonpath='{.spec.replicas}'\nkubectl -n $NAMESPACE get deploy $DEPLOYMENT -o yaml | grep -i -E 'max_?open|pool_?size|maximumPoolSize'", why: 'Scaling out multiplies connections; put PgBouncer in front or lower the per-pod pool.' },
    { title: 'Look for connection leaks in code', command: "grep -rn --include='*.go' -E 'db\\.Query\\(|\\.Begin\\(' ./internal | head -30   # every Query needs rows.Close(), every Begin a Commit/Rollback", why: 'Rows or transactions never closed keep connections checked out forever.' },
  ],
  verification: [
    { name: 'Connections vs max_connections', promql: 'sum by (instance) (pg_stat_activity_count) / max by (instance) (pg_settings_max_connections)', expect: 'Near 1.0 while clients are refused; comfortably below after.' },
    { name: 'Pool wait count', promql: 'sum by (pod) (rate(go_sql_wait_count_total{job="$JOB"}[5m]))', expect: 'Requests waiting for a connection every second during exhaustion; near zero after.' },
    { name: 'Connections in use vs pool max', promql: 'max by (pod) (go_sql_in_use_connections{job="$JOB"}) / max by (pod) (go_sql_max_open_connections{job="$JOB"})', expect: 'Pinned at 1.0 while exhausted; below after leaks or slow queries are fixed.' },
  ],
  rollback: [
    'If a larger pool overloads the database (CPU, locks), revert the pool size and fix slow queries instead.',
    'Revert max_connections changes that exceed the server\'s memory budget.',
    'Keep PgBouncer (transaction pooling) in place if added; remove only after per-pod pools are right-sized.',
  ],
  examples: [
    `FATAL:  sorry, too many clients already`,
    `pq: remaining connection slots are reserved for non-replication superuser connections — we scaled the API from 10 to 40 replicas and each has MaxOpenConns=10; Postgres max_connections is 200.`,
    `数据库连接池满了，日志一直报 timeout waiting for connection from pool，active=50 idle=0，查下来是有个接口查询后没有 rows.Close()，连接一直不还。`,
    `HikariPool-1 - Connection is not available, request timed out after 30000ms.
HikariPool-1 - Pool stats (total=20, active=20, idle=0, waiting=64)`,
    `sqlalchemy.exc.TimeoutError: QueuePool limit of size 20 overflow 5 reached, connection timed out, timeout 10.00`,
    `ERROR 1040 (08004): Too many connections — the batch job opens a new connection per row instead of using the pool.`,
    `db.Stats(): MaxOpenConnections=25 OpenConnections=25 InUse=25 Idle=0 WaitCount=184422 WaitDuration=41h12m — every request waits for a connection; a report query holds connections for 40s each.`,
    `PostgresqlTooManyConnections: PostgreSQL instance has too many connections (> 80% of max_connections). 190 of 200 used; 120 are "idle in transaction".`,
    `连接池耗尽：长事务没提交，连接处于 idle in transaction 状态，新的请求拿不到连接，接口全部超时。`,
    `failed to acquire connection: context deadline exceeded — pgxpool with MaxConns=4 in each worker, and the consumer runs 64 goroutines that each hold a connection while calling an external API inside the transaction.`,
    `Cannot get a connection, pool error Timeout waiting for idle object, borrowMaxWaitDuration=PT10S`,
    `We leak connections when the handler returns early on error: tx.Rollback() is never called on that path, so after a few hundred errors the pool is empty and everything blocks.`,
    `pgbouncer: no more connections allowed (max_client_conn) — 1000 client connections from the app pods; default pool size per db/user is 20 and query_wait_timeout kills the waiters.`,
    `The request latency is exactly our 5s pool acquire timeout for 30% of requests: they wait for a DB connection. The database itself is idle (CPU 10%), the pool (size 10) is the bottleneck.`,
    `MySQL 报 Too many connections，max_connections=500 已经打满，应用扩容了 3 倍但是每个实例连接池 maxPoolSize 没改。`,
    `go_sql_wait_duration_seconds_total rising by ~40s every second across the fleet; go_sql_in_use_connections equals go_sql_max_open_connections on every pod.`,
    `Spring Boot app logs "Connection is not available, request timed out after 30004ms" under load. Thread dump shows 200 Tomcat threads waiting in HikariPool.getConnection while 10 connections run a slow query.`,
    `After the deploy, connection count on RDS climbs until "FATAL: remaining connection slots are reserved"; the new code opens sql.Open() per request instead of sharing one *sql.DB.`,
    `Django on gunicorn with 8 workers × 4 threads per pod and CONN_MAX_AGE=None keeps a persistent connection per thread; 30 pods × 32 = 960 connections > max_connections 500.`,
    `连接泄漏导致池子打满：查询用完没 defer rows.Close()，压测 10 分钟后 InUse 一直等于 MaxOpenConns，WaitCount 暴涨。`,
    `Error: timeout exceeded when trying to connect (node-postgres Pool, max: 10) — all clients are checked out; a missing client.release() in the error branch leaks them.`,
    `The ORM's pool fills up during the nightly import: each import worker holds a connection for the whole file (one transaction per file, 10 minutes), starving the web requests.`,
    `org.springframework.jdbc.CannotGetJdbcConnectionException: Failed to obtain JDBC Connection; nested exception is java.sql.SQLTransientConnectionException: HikariPool-2 - Connection is not available, request timed out after 5000ms.`,
    `DBConnectionPoolExhausted fired for orders-api: pool utilisation 100% for 10 minutes, 250 goroutines waiting on database/sql connection requests.`,
    `Postgres connections are exhausted by the cron pods: each run opens 20 connections and old runs never exit because they hang on a lock, so connections pile up until "too many clients".`,
    `Our API errors out with "timeout exceeded when trying to connect" from the pg pool: all 10 clients are checked out by a slow report query.`,
    `pgbouncer logs query_wait_timeout for the app user: every server connection in the pool is busy with long-running transactions, so new clients wait until they are dropped.`,
    `reactor pool: Timeout on blocking read for 10000 MILLISECONDS — every connection of the R2DBC pool (max 20) is held by a slow reporting query, so API requests wait and fail.`,
    `MySQL says "Too many connections" after we doubled the number of pods; each pod opens 50 connections.`,
    `数据库连接数达到上限，报 too many connections，应用连接池配置过大，加上实例数多。`,
    `Pool stats show active equal to max and a growing wait queue: a transaction is left open on the error path, so connections never return to the pool.`,
    `**Describe the bug**
Under moderate load the API starts returning 500 errors: timeout waiting for connection from pool. The pool size is 10 and a background job keeps connections checked out.

**To Reproduce**
1. Start the background sync
2. Send 50 req/s

**Expected behavior**
Requests are served.

**Environment**
- Version: 4.1.0
- Database: PostgreSQL 15
- Go version: go1.21`,
  ],
};
