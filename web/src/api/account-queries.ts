import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import {
  createAccount,
  defaultAccountSort,
  deleteAccount,
  findDuplicateAccounts,
  getAccount,
  listAccounts,
  mergeAccounts,
  NO_ACCOUNT_FILTERS,
  updateAccount,
  type Account,
  type AccountFilters,
  type AccountPatch,
  type AccountSort,
  type CreateAccountInput,
  type FindDuplicateAccountsParams,
} from './accounts.js';
import { accountKeys, contactKeys, timelineKeys } from './query-keys.js';
import { cursorPaging } from './page.js';

export const ACCOUNTS_PAGE_SIZE = 50;

/** Accounts matching the search and filters in `sort` order, one page per `nextCursor`. */
export function useAccounts({
  q,
  sort = defaultAccountSort(q),
  filters = NO_ACCOUNT_FILTERS,
}: {
  readonly q: string;
  readonly sort?: AccountSort;
  readonly filters?: AccountFilters;
}) {
  return useInfiniteQuery({
    queryKey: accountKeys.list({ q, sort, filters }),
    queryFn: ({ pageParam, signal }) =>
      listAccounts({ q, sort, filters, cursor: pageParam, limit: ACCOUNTS_PAGE_SIZE }, signal),
    ...cursorPaging,
    // Keeps the current rows on screen while a new search term, filter or order loads.
    placeholderData: keepPreviousData,
  });
}

export function useAccount(id: string, options: { readonly enabled?: boolean } = {}) {
  return useQuery({
    queryKey: accountKeys.detail(id),
    queryFn: ({ signal }) => getAccount(id, signal),
    enabled: options.enabled ?? true,
  });
}

/** Accounts with this domain or name; `enabled` false while there is nothing worth asking. */
export function useDuplicateAccounts(params: FindDuplicateAccountsParams, enabled: boolean) {
  return useQuery({
    queryKey: accountKeys.duplicates(params),
    queryFn: ({ signal }) => findDuplicateAccounts(params, signal),
    enabled,
    // A warning, not a gate: a failed look-up must not hold the form up with retries.
    retry: false,
    staleTime: 5_000,
  });
}

/** Puts a fresh copy of `account` in the cache and marks what shows it elsewhere as stale. */
function storeAccount(queryClient: QueryClient, account: Account): void {
  queryClient.setQueryData(accountKeys.detail(account.id), account);
  void queryClient.invalidateQueries({ queryKey: accountKeys.lists() });
  void queryClient.invalidateQueries({
    queryKey: timelineKeys.subject({ type: 'account', id: account.id }),
  });
}

export function useCreateAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateAccountInput) => createAccount(input),
    onSuccess: (account) => storeAccount(queryClient, account),
  });
}

export interface UpdateAccountVariables {
  readonly id: string;
  readonly patch: AccountPatch;
  /** The version the change was made against. */
  readonly version: number;
}

export function useUpdateAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch, version }: UpdateAccountVariables) =>
      updateAccount(id, patch, version),
    onSuccess: (account) => {
      storeAccount(queryClient, account);
      // Contacts show their account's name.
      void queryClient.invalidateQueries({ queryKey: contactKeys.all });
    },
  });
}

export function useDeleteAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (account: Pick<Account, 'id' | 'version'>) =>
      deleteAccount(account.id, account.version),
    // The deleted account's own cache entry is left to the page, which leaves it first: removing
    // it while the page still shows it would refetch it (404) in the meantime.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.lists() }),
  });
}

export interface MergeVariables<T> {
  readonly survivor: T;
  readonly merged: T;
}

export function useMergeAccounts() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ survivor, merged }: MergeVariables<Account>) => mergeAccounts(survivor, merged),
    onSuccess: (account) => {
      storeAccount(queryClient, account);
      // The merged account's contacts now belong to the survivor.
      void queryClient.invalidateQueries({ queryKey: contactKeys.all });
    },
  });
}
