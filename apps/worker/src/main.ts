import { config, telemetry } from './instrument';
import { runService } from '@memegraph/telemetry';
import { createWorker } from './bootstrap';

// Running jobs get 15 s to finish on SIGTERM; anything left is retried by another worker.
runService({ name: 'worker', logLevel: config.LOG_LEVEL, telemetry, graceMs: 15_000 }, async (logger) => {
  const app = await createWorker(config, logger);
  return () => app.close();
});
