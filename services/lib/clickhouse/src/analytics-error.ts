/**
 * What went wrong, independent of the adapter:
 * - `clickhouse`: the engine rejected the statement; `code` and `type` carry its exception code and name.
 * - `unavailable`: the engine or server could not be reached or opened.
 * - `invalid-input`: the caller passed something we refuse before asking the engine.
 * - `closed`: the store was used after `close()`.
 */
export type AnalyticsErrorKind = 'clickhouse' | 'unavailable' | 'invalid-input' | 'closed';

export interface AnalyticsErrorOptions {
  kind: AnalyticsErrorKind;
  /** ClickHouse exception code, e.g. 60 for UNKNOWN_TABLE. */
  code?: number | undefined;
  /** ClickHouse exception name, e.g. `UNKNOWN_TABLE`. */
  type?: string | undefined;
  cause?: unknown;
}

/** The one error type every analytics store raises, whichever engine sits behind it. */
export class AnalyticsError extends Error {
  readonly kind: AnalyticsErrorKind;
  readonly code: number | undefined;
  readonly type: string | undefined;

  constructor(message: string, options: AnalyticsErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AnalyticsError';
    this.kind = options.kind;
    this.code = options.code;
    this.type = options.type;
  }

  /** Same error with context prepended, so callers can tell which step failed without losing the code. */
  withContext(context: string): AnalyticsError {
    return new AnalyticsError(`${context}: ${this.message}`, {
      kind: this.kind,
      code: this.code,
      type: this.type,
      cause: this,
    });
  }
}

// ClickHouse names its exceptions in upper snake case in parentheses, e.g. `(UNKNOWN_TABLE)`;
// requiring three capitals skips groups like `(2)` or `(version 26.7)`.
const EXCEPTION_TYPE = /\(([A-Z0-9_]*[A-Z]{3}[A-Z0-9_]*)\)/g;

/** The exception name from a ClickHouse error message; the last one, as wrapped errors repeat it. */
export function clickHouseExceptionType(message: string): string | undefined {
  let type: string | undefined;
  for (const match of message.matchAll(EXCEPTION_TYPE)) type = match[1];
  return type;
}
