import { AnalyticsError, clickHouseExceptionType } from './analytics-error.js';

/** The fields chdb's typed errors carry; their classes are not exported from the package root. */
interface ChdbErrorShape {
  readonly message: string;
  readonly code?: unknown;
  readonly clickhouseCode?: unknown;
}

function isErrorLike(error: unknown): error is ChdbErrorShape {
  return error instanceof Error;
}

/** The ClickHouse exception code of a chdb error, when the engine raised one. */
export function chdbClickHouseCode(error: unknown): number | undefined {
  return isErrorLike(error) && typeof error.clickhouseCode === 'number'
    ? error.clickhouseCode
    : undefined;
}

export function fromChdbError(error: unknown): AnalyticsError {
  if (error instanceof AnalyticsError) return error;
  const message = isErrorLike(error) ? error.message : String(error);
  const code = chdbClickHouseCode(error);
  if (code !== undefined) {
    return new AnalyticsError(message, {
      kind: 'clickhouse',
      code,
      type: clickHouseExceptionType(message),
      cause: error,
    });
  }
  const chdbCode = isErrorLike(error) ? error.code : undefined;
  if (chdbCode === 'CHDB_CLOSED')
    return new AnalyticsError(message, { kind: 'closed', cause: error });
  if (chdbCode === 'CHDB_BIND')
    return new AnalyticsError(message, { kind: 'invalid-input', cause: error });
  return new AnalyticsError(message, { kind: 'unavailable', cause: error });
}
