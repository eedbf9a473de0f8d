import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { MulterModule } from '@nestjs/platform-express';
import { TerminusModule } from '@nestjs/terminus';
import { type Config } from '@memegraph/config';
import type { Logger } from '@memegraph/telemetry';
import { AlertStreamService } from './alerts/alert-stream.service';
import { DeadLettersService } from './alerts/dead-letters.service';
import { AlertsController } from './alerts/alerts.controller';
import { WebhooksController } from './alerts/webhooks.controller';
import { WebhooksService } from './alerts/webhooks.service';
import { AuthGuard } from './auth/auth.guard';
import { RunbooksController } from './runbooks/runbooks.controller';
import { DiagnosesController } from './diagnoses/diagnoses.controller';
import { DiagnosesService } from './diagnoses/diagnoses.service';
import { MemesController } from './memes/memes.controller';
import { MemesService } from './memes/memes.service';
import { CapturesController } from './captures/captures.controller';
import { CatalogController } from './catalog/catalog.controller';
import { HealthController } from './health/health.controller';
import { GraphModule } from './graph/graph.module';
import { ErrorFilter } from './http/error.filter';
import { RequestObserverMiddleware } from './http/request-observer.middleware';
import { InfraModule } from './infra/infra.module';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';
import { ProfileDiffController } from './profiles/profile-diff.controller';
import { ProfileViewsController } from './profiles/profile-views.controller';
import { ProfileViewsService } from './profiles/profile-views.service';
import { ProfilesController } from './profiles/profiles.controller';
import { ProfilesService } from './profiles/profiles.service';

@Module({})
export class AppModule implements NestModule {
  static forConfig(config: Config, logger?: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfraModule.forConfig(config, logger),
        TerminusModule.forRoot({ logger: false }),
        GraphModule,
        // Uploads are held in memory up to the limit; larger ones are cut off with 413.
        MulterModule.register({ limits: { fileSize: config.MAX_UPLOAD_BYTES, files: 1, fields: 10 } }),
      ],
      controllers: [HealthController, MetricsController, ProfileDiffController, ProfilesController, ProfileViewsController, CatalogController, WebhooksController, AlertsController, CapturesController, MemesController, DiagnosesController, RunbooksController],
      providers: [
        MetricsService,
        ProfilesService,
        ProfileViewsService,
        WebhooksService,
        MemesService,
        DiagnosesService,
        AlertStreamService,
        DeadLettersService,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestObserverMiddleware).forRoutes('*path');
  }
}
