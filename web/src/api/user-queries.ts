import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import {
  createUser,
  endUserSessions,
  listUsers,
  updateUser,
  type CreateUserInput,
  type UpdateUserInput,
} from './users.js';
import { listUserDirectory } from './user-directory.js';
import { cursorPaging } from './page.js';

export const USERS_PAGE_SIZE = 50;
/** The API's largest page: the directory behind manager names and pickers is one such page. */
export const USER_DIRECTORY_SIZE = 200;

export const userKeys = {
  all: ['users'] as const,
  lists: () => [...userKeys.all, 'list'] as const,
  list: (q: string) => [...userKeys.lists(), { q }] as const,
  directory: () => [...userKeys.all, 'directory'] as const,
  people: () => [...userKeys.all, 'people'] as const,
};

export function useUsers(q: string) {
  return useInfiniteQuery({
    queryKey: userKeys.list(q),
    queryFn: ({ pageParam, signal }) =>
      listUsers({ q, cursor: pageParam, limit: USERS_PAGE_SIZE }, signal),
    ...cursorPaging,
    placeholderData: keepPreviousData,
  });
}

/** The users the caller may see, for manager names and the manager picker. */
export function useUserDirectory() {
  return useQuery({
    queryKey: userKeys.directory(),
    queryFn: async ({ signal }) => (await listUsers({ limit: USER_DIRECTORY_SIZE }, signal)).items,
  });
}

/**
 * Everyone's names (the names-only directory every role may read), for owners, authors and owner
 * pickers: the first page of the API's largest size.
 */
export function usePeopleDirectory() {
  return useQuery({
    queryKey: userKeys.people(),
    queryFn: async ({ signal }) =>
      (await listUserDirectory({ limit: USER_DIRECTORY_SIZE }, signal)).items,
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUserInput) => createUser(input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { readonly id: string; readonly input: UpdateUserInput }) =>
      updateUser(id, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useEndUserSessions() {
  return useMutation({ mutationFn: endUserSessions });
}
