import type { AnalyticsParams } from './params.js';

/**
 * The analytics engine as the services see it: ClickHouse SQL with `{name:Type}` placeholders whose
 * values are always bound by the engine, never spliced into the SQL text.
 */
export interface AnalyticsStore {
  /** `embedded` is chdb in this process, `server` a ClickHouse server over HTTP. */
  readonly kind: 'embedded' | 'server';
  /** Runs a statement whose output is not needed: DDL, `INSERT … SELECT`, mutations. */
  command(sql: string, params?: AnalyticsParams): Promise<void>;
  /**
   * Runs a SELECT (without a FORMAT clause) and returns its rows as objects, JSONEachRow style:
   * 64-bit integers come back as strings so they never lose digits. `Row` is the caller's
   * description of the result; it is not checked.
   */
  query<Row = Record<string, unknown>>(sql: string, params?: AnalyticsParams): Promise<Row[]>;
  /**
   * Inserts rows as JSONEachRow. Dates are written as ISO instants and parsed with
   * `date_time_input_format=best_effort`; bigints as quoted integers.
   */
  insert(table: string, rows: readonly object[]): Promise<void>;
  /** Resolves when the engine answers; rejects with an AnalyticsError otherwise. */
  ping(): Promise<void>;
  /** Releases the engine or connection pool. Further calls fail with kind `closed`. */
  close(): Promise<void>;
}

/**
 * Settings both adapters apply, so results do not depend on the adapter: quoted 64-bit integers on
 * output (JSON numbers lose digits beyond 2^53) and lenient date parsing on insert (JSON carries
 * Dates as ISO strings with a `Z`, which the default parser rejects).
 */
export const querySettings = { output_format_json_quote_64bit_integers: 1 } as const;
export const insertSettings = { date_time_input_format: 'best_effort' } as const;
