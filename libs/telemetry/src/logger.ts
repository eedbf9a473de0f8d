import pino, { type Logger } from 'pino';
import { currentTraceIds } from './tracing';

export type { Logger };

/** JSON logs on stdout, each line stamped with the active trace and span ids. */
export function createLogger(opts: { name: string; level?: string }): Logger {
  return pino({
    name: opts.name,
    level: opts.level ?? 'info',
    base: { service: opts.name },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: () => currentTraceIds(),
    formatters: { level: (label) => ({ level: label }) },
  });
}
