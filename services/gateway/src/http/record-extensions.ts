import { isDomainError, type JsonObject, type JsonValue } from '@crm/errors';

/**
 * Services name records in errors (`current` of a stale write, `duplicates` of a create) in their
 * proto JSON; clients get them in the same HTTP shape as everywhere else. A record that cannot be
 * read is left out rather than turning the 409 into a 500.
 */
export function translateRecordExtensions(
  error: unknown,
  toRecord: (raw: JsonValue) => JsonObject,
): unknown {
  if (!isDomainError(error)) return error;
  const { current, duplicates } = error.extensions;
  if (current === undefined && duplicates === undefined) return error;
  const translated: JsonObject = { ...error.extensions };
  delete translated.current;
  delete translated.duplicates;
  const convert = (raw: JsonValue): JsonObject | undefined => {
    try {
      return toRecord(raw);
    } catch {
      return undefined;
    }
  };
  const currentRecord = current === undefined ? undefined : convert(current);
  if (currentRecord) translated.current = currentRecord;
  if (Array.isArray(duplicates)) {
    translated.duplicates = duplicates
      .map(convert)
      .filter((record): record is JsonObject => record !== undefined);
  }
  return error.withExtensions(translated);
}

/** Awaits a service call, translating the records its errors name. */
export async function withRecordExtensions<T>(
  call: Promise<T>,
  toRecord: (raw: JsonValue) => JsonObject,
): Promise<T> {
  try {
    return await call;
  } catch (error) {
    throw translateRecordExtensions(error, toRecord);
  }
}
