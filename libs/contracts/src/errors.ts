/**
 * Error codes every layer speaks. The API maps them to HTTP statuses (apps/api error filter)
 * and the CLI to exit codes (apps/cli), each in one place.
 */
export const ErrorCodes = [
  'BAD_REQUEST',
  'VALIDATION_FAILED',
  'EMPTY_FILE',
  'UNSUPPORTED_FORMAT',
  'CORRUPT_PROFILE',
  'CORRUPT_IMAGE',
  'RUNBOOK_INCOMPLETE',
  'CONFLICT',
  'PROFILE_TOO_LARGE',
  'PAYLOAD_TOO_LARGE',
  'LIMIT_EXCEEDED',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'DEPENDENCY_UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ErrorCodes)[number];

/** An expected failure: a value with a machine-readable code and a human message. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
