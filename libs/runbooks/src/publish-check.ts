import { type RunbookDraft, RootCauseClassIds } from '@memegraph/contracts';
import { checkPromQL } from './promql';

/** What publishing a meme as a runbook requires, as the seed's "梗图转Runbook" task defines it. */
export const VERIFICATION_METRICS_REQUIRED = 3;
export const ROLLBACK_REVISIONS_REQUIRED = 2;

/** A version in a command: v1.2.3, 1.24, go1.22, an image tag (:1.4.2), @v0.3.0. */
const VERSION = /(\bv?\d+\.\d+(\.\d+)?\b|\bgo1\.\d+|:[A-Za-z0-9._-]*\d[A-Za-z0-9._-]*\b|@v\d)/;
const ROLLBACK_COMMAND = /(\bkubectl\b.*\brollout\s+(history|undo)\b|\bhelm\b.*\b(history|rollback)\b|\bargocd\b.*\b(history|rollback)\b|\bgit\s+revert\b)/;

export interface PublishCheck {
  ok: boolean;
  /** Each item names one missing or invalid part, in words an engineer can act on. */
  missing: string[];
}

/** Pure: decides whether a draft may be published, and says exactly what is missing. */
export function checkPublishable(draft: RunbookDraft | undefined, knownClassIds: readonly string[] = RootCauseClassIds): PublishCheck {
  const missing: string[] = [];
  if (!draft) return { ok: false, missing: ['runbook: no runbook draft saved yet'] };
  if (!knownClassIds.includes(draft.classId)) missing.push(`classId: unknown root-cause class "${draft.classId}"`);
  if (draft.reproduction.length === 0) missing.push('reproduction: at least one exact reproduction step (a command)');
  else if (!draft.reproduction.some((s) => VERSION.test(s.command) || VERSION.test(s.note ?? ''))) {
    missing.push('reproduction: name the versions involved (e.g. image tag, Go version, chart version) in a step');
  }
  if (draft.verification.length !== VERIFICATION_METRICS_REQUIRED) {
    missing.push(`verification: exactly ${VERIFICATION_METRICS_REQUIRED} PromQL metrics (got ${draft.verification.length})`);
  }
  draft.verification.forEach((v, i) => {
    const problem = checkPromQL(v.promql);
    if (problem) missing.push(`verification.${i}.promql: ${problem}`);
  });
  if (draft.rollback.steps.length === 0) missing.push('rollback.steps: a rollback checklist');
  else if (!draft.rollback.steps.some((s) => ROLLBACK_COMMAND.test(s))) {
    missing.push('rollback.steps: include how to roll back (e.g. `kubectl rollout history` / `kubectl rollout undo`)');
  }
  if ((draft.rollback.revisionsAvailable ?? 0) < ROLLBACK_REVISIONS_REQUIRED) {
    missing.push(`rollback.revisionsAvailable: \`kubectl rollout history\` must show at least ${ROLLBACK_REVISIONS_REQUIRED} revisions`);
  }
  return { ok: missing.length === 0, missing };
}
