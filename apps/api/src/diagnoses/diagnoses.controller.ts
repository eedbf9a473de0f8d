import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AppError, type Principal, RootCauseClassIds } from '@memegraph/contracts';
import type { Request } from 'express';
import { z } from 'zod';
import { Access } from '../auth/public.decorator';
import { parseOr400 } from '../http/zod-body';
import { DiagnosesService } from './diagnoses.service';

const DiagnoseBody = z
  .object({
    text: z.string().max(200_000).optional(),
    alert: z.record(z.string(), z.unknown()).optional(),
    findings: z.array(z.object({ classId: z.string(), confidence: z.number().min(0).max(1), severity: z.string().optional(), title: z.string().optional() })).max(100).optional(),
    service: z.string().max(200).optional(),
  })
  .refine((b) => b.text !== undefined || b.alert !== undefined || (b.findings?.length ?? 0) > 0, { message: 'one of text, alert or findings is required' });

const FeedbackBody = z.object({
  classId: z.enum(RootCauseClassIds as unknown as [string, ...string[]]),
  correct: z.boolean(),
});

@ApiTags('diagnosis')
@Controller('v1')
export class DiagnosesController {
  constructor(private readonly diagnoses: DiagnosesService) {}

  @Post('diagnose')
  @HttpCode(200)
  @Access('read')
  @ApiOperation({ summary: 'Ranked root causes with calibrated confidence and the evidence behind each; `unknown` when nothing fits.' })
  @ApiBody({
    schema: {
      type: 'object',
      properties: { text: { type: 'string' }, alert: { type: 'object', description: 'an Alertmanager alert or webhook payload' }, findings: { type: 'array', items: { type: 'object' } }, service: { type: 'string' } },
    },
  })
  diagnose(@Body() body: unknown) {
    return this.diagnoses.diagnose(parseOr400(DiagnoseBody, body) as never);
  }

  @Post('diagnoses/:id/feedback')
  @HttpCode(202)
  @Access('engineer')
  @ApiOperation({ summary: "Record an engineer's verdict (the class was right or wrong); the model is rebuilt from the graph." })
  @ApiBody({ schema: { type: 'object', required: ['classId', 'correct'], properties: { classId: { type: 'string' }, correct: { type: 'boolean' } } } })
  feedback(@Param('id', new ParseUUIDPipe({ exceptionFactory: () => new AppError('NOT_FOUND', 'no diagnosis with that id') })) id: string, @Body() body: unknown, @Req() req: Request) {
    return this.diagnoses.feedback(id, parseOr400(FeedbackBody, body), (req as Request & { principal: Principal }).principal);
  }

  @Get('diagnosis/model')
  @Access('read')
  @ApiOperation({ summary: 'Version of the diagnosis model this API instance uses.' })
  model() {
    return { modelVersion: this.diagnoses.modelVersion };
  }
}
