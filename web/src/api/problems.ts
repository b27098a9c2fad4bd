import { z } from 'zod';
import { ApiError } from './api-error.js';
import { int64Schema } from './decode.js';

/** A stale write (409): the version the server holds now and, when it sent it, the record itself. */
export interface Conflict<T> {
  readonly currentVersion: number;
  readonly current: T | null;
}

/**
 * The records a create refused as duplicates (409 with a `duplicates` member), or null when
 * `error` is anything else.
 */
export function duplicatesIn<T extends z.ZodType>(
  error: unknown,
  item: T,
): Array<z.output<T>> | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const parsed = z.array(item).min(1).safeParse(error.extensions.duplicates);
  return parsed.success ? parsed.data : null;
}

/** The server's side of a stale write (409 with `currentVersion`), or null for any other error. */
export function conflictIn<T extends z.ZodType>(
  error: unknown,
  item: T,
): Conflict<z.output<T>> | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const version = int64Schema.safeParse(error.extensions.currentVersion);
  if (!version.success) return null;
  const current = item.safeParse(error.extensions.current);
  return { currentVersion: version.data, current: current.success ? current.data : null };
}
