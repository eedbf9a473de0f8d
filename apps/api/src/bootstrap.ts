import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { type Config } from '@memegraph/config';
import { Neo4jClient } from '@memegraph/graph';
import { createLogger, type Logger } from '@memegraph/telemetry';
import { AppModule } from './app.module';
import { prepareGraph } from './infra/prepare-graph';

/** Builds the API (used by main and by tests): migrations applied, OpenAPI at /docs. */
export async function createApi(config: Config, logger: Logger = createLogger({ name: 'api', level: config.LOG_LEVEL })): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forConfig(config, logger), {
    logger: ['error', 'warn'],
    bodyParser: true,
    // Webhook signatures are computed over the exact bytes received.
    rawBody: true,
  });
  app.useBodyParser('json', { limit: config.WEBHOOK_MAX_BYTES });
  app.enableShutdownHooks();
  app.disable('x-powered-by');

  await prepareGraph(app.get(Neo4jClient), logger);

  const doc = new DocumentBuilder()
    .setTitle('memegraph API')
    .setDescription('Diagnose Go services: upload pprof profiles, read their analysis. Writes need `Authorization: Bearer <token>`.')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, doc), { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}
