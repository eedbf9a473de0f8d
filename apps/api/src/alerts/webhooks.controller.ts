import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AlertmanagerPayloadSchema, AlertsAcceptedSchema, ErrorBodySchema, GenericPayloadSchema, GrafanaPayloadSchema } from '@memegraph/contracts';
import type { Request } from 'express';
import { Access } from '../auth/public.decorator';
import { openApiSchema } from '../http/openapi-schema';
import { WebhooksService, type WebhookRequest } from './webhooks.service';

const asWebhook = (req: Request & { rawBody?: Buffer }): WebhookRequest => ({ rawBody: req.rawBody, body: req.body, header: (n) => req.header(n) ?? undefined });

const responses = [
  { status: 202, description: 'Accepted: the delivery is in Redis (AOF) and the alerts are readable; a worker stores and enriches them.', schema: openApiSchema(AlertsAcceptedSchema) },
  { status: 400, description: 'Malformed payload; the message names the field.', schema: openApiSchema(ErrorBodySchema) },
  { status: 401, description: 'Missing or invalid credential; nothing is stored.', schema: openApiSchema(ErrorBodySchema) },
  { status: 413, description: 'Body larger than WEBHOOK_MAX_BYTES.', schema: openApiSchema(ErrorBodySchema) },
  { status: 429, description: 'Per-source rate limit.', schema: openApiSchema(ErrorBodySchema) },
  { status: 503, description: 'Redis unavailable: retry (ingestion is idempotent).', schema: openApiSchema(ErrorBodySchema) },
];
const documented = (): MethodDecorator => (target, key, desc) => {
  for (const r of responses) ApiResponse(r)(target, key, desc);
};

/** Alert sources post here; each has its own credential (webhooks do not use API tokens). */
@ApiTags('webhooks')
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post('alertmanager')
  @HttpCode(202)
  @Access('public')
  @ApiOperation({ summary: 'Prometheus Alertmanager webhook (v4). Auth: `Authorization: Bearer <ALERTMANAGER_TOKEN>`.' })
  @ApiBody({ schema: openApiSchema(AlertmanagerPayloadSchema) })
  @documented()
  alertmanager(@Req() req: Request) {
    return this.webhooks.ingest('alertmanager', asWebhook(req));
  }

  @Post('grafana')
  @HttpCode(202)
  @Access('public')
  @ApiOperation({ summary: 'Grafana unified alerting webhook. Auth: HMAC-SHA256 of the body in X-Grafana-Alerting-Signature.' })
  @ApiHeader({ name: 'X-Grafana-Alerting-Signature', required: true })
  @ApiBody({ schema: openApiSchema(GrafanaPayloadSchema) })
  @documented()
  grafana(@Req() req: Request) {
    return this.webhooks.ingest('grafana', asWebhook(req));
  }

  @Post('generic')
  @HttpCode(202)
  @Access('public')
  @ApiOperation({ summary: 'Generic JSON alerts. Auth: X-Memegraph-Timestamp + X-Memegraph-Signature: sha256=HMAC(secret, "<ts>.<body>").' })
  @ApiHeader({ name: 'X-Memegraph-Timestamp', required: true })
  @ApiHeader({ name: 'X-Memegraph-Signature', required: true })
  @ApiBody({ schema: openApiSchema(GenericPayloadSchema) })
  @documented()
  generic(@Req() req: Request) {
    return this.webhooks.ingest('generic', asWebhook(req));
  }
}
