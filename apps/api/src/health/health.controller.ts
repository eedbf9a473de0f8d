import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { type BlobStore } from '@memegraph/blobs';
import { Neo4jClient } from '@memegraph/graph';
import { type Redis } from 'ioredis';
import { Access } from '../auth/public.decorator';
import { BLOBS, REDIS } from '../infra/tokens';

const PROBE_TIMEOUT_MS = 2_000;

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly neo4j: Neo4jClient,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(BLOBS) private readonly blobs: BlobStore,
  ) {}

  @Get('healthz')
  @Access('public')
  @ApiOperation({ summary: 'Liveness: the process answers.' })
  live() {
    return { status: 'ok' };
  }

  @Get('readyz')
  @Access('public')
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: Neo4j, Redis and blob storage reachable (503 with per-dependency status otherwise).' })
  ready() {
    return this.health.check([
      () => this.probe('neo4j', () => this.neo4j.ping()),
      () =>
        this.probe('redis', async () => {
          if ((await this.redis.ping()) !== 'PONG') throw new Error('unexpected PING reply');
        }),
      () => this.probe('blobs', () => this.blobs.ping()),
    ]);
  }

  /** One dependency's status with its latency; a slow dependency counts as down. */
  private async probe(key: string, fn: () => Promise<void>) {
    const session = this.indicator.check(key);
    const started = Date.now();
    try {
      await Promise.race([fn(), new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS).unref())]);
      return session.up({ latencyMs: Date.now() - started });
    } catch (err) {
      return session.down({ message: (err as Error).message });
    }
  }
}
