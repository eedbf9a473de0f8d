import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support/fixtures';

const hasCompose = (() => {
  try {
    execFileSync('docker-compose', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('docker-compose.yml', () => {
  it.skipIf(!hasCompose && process.env.MEMEGRAPH_INTEGRATION !== '1')('is valid for docker-compose config', () => {
    // scripts/test installs docker-compose, so under it this runs (and fails if the tool is missing).
    execFileSync('docker-compose', ['-f', join(repoRoot, 'docker-compose.yml'), 'config', '-q'], {
      env: { ...process.env, NEO4J_PASSWORD: 'compose-check-password', MEMEGRAPH_ADMIN_TOKEN: 'compose-check-token-0000' },
      stdio: 'pipe',
    });
  });

  it('declares the five services with healthchecks, and every build context and Dockerfile exists', () => {
    const text = readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8');
    const services = ['neo4j', 'redis', 'api', 'worker', 'web'];
    for (const s of services) expect(text).toMatch(new RegExp(`^  ${s}:$`, 'm'));
    expect(text.match(/^ {4}healthcheck:$/gm)?.length).toBe(services.length);
    expect(text).toMatch(/image: neo4j:5\.\d+/);
    expect(text).toMatch(/image: redis:7/);
    expect(text).toContain('--appendonly');
    const dockerfiles = [...text.matchAll(/dockerfile: (\S+)/g)].map((m) => m[1]!);
    expect(dockerfiles.sort()).toEqual(['infra/docker/api.Dockerfile', 'infra/docker/web.Dockerfile', 'infra/docker/worker.Dockerfile']);
    for (const f of dockerfiles) expect(existsSync(join(repoRoot, f)), f).toBe(true);
    for (const m of text.matchAll(/context: (\S+)/g)) expect(existsSync(join(repoRoot, m[1]!))).toBe(true);
  });
});
