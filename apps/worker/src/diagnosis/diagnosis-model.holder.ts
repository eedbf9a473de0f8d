import { Inject, Injectable } from '@nestjs/common';
import { RootCauseClassIds, type RootCauseClassId } from '@memegraph/contracts';
import { buildModel, type DiagnosisInput, type DiagnosisModel, type TrainingExample } from '@memegraph/diagnosis';
import { MemeRepository } from '@memegraph/graph';
import { loadKnowledgeBase } from '@memegraph/knowledge';
import { type Logger } from '@memegraph/telemetry';
import { LOGGER } from '../tokens';

/**
 * The diagnosis model this process uses: trained from the built-in knowledge base plus every
 * published incident in the graph, rebuilt on demand (a queued job, and at start).
 */
@Injectable()
export class DiagnosisModelHolder {
  private model: DiagnosisModel = buildModel(loadKnowledgeBase());

  constructor(
    @Inject(LOGGER) private readonly log: Logger,
    private readonly memes: MemeRepository,
  ) {}

  diagnose(input: DiagnosisInput) {
    return this.model.diagnose(input);
  }

  get version(): string {
    return this.model.modelVersion;
  }

  /** Retrains from the knowledge base and the graph's published, confirmed examples. */
  async rebuild(extra: TrainingExample[] = []): Promise<string> {
    const published = await this.memes.trainingExamples();
    const known = (id: string): id is RootCauseClassId => (RootCauseClassIds as readonly string[]).includes(id);
    const examples: TrainingExample[] = [...published.filter((e) => known(e.classId)).map((e) => ({ text: e.text, classId: e.classId as RootCauseClassId, weight: 2 })), ...extra];
    this.model = buildModel(loadKnowledgeBase(), examples);
    this.log.info({ modelVersion: this.model.modelVersion, extraExamples: examples.length }, 'diagnosis model rebuilt');
    return this.model.modelVersion;
  }
}
