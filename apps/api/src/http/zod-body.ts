import { AppError } from '@memegraph/contracts';
import type { z } from 'zod';

/** Validates input against a contracts schema; the first bad field is named in the message. */
export function parseOr400<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.join('.') || '(body)';
  throw new AppError('VALIDATION_FAILED', `${field}: ${issue.message}`, { field, issues: r.error.issues.slice(0, 10) });
}
