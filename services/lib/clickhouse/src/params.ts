import { AnalyticsError } from './analytics-error.js';

/**
 * Values a `{name:Type}` placeholder can be bound to. A `Date` is an instant (sent as a Unix
 * timestamp, so it suits DateTime/DateTime64 placeholders whatever the server's time zone); bind
 * `Date` placeholders with `'YYYY-MM-DD'` strings. 64-bit integers beyond 2^53 go as `bigint`.
 */
export type AnalyticsScalar = string | number | bigint | boolean | Date | null;
export type AnalyticsParamValue = AnalyticsScalar | readonly AnalyticsParamValue[];
export type AnalyticsParams = Readonly<Record<string, AnalyticsParamValue>>;

const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
// Table names are the one piece of SQL we assemble ourselves (INSERT INTO <table>), so they are
// restricted to plain identifiers, optionally database-qualified.
const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;

function invalid(message: string): AnalyticsError {
  return new AnalyticsError(message, { kind: 'invalid-input' });
}

function isParamArray(value: unknown): value is readonly AnalyticsParamValue[] {
  return Array.isArray(value);
}

function validateValue(name: string, value: unknown): void {
  if (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'bigint' ||
    typeof value === 'boolean'
  ) {
    return;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw invalid(`query parameter "${name}" is not a finite number`);
    // Beyond 2^53 the number has already lost digits; refusing beats binding a different value.
    if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
      throw invalid(`query parameter "${name}" is an integer beyond 2^53; pass a bigint`);
    }
    return;
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime()))
      throw invalid(`query parameter "${name}" is an invalid Date`);
    return;
  }
  if (isParamArray(value)) {
    for (const item of value) validateValue(name, item);
    return;
  }
  throw invalid(`query parameter "${name}" has an unsupported type (${typeof value})`);
}

/** Rejects parameter names and values that cannot be bound faithfully by both adapters. */
export function validateParams(params: AnalyticsParams): void {
  for (const [name, value] of Object.entries(params)) {
    if (!PARAM_NAME.test(name))
      throw invalid(`query parameter name ${JSON.stringify(name)} is not an identifier`);
    validateValue(name, value);
  }
}

export function validateTableName(table: string): void {
  if (!TABLE_NAME.test(table))
    throw invalid(`table name ${JSON.stringify(table)} is not a plain identifier`);
}

/**
 * A Date as @clickhouse/client puts it on the wire: seconds since the epoch, padded to ten
 * digits, with milliseconds only when present. Using the same text in the embedded adapter
 * makes both bind identically.
 */
export function unixTimestampText(date: Date): string {
  const seconds = Math.floor(date.getTime() / 1000)
    .toString()
    .padStart(10, '0');
  const millis = date.getUTCMilliseconds();
  return millis === 0 ? seconds : `${seconds}.${millis.toString().padStart(3, '0')}`;
}

type ChdbParamValue = string | number | bigint | boolean | null | readonly ChdbParamValue[];

function nestedForChdb(value: AnalyticsParamValue): ChdbParamValue {
  if (value instanceof Date) return value.getTime() / 1000;
  if (isParamArray(value)) return value.map(nestedForChdb);
  return value;
}

/**
 * chdb formats bound values itself, differently from @clickhouse/client for Dates (it drops the
 * milliseconds and uses the session time zone) and top-level booleans (`true` instead of `1`).
 * Converting those here keeps the text the engine parses identical across adapters.
 */
export function toChdbParams(params: AnalyticsParams): Record<string, ChdbParamValue> {
  const converted: Record<string, ChdbParamValue> = {};
  for (const [name, value] of Object.entries(params)) {
    if (value instanceof Date) converted[name] = unixTimestampText(value);
    else if (typeof value === 'boolean') converted[name] = value ? 1 : 0;
    else converted[name] = nestedForChdb(value);
  }
  return converted;
}

/** JSON for a JSONEachRow line: bigints as strings (ClickHouse reads quoted 64-bit integers). */
export function encodeJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    typeof item === 'bigint' ? item.toString() : item,
  );
}

/** Splits a JSONEachRow body into rows. */
export function parseJsonEachRow<Row>(text: string): Row[] {
  const rows: Row[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() !== '') rows.push(JSON.parse(line) as Row);
  }
  return rows;
}
