import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import { type ErrorBody, isAppError } from '@memegraph/contracts';
import type { Logger } from '@memegraph/telemetry';
import type { Request, Response } from 'express';
import { LOGGER } from '../infra/tokens';
import { codeOfStatus, statusOf } from './error-status';

/** Every failure leaves as `{error: {code, message}}`; unexpected ones are logged, not leaked. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly log: Logger) {}

  catch(err: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<Request>();
    let status: number;
    let body: ErrorBody;
    if (isAppError(err)) {
      status = statusOf[err.code];
      body = { error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } };
    } else if (err instanceof HttpException && isHealthReport(err.getResponse())) {
      // /readyz: terminus's per-dependency report is the answer itself.
      res.status(err.getStatus()).json(err.getResponse());
      return;
    } else if (err instanceof HttpException) {
      status = err.getStatus();
      const r = err.getResponse();
      const message = typeof r === 'string' ? r : String((r as { message?: unknown }).message ?? err.message);
      body = { error: { code: codeOfStatus(status), message } };
    } else if ((err as { type?: string }).type === 'entity.too.large') {
      status = 413;
      body = { error: { code: 'PAYLOAD_TOO_LARGE', message: 'request body is too large' } };
    } else if ((err as { type?: string }).type === 'entity.parse.failed') {
      status = 400;
      body = { error: { code: 'BAD_REQUEST', message: 'request body is not valid JSON' } };
    } else {
      status = 500;
      body = { error: { code: 'INTERNAL', message: 'internal error' } };
    }
    if (status >= 500) this.log.error({ err, method: req.method, url: req.originalUrl }, 'request failed');
    if (!res.headersSent) res.status(status).json(body);
  }
}

const isHealthReport = (r: unknown): boolean => typeof r === 'object' && r !== null && 'details' in r && 'status' in r;
