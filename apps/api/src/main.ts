import { config, telemetry } from './instrument';
import { createLogger } from '@memegraph/telemetry';
import { createApi } from './bootstrap';

/** In-flight requests get this long to finish on SIGTERM before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 8_000;

async function main(): Promise<void> {
  const logger = createLogger({ name: 'api', level: config.LOG_LEVEL });
  const app = await createApi(config, logger);
  await app.listen(config.API_PORT, config.API_HOST);
  logger.info({ url: `http://${config.API_HOST}:${config.API_PORT}` }, 'api listening');
  const stop = async (signal: string) => {
    logger.info({ signal }, 'api stopping');
    // Keep-alive connections (the web proxy, SSE clients) would hold close() open forever.
    const server = app.getHttpServer() as import('node:http').Server;
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS / 2).unref();
    setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
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
