import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { csvReadable, type CsvColumn } from '@crm/csv';
import type { PageInfo } from '@crm/proto/crm/common/v1/paging';

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

/** One page of a collection as the API answers it. */
export interface CollectionPage<T> {
  items: T[];
  nextCursor: string | null;
}

/** A page a service answered, in the API's shape: its empty cursor means the last page. */
export function collectionPage<Message, T>(
  messages: readonly Message[],
  page: PageInfo | undefined,
  toItem: (message: Message) => T,
): CollectionPage<T> {
  return { items: messages.map(toItem), nextCursor: page?.nextCursor || null };
}

/** Every item of a cursor-paged collection, fetched a page at a time as the consumer reads. */
async function* everyItem<T>(
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

/** The query of a paged collection: see `pageQuery`. */
export interface CollectionQuery {
  format?: 'json' | 'csv' | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

/**
 * Answers a paged collection: the page the query asks for, or with `format=csv` every item as a
 * download named after `csv.name`.
 */
export function pageOrCsv<T>(
  reply: FastifyReply,
  query: CollectionQuery,
  csv: { name: string; columns: ReadonlyArray<CsvColumn<T>> },
  fetchPage: (cursor: string, limit: number) => Promise<CollectionPage<T>>,
): Promise<CollectionPage<T>> | FastifyReply {
  if (query.format === 'csv') {
    return sendCsv(
      reply,
      csv.name,
      csv.columns,
      everyItem((cursor) => fetchPage(cursor, EXPORT_PAGE_SIZE)),
    );
  }
  return fetchPage(query.cursor ?? '', query.limit ?? 0);
}
