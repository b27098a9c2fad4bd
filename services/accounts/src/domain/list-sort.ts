import { DomainError } from '@crm/errors';

/** The field a sort walks and which way; relevance is always best first. */
export interface SortOrder {
  field: string;
  direction: 'asc' | 'desc';
}

/** What a sort value is, so cursors can be checked and compared in SQL with the right type. */
export type SortValueKind = 'relevance' | 'timestamp' | 'text';

const TIMESTAMP_FIELDS: ReadonlySet<string> = new Set(['createdAt', 'updatedAt', 'occurredAt']);

/**
 * The sort a list request asked for, from the ones `sorts` allows. Without a search the default
 * is `defaultSort`; with one, relevance. Relevance means nothing without a search.
 */
export function parseSort<Sort extends string>(
  raw: string,
  sorts: readonly Sort[],
  defaultSort: Sort,
  hasQuery: boolean,
): Sort {
  const relevance = 'relevance' as Sort;
  if (raw === '') return hasQuery && sorts.includes(relevance) ? relevance : defaultSort;
  if (!(sorts as readonly string[]).includes(raw)) {
    throw DomainError.validation([
      { path: '/sort', message: `must be one of ${sorts.join(', ')}` },
    ]);
  }
  if (raw === 'relevance' && !hasQuery) {
    throw DomainError.validation([{ path: '/sort', message: 'relevance needs a search query' }]);
  }
  return raw as Sort;
}

export function orderOf(sort: string): SortOrder {
  if (sort === 'relevance') return { field: 'relevance', direction: 'desc' };
  return sort.startsWith('-')
    ? { field: sort.slice(1), direction: 'desc' }
    : { field: sort, direction: 'asc' };
}

export function sortValueKind(field: string): SortValueKind {
  if (field === 'relevance') return 'relevance';
  return TIMESTAMP_FIELDS.has(field) ? 'timestamp' : 'text';
}
