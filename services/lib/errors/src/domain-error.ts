/**
 * The one vocabulary of failures shared by every service. Services throw DomainError with one of
 * these codes; transports translate them (see error-mapping.ts) and nothing else.
 */
export const errorCodes = [
  'validation_failed',
  'not_found',
  'already_exists',
  'conflict',
  'failed_precondition',
  'unauthenticated',
  'permission_denied',
  'rate_limited',
  'unavailable',
  'deadline_exceeded',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** A problem with one input field; `path` is a JSON pointer into the request body, e.g. `/name`. */
export interface FieldError {
  path: string;
  message: string;
}

export class DomainError extends Error {
  readonly fieldErrors: readonly FieldError[];
  /** For `rate_limited`: when trying again can succeed (HTTP Retry-After). */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: {
      fieldErrors?: readonly FieldError[];
      retryAfterSeconds?: number;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'DomainError';
    this.fieldErrors = options.fieldErrors ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  static validation(fieldErrors: readonly FieldError[], message = 'The request is not valid.') {
    return new DomainError('validation_failed', message, { fieldErrors });
  }

  static notFound(what: string) {
    return new DomainError('not_found', `${what} was not found.`);
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
