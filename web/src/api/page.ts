import { z } from 'zod';

/** One page of a collection; `nextCursor` asks for the next one, null after the last. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

/** The schema of a `{ items, nextCursor }` page of `item`. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** A `{ items }` answer that is not paged (duplicate look-ups). */
export function itemsSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item) });
}

/** How an infinite query walks a paged collection: from the first page, by each `nextCursor`. */
export const cursorPaging = {
  initialPageParam: null as string | null,
  getNextPageParam: (lastPage: Page<unknown>) => lastPage.nextCursor,
};
