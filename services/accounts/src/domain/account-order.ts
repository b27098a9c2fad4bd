import { DomainError } from '@crm/errors';

export const accountSorts = ['relevance', 'name', '-name', 'createdAt', '-createdAt'] as const;
export type AccountSort = (typeof accountSorts)[number];
/** Without a search, newest first; with one, best match first. */
export const DEFAULT_ACCOUNT_SORT: AccountSort = '-createdAt';
export const DEFAULT_SEARCH_SORT: AccountSort = 'relevance';

export interface AccountOrder {
  field: 'relevance' | 'name' | 'createdAt';
  direction: 'asc' | 'desc';
}

/** The sort a list request asked for; `hasQuery` decides the default and whether relevance means anything. */
export function parseAccountSort(raw: string, hasQuery = false): AccountSort {
  if (raw === '') return hasQuery ? DEFAULT_SEARCH_SORT : DEFAULT_ACCOUNT_SORT;
  if (!(accountSorts as readonly string[]).includes(raw)) {
    throw DomainError.validation([
      { path: '/sort', message: `must be one of ${accountSorts.join(', ')}` },
    ]);
  }
  if (raw === 'relevance' && !hasQuery) {
    throw DomainError.validation([{ path: '/sort', message: 'relevance needs a search query' }]);
  }
  return raw as AccountSort;
}

export function orderOf(sort: AccountSort): AccountOrder {
  // Relevance only makes sense best first.
  if (sort === 'relevance') return { field: 'relevance', direction: 'desc' };
  return sort.startsWith('-')
    ? { field: sort.slice(1) as AccountOrder['field'], direction: 'desc' }
    : { field: sort as AccountOrder['field'], direction: 'asc' };
}
