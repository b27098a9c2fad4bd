import { parseSort } from './list-sort.js';

export const accountSorts = [
  'relevance',
  'name',
  '-name',
  'createdAt',
  '-createdAt',
  'updatedAt',
  '-updatedAt',
] as const;
export type AccountSort = (typeof accountSorts)[number];
/** Without a search, newest first; with one, best match first. */
export const DEFAULT_ACCOUNT_SORT: AccountSort = '-createdAt';

/** The sort a list request asked for; `hasQuery` decides the default and whether relevance means anything. */
export function parseAccountSort(raw: string, hasQuery = false): AccountSort {
  return parseSort(raw, accountSorts, DEFAULT_ACCOUNT_SORT, hasQuery);
}
