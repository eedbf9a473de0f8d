import { createLogger, type Logger } from './logger';
import { type Telemetry } from './sdk';

export interface ServiceOptions {
  /** `api`, `worker`: names the logger and the start-up failure message. */
  name: string;
  logLevel?: string;
  telemetry: Telemetry;
  /** After a stop signal the process exits within this long, even if shutting down hangs. */
  graceMs: number;
}

/**
 * A long-running process's life: start it, and on SIGTERM or SIGINT close it (`start` returns
 * how), flush telemetry and exit — within `graceMs` whatever hangs. A failed start prints why
 * and exits with code 1.
 */
export function runService(o: ServiceOptions, start: (logger: Logger) => Promise<() => Promise<void>>): void {
  const logger = createLogger({ name: o.name, level: o.logLevel });
  start(logger).then(
    (close) => {
      const stop = async (signal: string) => {
        logger.info({ signal }, `${o.name} stopping`);
        setTimeout(() => process.exit(0), o.graceMs).unref();
        await close();
        await o.telemetry.shutdown().catch(() => undefined);
        process.exit(0);
      };
      process.once('SIGTERM', () => void stop('SIGTERM'));
      process.once('SIGINT', () => void stop('SIGINT'));
    },
    (err: unknown) => {
      process.stderr.write(`memegraph ${o.name}: failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exit(1);
    },
  );
}
