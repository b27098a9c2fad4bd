import { z } from 'zod';
import { formatQuery } from './csv-collection.js';

/** Query values arrive as text; a page size is 1–200 (http-api.md, Collections). */
export const pageLimit = z
  .string()
  .regex(/^\d+$/, 'must be a whole number')
  .transform(Number)
  .pipe(z.number().int().min(1, 'must be between 1 and 200').max(200, 'must be between 1 and 200'));

/** `limit`, `cursor` and `format` of every paged collection. */
export const pageQuery = {
  ...formatQuery,
  limit: pageLimit.optional().describe('Page size, 1–200 (default 50).'),
  cursor: z.string().max(512).optional().describe('`nextCursor` of the previous page.'),
};

export const searchQuery = z
  .string()
  .trim()
  .max(200)
  .optional()
  .describe('Search, tolerant of typos; results best first unless `sort` says otherwise.');

/**
 * A filter that may be given several times (`?tag=a&tag=b`): the query parser yields a string for
 * one occurrence and an array for more.
 */
export function repeatable<Item extends z.ZodType<string, string>>(item: Item) {
  return z
    .union([item, z.array(item).max(50, 'must be given at most 50 times')])
    .transform((value): Array<z.output<Item>> => (Array.isArray(value) ? value : [value]))
    .optional();
}

/** A version in the query string (`?version=3`). */
export const versionQuery = z
  .string()
  .regex(/^[1-9]\d{0,15}$/, 'must be a version number')
  .transform(Number)
  .optional()
  .describe('The version last read; the change is refused (409) if the record changed since.');

/** A version in a body: the one the caller last read. */
export const versionField = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const idParamsSchema = z.strictObject({ id: z.string().min(1).max(64) });

/** `{ items, nextCursor }` of a collection of `item`. */
export function pageSchema<Item extends z.ZodType>(item: Item) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
