import { z } from 'zod';

/** The server answered 2xx with a body that does not match the contract. */
export class ResponseShapeError extends Error {
  override readonly name = 'ResponseShapeError';
}

export type JsonRecord = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function expectRecord(value: unknown, what: string): JsonRecord {
  if (!isRecord(value)) throw new ResponseShapeError(`${what}: expected an object`);
  return value;
}

export function expectArray(value: unknown, what: string): readonly unknown[] {
  if (!Array.isArray(value)) throw new ResponseShapeError(`${what}: expected an array`);
  return value;
}

export function expectString(record: JsonRecord, key: string, what: string): string {
  const value = record[key];
  if (typeof value !== 'string') throw new ResponseShapeError(`${what}.${key}: expected a string`);
  return value;
}

export function expectNullableString(record: JsonRecord, key: string, what: string): string | null {
  const value = record[key];
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string')
    throw new ResponseShapeError(`${what}.${key}: expected a string or null`);
  return value;
}

export function expectBoolean(record: JsonRecord, key: string, what: string): boolean {
  const value = record[key];
  if (typeof value !== 'boolean')
    throw new ResponseShapeError(`${what}.${key}: expected a boolean`);
  return value;
}

/** One of `allowed`, for string unions such as roles and scopes. */
export function expectOneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  what: string,
): T {
  const match = allowed.find((candidate) => candidate === value);
  if (match === undefined) {
    throw new ResponseShapeError(`${what}: expected one of ${allowed.join(', ')}`);
  }
  return match;
}

/** `value` parsed by `schema`, or a ResponseShapeError naming `what` and every mismatch. */
export function parseWith<T extends z.ZodType>(
  schema: T,
  value: unknown,
  what: string,
): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new ResponseShapeError(`${what}: ${z.prettifyError(result.error)}`);
  }
  return result.data;
}

/**
 * A proto int64 (versions, counts, sizes): a JSON number, or the decimal string the proto3 JSON
 * mapping writes for 64-bit integers.
 */
export const int64Schema = z.union([
  z.number().int(),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number),
]);

/** An RFC 3339 timestamp, kept as the string the server sent. */
export const timestampSchema = z.string().min(1);
