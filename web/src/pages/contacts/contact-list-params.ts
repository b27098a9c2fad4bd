import {
  defaultContactSort,
  type ContactFieldSort,
  type ContactFilters,
  type ContactSort,
} from '../../api/contacts.js';
import { useListParams } from '../../lib/use-list-params.js';

const FILTER_KEYS = ['accountId', 'ownerId'] as const;
const FIELD_SORTS: readonly ContactFieldSort[] = [
  'lastName',
  '-lastName',
  'createdAt',
  '-createdAt',
  'updatedAt',
  '-updatedAt',
];

function isFieldSort(value: string | null): value is ContactFieldSort {
  return FIELD_SORTS.some((sort) => sort === value);
}

/** The contacts list's search, order and filters, from the address. */
export function useContactListParams() {
  const params = useListParams(FILTER_KEYS);
  const filters: ContactFilters = {
    accountId: params.filters.accountId,
    ownerId: params.filters.ownerId,
  };
  const sort: ContactSort = isFieldSort(params.sort) ? params.sort : defaultContactSort(params.q);
  return { ...params, filters, sort };
}
