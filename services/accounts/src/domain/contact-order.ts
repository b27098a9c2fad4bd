import { parseSort } from './list-sort.js';

export const contactSorts = [
  'relevance',
  'lastName',
  '-lastName',
  'createdAt',
  '-createdAt',
  'updatedAt',
  '-updatedAt',
] as const;
export type ContactSort = (typeof contactSorts)[number];
export const DEFAULT_CONTACT_SORT: ContactSort = '-createdAt';

/** Like `parseAccountSort`, for contacts. */
export function parseContactSort(raw: string, hasQuery = false): ContactSort {
  return parseSort(raw, contactSorts, DEFAULT_CONTACT_SORT, hasQuery);
}
