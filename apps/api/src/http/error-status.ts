import type { ErrorCode } from '@memegraph/contracts';

/** The one place error codes become HTTP statuses. */
export const statusOf: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  EMPTY_FILE: 400,
  UNSUPPORTED_FORMAT: 415,
  CORRUPT_PROFILE: 422,
  CORRUPT_IMAGE: 422,
  RUNBOOK_INCOMPLETE: 422,
  CONFLICT: 409,
  PROFILE_TOO_LARGE: 413,
  PAYLOAD_TOO_LARGE: 413,
  LIMIT_EXCEEDED: 413,
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  DEPENDENCY_UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** Codes for errors Nest or Express raise before our code runs. */
export const codeOfStatus = (status: number): ErrorCode => {
  switch (status) {
    case 400: return 'BAD_REQUEST';
    case 401: return 'UNAUTHENTICATED';
    case 403: return 'FORBIDDEN';
    case 404: return 'NOT_FOUND';
    case 409: return 'CONFLICT';
    case 413: return 'PAYLOAD_TOO_LARGE';
    case 415: return 'UNSUPPORTED_FORMAT';
    case 429: return 'RATE_LIMITED';
    case 503: return 'DEPENDENCY_UNAVAILABLE';
    default: return status < 500 ? 'BAD_REQUEST' : 'INTERNAL';
  }
};
