import { config, telemetry } from './instrument';
import { type Server } from 'node:http';
import { runService } from '@memegraph/telemetry';
import { createApi } from './bootstrap';

/** In-flight requests get this long to finish on SIGTERM before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 8_000;

runService({ name: 'api', logLevel: config.LOG_LEVEL, telemetry, graceMs: SHUTDOWN_GRACE_MS }, async (logger) => {
  const app = await createApi(config, logger);
  await app.listen(config.API_PORT, config.API_HOST);
  logger.info({ url: `http://${config.API_HOST}:${config.API_PORT}` }, 'api listening');
  return async () => {
    // Keep-alive connections (the web proxy, SSE clients) would hold close() open forever.
    const server = app.getHttpServer() as Server;
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS / 2).unref();
    await app.close();
  };
});
