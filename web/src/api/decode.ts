import { z } from 'zod';

/** The server answered 2xx with a body that does not match the contract. */
export class ResponseShapeError extends Error {
  override readonly name = 'ResponseShapeError';
}

export type JsonRecord = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
