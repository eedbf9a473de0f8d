import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { AppError, type Principal } from '@memegraph/contracts';
import { type Diagnosis, type DiagnosisInput, ModelHolder } from '@memegraph/diagnosis';
import { TrainingRepository } from '@memegraph/graph';
import { ModelQueue } from '@memegraph/queue';
import { type Logger } from '@memegraph/telemetry';
import { filter } from 'rxjs';
import { AlertStreamService } from '../alerts/alert-stream.service';
import { LOGGER } from '../infra/tokens';

/** Diagnoses on request, and the feedback loop that teaches the model. */
@Injectable()
export class DiagnosesService implements OnModuleInit {
  constructor(
    @Inject(LOGGER) private readonly log: Logger,
    private readonly model: ModelHolder,
    private readonly training: TrainingRepository,
    private readonly queue: ModelQueue,
    private readonly stream: AlertStreamService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.model.rebuild().catch((err) => this.log.warn({ err }, 'diagnosis model: built from the knowledge base only'));
    // The worker rebuilds on feedback and announces it; rebuilding here from the same graph
    // data gives this process the same model.
    this.stream.events.pipe(filter((e) => e.type === 'model.rebuilt' && e.id !== this.model.version)).subscribe(() => {
      this.model.rebuild().then(
        (b) => this.log.info(b, 'diagnosis model rebuilt'),
        (err) => this.log.warn({ err }, 'diagnosis model rebuild failed'),
      );
    });
  }

  async diagnose(input: DiagnosisInput): Promise<Diagnosis & { id: string }> {
    const d = this.model.diagnose(input);
    const id = randomUUID();
    const inputText = d.analyzedText ?? input.text ?? '';
    const top = d.unknown ? undefined : d.ranking[0];
    await this.training.recordDiagnosis({ id, inputText, topClassId: top?.classId, topConfidence: top?.confidence, rankingJson: JSON.stringify(d.ranking), modelVersion: d.modelVersion });
    return { id, ...d };
  }

  async feedback(diagnosisId: string, verdict: { classId: string; correct: boolean }, who: Principal): Promise<{ recorded: true; rebuild: 'queued' }> {
    const ok = await this.training.recordFeedback({ diagnosisId, ...verdict, engineer: who.name });
    if (!ok) throw new AppError('NOT_FOUND', `no diagnosis with id ${diagnosisId}`);
    await this.queue.enqueueRebuild(`feedback on ${diagnosisId}`).catch((err) => {
      throw new AppError('DEPENDENCY_UNAVAILABLE', `feedback recorded, but the model rebuild could not be queued: ${(err as Error).message}`);
    });
    return { recorded: true, rebuild: 'queued' };
  }

  get modelVersion(): string {
    return this.model.version;
  }
}
