import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collectionPage,
  EXPORT_PAGE_SIZE,
  pageOrCsv,
  type CollectionPage,
} from './csv-collection.js';

interface Item {
  n: number;
}

/** Five items served by cursor (the index to start at), noting the pages asked for. */
function pagedItems() {
  const items: Item[] = [1, 2, 3, 4, 5].map((n) => ({ n }));
  const asked: Array<{ cursor: string; limit: number }> = [];
  const fetchPage = async (cursor: string, limit: number): Promise<CollectionPage<Item>> => {
    asked.push({ cursor, limit });
    const start = Number(cursor || 0);
    // Small pages, whatever is asked, so a CSV export has to follow the cursors.
    const end = start + Math.min(limit || 2, 2);
    return { items: items.slice(start, end), nextCursor: end < items.length ? String(end) : null };
  };
  return { asked, fetchPage };
}

describe('collection answers', () => {
  let app: FastifyInstance;
  let asked: Array<{ cursor: string; limit: number }>;

  beforeAll(async () => {
    app = Fastify();
    app.get<{ Querystring: { format?: 'csv'; cursor?: string; limit?: string } }>(
      '/items',
      async (request, reply) => {
        const paged = pagedItems();
        asked = paged.asked;
        const { format, cursor, limit } = request.query;
        const query = { format, cursor, limit: limit === undefined ? undefined : Number(limit) };
        const csv = { name: 'items', columns: [{ header: 'n', value: (item: Item) => item.n }] };
        return pageOrCsv(reply, query, csv, paged.fetchPage);
      },
    );
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
  });

  it('answers the page the query asks for', async () => {
    const response = await app.inject({ url: '/items?cursor=2&limit=2' });
    expect(response.json()).toEqual({ items: [{ n: 3 }, { n: 4 }], nextCursor: '4' });
    expect(asked).toEqual([{ cursor: '2', limit: 2 }]);
  });

  it('starts at the first page with the default size', async () => {
    await app.inject({ url: '/items' });
    expect(asked).toEqual([{ cursor: '', limit: 0 }]);
  });

  it('streams every page as CSV, ignoring cursor and limit', async () => {
    const response = await app.inject({ url: '/items?format=csv&cursor=4&limit=1' });
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="items-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(response.body.trim().split(/\r?\n/)).toEqual(['n', '1', '2', '3', '4', '5']);
    expect(asked.map((page) => page.cursor)).toEqual(['', '2', '4']);
    expect(asked.every((page) => page.limit === EXPORT_PAGE_SIZE)).toBe(true);
  });
});

describe('collectionPage', () => {
  it('converts the messages and reads an empty cursor as the last page', () => {
    expect(collectionPage([1, 2], { nextCursor: 'abc' }, (n) => n * 10)).toEqual({
      items: [10, 20],
      nextCursor: 'abc',
    });
    expect(collectionPage([], { nextCursor: '' }, String)).toEqual({ items: [], nextCursor: null });
    expect(collectionPage([], undefined, String)).toEqual({ items: [], nextCursor: null });
  });
});
