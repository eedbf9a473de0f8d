import { config, telemetry } from './instrument';
import { createLogger } from '@memegraph/telemetry';
import { createWorker } from './bootstrap';

async function main(): Promise<void> {
  const logger = createLogger({ name: 'worker', level: config.LOG_LEVEL });
  const app = await createWorker(config, logger);
  const stop = async (signal: string) => {
    logger.info({ signal }, 'worker stopping');
    // Running jobs get this long to finish; anything left is retried by another worker.
    setTimeout(() => process.exit(0), 15_000).unref();
    await app.close();
    await telemetry.shutdown().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  process.stderr.write(`memegraph worker: failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
