import { RoleSchema } from '@memegraph/contracts';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const port = z.coerce.number().int().min(1).max(65535);
const bytes = z.coerce.number().int().positive();

const list = z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));
const pairs = z.string().transform((raw, ctx) => {
  const out: Record<string, string> = {};
  for (const entry of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    const i = entry.indexOf('=');
    if (i <= 0) {
      ctx.addIssue({ code: 'custom', message: `entry "${entry}" must be name=value` });
      return z.NEVER;
    }
    out[entry.slice(0, i)] = entry.slice(i + 1);
  }
  return out;
});

/** `name:role:token` entries, comma-separated. Tokens are compared in constant time by the API. */
const tokens = z.string().transform((raw, ctx) => {
  const out: { name: string; role: z.infer<typeof RoleSchema>; token: string }[] = [];
  for (const entry of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [name, role, token] = entry.split(':');
    const parsedRole = RoleSchema.safeParse(role);
    if (!name || !parsedRole.success || !token || token.length < 16) {
      ctx.addIssue({ code: 'custom', message: `entry "${name ?? ''}:…" must be name:role:token with role viewer|engineer|admin and a token of at least 16 characters` });
      return z.NEVER;
    }
    out.push({ name, role: parsedRole.data, token });
  }
  return out;
});

/**
 * Every setting, from environment variables. The README's configuration table mirrors this
 * file: keep them in step.
 */
export const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  API_HOST: z.string().default('127.0.0.1'),
  API_PORT: port.default(3000),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  NEO4J_URI: z.string().regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\//, 'must be a bolt:// or neo4j:// URI').default('bolt://127.0.0.1:7687'),
  NEO4J_USER: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z.string().min(8, 'must be at least 8 characters'),
  NEO4J_DATABASE: z.string().default('neo4j'),
  BLOB_DIR: z.string().default('./.data/blobs'),
  MAX_UPLOAD_BYTES: bytes.default(64 * 1024 * 1024),
  MAX_DECOMPRESSED_BYTES: bytes.default(512 * 1024 * 1024),
  API_TOKENS: tokens.default([]),
  OPEN_READS: bool.default(false),
  QUEUE_PREFIX: z.string().regex(/^[a-z0-9:_-]+$/i).default('memegraph'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  JOB_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
  /** A crashed worker's jobs are picked up again after this long. */
  JOB_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  /** Webhook deliveries one worker stores at once; those held together share one Neo4j transaction. */
  ALERT_INGEST_CONCURRENCY: z.coerce.number().int().min(1).max(512).default(128),
  /** Most alerts in one ingest transaction. */
  ALERT_INGEST_BATCH: z.coerce.number().int().min(1).max(5000).default(500),
  ALERTMANAGER_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  GRAFANA_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Set when Grafana's webhook HMAC is configured with a timestamp header. */
  GRAFANA_TIMESTAMP_HEADER: z.string().regex(/^[A-Za-z0-9-]+$/).optional(),
  GENERIC_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  WEBHOOK_MAX_BYTES: bytes.default(1024 * 1024),
  WEBHOOK_RATE_PER_SECOND: z.coerce.number().int().min(1).default(2000),
  SERVICE_LABELS: list.default(['service', 'app', 'app_kubernetes_io_name', 'job', 'container', 'deployment', 'namespace']),
  CAPTURE_ALLOWLIST: list.default([]),
  CAPTURE_ALLOW_LOOPBACK: bool.optional(),
  CAPTURE_SECONDS: z.coerce.number().int().min(1).max(300).default(30),
  /** Annotation of an alert that names the service's pprof base URL. */
  PPROF_URL_ANNOTATION: z.string().default('pprof_url'),
  /** service=baseURL pairs, for services whose alerts carry no pprof annotation. */
  PPROF_TARGETS: pairs.default({}),
  CORRELATION_WINDOW_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  SINK_SLACK_URL: z.string().url().optional(),
  SINK_WEBHOOK_URL: z.string().url().optional(),
  SINK_WEBHOOK_SECRET: z.string().min(16).optional(),
  MAX_IMAGE_BYTES: bytes.default(10 * 1024 * 1024),
  MAX_IMAGE_PIXELS: z.coerce.number().int().positive().default(40_000_000),
  OCR_WORKERS: z.coerce.number().int().min(1).max(8).default(2),
  OCR_LANGUAGES: z.string().regex(/^[a-z_]+(\+[a-z_]+)*$/).default('eng+chi_sim'),
  OTEL_SERVICE_NAME: z.string().optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
});

export type Config = z.infer<typeof ConfigSchema>;
export type ApiToken = Config['API_TOKENS'][number];
