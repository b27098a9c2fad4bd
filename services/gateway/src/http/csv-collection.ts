import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { csvReadable, type CsvColumn } from '@crm/csv';

/** `format=csv` on any collection streams the whole filtered list (http-api.md, Collections). */
export const formatQuery = {
  format: z
    .enum(['json', 'csv'])
    .optional()
    .describe(
      '`csv` streams the whole filtered list as CSV (RFC 4180, UTF-8, formula-injection safe); `limit` and `cursor` are then ignored.',
    ),
};

/** The page size used while streaming a whole collection. */
export const EXPORT_PAGE_SIZE = 200;

/** Every item of a cursor-paged collection, fetched a page at a time as the consumer reads. */
export async function* everyItem<T>(
  fetchPage: (cursor: string) => Promise<{ items: readonly T[]; nextCursor: string | null }>,
): AsyncGenerator<T> {
  let cursor = '';
  do {
    const page = await fetchPage(cursor);
    yield* page.items;
    cursor = page.nextCursor ?? '';
  } while (cursor);
}

export function sendCsv<T>(
  reply: FastifyReply,
  name: string,
  columns: ReadonlyArray<CsvColumn<T>>,
  rows: AsyncIterable<T> | Iterable<T>,
): FastifyReply {
  const date = new Date().toISOString().slice(0, 10);
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}-${date}.csv"`)
    .send(csvReadable([...columns], rows));
}
