import { config, telemetry } from './instrument';
import { createLogger } from '@memegraph/telemetry';
import { createApi } from './bootstrap';

async function main(): Promise<void> {
  const logger = createLogger({ name: 'api', level: config.LOG_LEVEL });
  const app = await createApi(config, logger);
  await app.listen(config.API_PORT, config.API_HOST);
  logger.info({ url: `http://${config.API_HOST}:${config.API_PORT}` }, 'api listening');
  const stop = async (signal: string) => {
    logger.info({ signal }, 'api stopping');
    await app.close();
    await telemetry.shutdown().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  process.stderr.write(`memegraph api: failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
