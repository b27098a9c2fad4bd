import { DomainError } from '@crm/errors';

export const accountSorts = ['name', '-name', 'createdAt', '-createdAt'] as const;
export type AccountSort = (typeof accountSorts)[number];
export const DEFAULT_ACCOUNT_SORT: AccountSort = '-createdAt';

export interface AccountOrder {
  field: 'name' | 'createdAt';
  direction: 'asc' | 'desc';
}

export function parseAccountSort(raw: string): AccountSort {
  if (raw === '') return DEFAULT_ACCOUNT_SORT;
  if ((accountSorts as readonly string[]).includes(raw)) return raw as AccountSort;
  throw DomainError.validation([
    { path: '/sort', message: `must be one of ${accountSorts.join(', ')}` },
  ]);
}

export function orderOf(sort: AccountSort): AccountOrder {
  return sort.startsWith('-')
    ? { field: sort.slice(1) as AccountOrder['field'], direction: 'desc' }
    : { field: sort as AccountOrder['field'], direction: 'asc' };
}
