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

export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [member: string]: JsonValue;
}

/**
 * Extensions cross gRPC in trailers, which share HTTP/2's header list limit (64 KiB by default;
 * base64 makes binary values a third larger). Larger extensions lose members on the way.
 */
export const EXTENSIONS_MAX_BYTES = 32 * 1024;

/**
 * Field errors cross in a trailer of their own, beside the extensions (a third larger again in
 * base64): a refusal of huge input keeps its first errors and still arrives as a refusal.
 */
export const FIELD_ERRORS_MAX_BYTES = 8 * 1024;

/** The size of a value as UTF-8 JSON text. */
export function jsonBytes(value: JsonValue | Readonly<JsonObject>): number {
  return new TextEncoder().encode(JSON.stringify(value)).length;
}

const PROBLEM_TYPE = /^[a-z][a-z0-9-]{0,62}$/;

/** A problem type is a kebab-case word or phrase, as it becomes part of the problem `type` URN. */
export function isProblemType(value: string): boolean {
  return PROBLEM_TYPE.test(value);
}

export class DomainError extends Error {
  readonly fieldErrors: readonly FieldError[];
  /** For `rate_limited`: when trying again can succeed (HTTP Retry-After). */
  readonly retryAfterSeconds: number | undefined;
  /**
   * What a client needs to resolve the failure (the current version of a record, the records
   * a new one would duplicate); problem+json shows them as extension members.
   */
  readonly extensions: Readonly<JsonObject>;
  /** Kebab-case name for the failure within its code (`duplicate`), when it has one. */
  readonly problemType: string | undefined;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: {
      fieldErrors?: readonly FieldError[];
      retryAfterSeconds?: number;
      extensions?: JsonObject;
      problemType?: string;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'DomainError';
    this.fieldErrors = options.fieldErrors ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.extensions = options.extensions ?? {};
    if (options.problemType !== undefined && !isProblemType(options.problemType))
      throw new Error(`DomainError problemType must be kebab-case: ${options.problemType}`);
    this.problemType = options.problemType;
  }

  static validation(fieldErrors: readonly FieldError[], message = 'The request is not valid.') {
    return new DomainError('validation_failed', message, { fieldErrors });
  }

  static notFound(what: string) {
    return new DomainError('not_found', `${what} was not found.`);
  }

  /**
   * A write based on a version that is no longer current: the caller gets the current version
   * and record, to show what changed or retry on top of it.
   */
  static staleVersion(what: string, currentVersion: number, current: JsonObject) {
    return new DomainError(
      'conflict',
      `${what} was changed by someone else; it is now at version ${currentVersion}.`,
      { extensions: { currentVersion, current } },
    );
  }

  /**
   * A record that would repeat existing ones (same domain, same email), which are named: as many
   * of them, in the order given, as extensions can carry.
   */
  static duplicates(message: string, duplicates: JsonValue[]) {
    const named: JsonValue[] = [];
    // Room for the member name and brackets.
    let bytes = 32;
    for (const duplicate of duplicates) {
      bytes += jsonBytes(duplicate) + 1;
      if (bytes > EXTENSIONS_MAX_BYTES) break;
      named.push(duplicate);
    }
    return new DomainError('already_exists', message, {
      problemType: 'duplicate',
      extensions: { duplicates: named },
    });
  }

  /** The same error with other extensions, e.g. records rewritten into another API's shape. */
  withExtensions(extensions: JsonObject): DomainError {
    return new DomainError(this.code, this.message, {
      fieldErrors: this.fieldErrors,
      ...(this.retryAfterSeconds === undefined
        ? {}
        : { retryAfterSeconds: this.retryAfterSeconds }),
      ...(this.problemType === undefined ? {} : { problemType: this.problemType }),
      extensions,
      cause: this.cause,
    });
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
