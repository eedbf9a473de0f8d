// Loaded first by main.ts: configuration is validated and OpenTelemetry started before
// Nest, express and ioredis are required, so their modules can be patched.
import { loadConfigOrExit } from '@memegraph/config';
import { startTelemetry } from '@memegraph/telemetry';

export const config = loadConfigOrExit('memegraph worker');
export const telemetry = startTelemetry({ serviceName: config.OTEL_SERVICE_NAME ?? 'memegraph-worker', otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
