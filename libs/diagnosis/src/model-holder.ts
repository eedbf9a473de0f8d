import { RootCauseClassIds, type RootCauseClassId } from '@memegraph/contracts';
import { loadKnowledgeBase } from '@memegraph/knowledge';
import { buildModel, type DiagnosisModel } from './diagnosis-model';
import { type Diagnosis, type DiagnosisInput } from './diagnosis.schema';
import { type TrainingExample } from './text-model';

/** A confirmed example from outside the knowledge base (the graph): published, or an engineer's verdict. */
export interface ConfirmedExample {
  text: string;
  classId: string;
  kind: 'published' | 'feedback-correct' | 'feedback-wrong';
}

/** Confirmed examples count more than the built-in ones. */
export const CONFIRMED_EXAMPLE_WEIGHT = 2;

export function toTrainingExamples(examples: ConfirmedExample[]): TrainingExample[] {
  const known = (id: string): id is RootCauseClassId => (RootCauseClassIds as readonly string[]).includes(id);
  return examples
    .filter((e) => known(e.classId) && e.text.trim().length > 0)
    .map((e) => ({
      text: e.text,
      classId: e.classId as RootCauseClassId,
      weight: CONFIRMED_EXAMPLE_WEIGHT,
      ...(e.kind === 'feedback-correct' ? { feedback: 'correct' as const } : e.kind === 'feedback-wrong' ? { feedback: 'wrong' as const } : {}),
    }));
}

/**
 * The model a process diagnoses with: the knowledge base plus confirmed examples from
 * wherever the caller keeps them (the graph). Same examples, same model: rebuilding in
 * every process gives every process the same answers.
 */
export class ModelHolder {
  private model: DiagnosisModel = buildModel(loadKnowledgeBase());

  constructor(private readonly loadExamples: () => Promise<ConfirmedExample[]>) {}

  diagnose(input: DiagnosisInput): Diagnosis {
    return this.model.diagnose(input);
  }

  get version(): string {
    return this.model.modelVersion;
  }

  async rebuild(): Promise<{ modelVersion: string; examples: number }> {
    const examples = toTrainingExamples(await this.loadExamples());
    this.model = buildModel(loadKnowledgeBase(), examples);
    return { modelVersion: this.model.modelVersion, examples: examples.length };
  }
}
