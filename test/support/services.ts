import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Config, loadConfig } from '@memegraph/config';

/**
 * Integration tests run against the real Redis and Neo4j that scripts/test starts; it sets
 * MEMEGRAPH_INTEGRATION=1 with their addresses. Outside it these suites are skipped.
 */
export const integration = process.env.MEMEGRAPH_INTEGRATION === '1';

export const testTokens = {
  viewer: 'test-viewer-token-000000000000',
  engineer: 'test-engineer-token-00000000000',
  admin: 'test-admin-token-0000000000000000',
} as const;

/** A config isolated per test file: own queue prefix and blob folder, shared real services. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    REDIS_URL: process.env.REDIS_URL,
    NEO4J_URI: process.env.NEO4J_URI,
    NEO4J_USER: process.env.NEO4J_USER,
    NEO4J_PASSWORD: process.env.NEO4J_PASSWORD ?? 'unset-password',
    BLOB_DIR: mkdtempSync(join(tmpdir(), 'memegraph-blobs-')),
    QUEUE_PREFIX: `test-${randomUUID().slice(0, 8)}`,
    API_TOKENS: Object.entries(testTokens)
      .map(([role, token]) => `${role}:${role}:${token}`)
      .join(','),
    OPEN_READS: 'false',
    ...overrides,
  });
}

export const bearer = (role: keyof typeof testTokens) => ({ Authorization: `Bearer ${testTokens[role]}` });

/** Polls fn until it returns a value that satisfies done, or fails after timeoutMs. */
export async function eventually<T>(fn: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 30_000, stepMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await fn();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, stepMs));
    last = await fn();
  }
  return last;
}
