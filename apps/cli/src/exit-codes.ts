import { type ErrorCode, isAppError } from '@memegraph/contracts';

/** The CLI's exit-code contract: 0 ok, 2 usage, 3 unsupported/corrupt input, 4 limit exceeded. */
export const ExitCode = { ok: 0, failure: 1, usage: 2, badInput: 3, limit: 4 } as const;

const byErrorCode: Partial<Record<ErrorCode, number>> = {
  BAD_REQUEST: ExitCode.usage,
  VALIDATION_FAILED: ExitCode.usage,
  EMPTY_FILE: ExitCode.badInput,
  UNSUPPORTED_FORMAT: ExitCode.badInput,
  CORRUPT_PROFILE: ExitCode.badInput,
  CORRUPT_IMAGE: ExitCode.badInput,
  NOT_FOUND: ExitCode.badInput,
  PROFILE_TOO_LARGE: ExitCode.limit,
  PAYLOAD_TOO_LARGE: ExitCode.limit,
  LIMIT_EXCEEDED: ExitCode.limit,
};

export const exitCodeFor = (err: unknown): number => (isAppError(err) ? (byErrorCode[err.code] ?? ExitCode.failure) : ExitCode.failure);

/** Thrown for bad command lines; printed with the command's usage. */
export class UsageError extends Error {}
