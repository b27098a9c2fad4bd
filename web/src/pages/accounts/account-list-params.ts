import {
  ACCOUNT_STATUSES,
  defaultAccountSort,
  type AccountFieldSort,
  type AccountFilters,
  type AccountSort,
  type AccountStatus,
} from '../../api/accounts.js';
import { useListParams } from '../../lib/use-list-params.js';

const FILTER_KEYS = ['ownerId', 'status', 'tag', 'industry'] as const;
const FIELD_SORTS: readonly AccountFieldSort[] = [
  'name',
  '-name',
  'createdAt',
  '-createdAt',
  'updatedAt',
  '-updatedAt',
];

function isFieldSort(value: string | null): value is AccountFieldSort {
  return FIELD_SORTS.some((sort) => sort === value);
}

function isStatus(value: string): value is AccountStatus {
  return ACCOUNT_STATUSES.some((status) => status === value);
}

/** The accounts list's search, order and filters, from the address; unknown values are ignored. */
export function useAccountListParams() {
  const params = useListParams(FILTER_KEYS);
  const filters: AccountFilters = {
    ownerId: params.filters.ownerId,
    status: params.filters.status.filter(isStatus),
    tag: params.filters.tag,
    industry: params.filters.industry,
  };
  // Until a column is clicked, the API's own order applies (best matches while searching).
  const sort: AccountSort = isFieldSort(params.sort) ? params.sort : defaultAccountSort(params.q);
  return { ...params, filters, sort };
}
