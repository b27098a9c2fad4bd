import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import {
  createAccount,
  defaultAccountSort,
  getAccount,
  listAccounts,
  type Account,
  type AccountSort,
  type CreateAccountInput,
} from './accounts.js';

export const ACCOUNTS_PAGE_SIZE = 50;

export const accountKeys = {
  all: ['accounts'] as const,
  lists: () => [...accountKeys.all, 'list'] as const,
  list: (q: string, sort: AccountSort) => [...accountKeys.lists(), { q, sort }] as const,
  detail: (id: string) => [...accountKeys.all, 'detail', id] as const,
};

/** Accounts matching `q` in `sort` order, one page per `nextCursor`. */
export function useAccounts(q: string, sort: AccountSort = defaultAccountSort(q)) {
  return useInfiniteQuery({
    queryKey: accountKeys.list(q, sort),
    queryFn: ({ pageParam, signal }) =>
      listAccounts({ q, sort, cursor: pageParam, limit: ACCOUNTS_PAGE_SIZE }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    // Keeps the current rows on screen while a new search term or order loads.
    placeholderData: keepPreviousData,
  });
}

export function useAccount(id: string) {
  return useQuery({
    queryKey: accountKeys.detail(id),
    queryFn: ({ signal }) => getAccount(id, signal),
  });
}

export function useCreateAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateAccountInput) => createAccount(input),
    onSuccess: (account: Account) => {
      queryClient.setQueryData(accountKeys.detail(account.id), account);
      void queryClient.invalidateQueries({ queryKey: accountKeys.lists() });
    },
  });
}
