import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { Logger } from '@memegraph/telemetry';
import type { NextFunction, Request, Response } from 'express';
import { LOGGER } from '../infra/tokens';
import { MetricsService } from '../metrics/metrics.service';

/** One log line and one latency observation per request, labelled by route pattern (not raw URL). */
@Injectable()
export class RequestObserverMiddleware implements NestMiddleware {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const route = (req.route as { path?: string } | undefined)?.path ? `${req.baseUrl}${(req.route as { path: string }).path}` : 'unmatched';
      this.metrics.httpDuration.observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
      if (req.originalUrl !== '/healthz' && req.originalUrl !== '/metrics') {
        this.log.info({ method: req.method, url: req.originalUrl, status: res.statusCode, ms: Math.round(seconds * 1000) }, 'request');
      }
    });
    next();
  }
}
