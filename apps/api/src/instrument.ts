// Loaded first by main.ts: configuration is validated and OpenTelemetry started before
// Nest, express and ioredis are required, so their modules can be patched.
import { ConfigError, loadConfig, type Config } from '@memegraph/config';
import { startTelemetry } from '@memegraph/telemetry';

function load(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`memegraph api: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}

export const config = load();
export const telemetry = startTelemetry({ serviceName: config.OTEL_SERVICE_NAME ?? 'memegraph-api', otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
