import { type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type Config } from '@memegraph/config';
import { createLogger, type Logger } from '@memegraph/telemetry';
import { WorkerModule } from './worker.module';

/** A Nest application context (no HTTP server) running the BullMQ processors. */
export async function createWorker(config: Config, logger: Logger = createLogger({ name: 'worker', level: config.LOG_LEVEL })): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forConfig(config, logger), { logger: ['error', 'warn'] });
  await app.init();
  return app;
}
