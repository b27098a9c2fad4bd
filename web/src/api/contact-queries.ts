import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import {
  createContact,
  defaultContactSort,
  deleteContact,
  findDuplicateContacts,
  getContact,
  listContacts,
  mergeContacts,
  NO_CONTACT_FILTERS,
  updateContact,
  type Contact,
  type ContactFilters,
  type ContactPatch,
  type ContactSort,
  type CreateContactInput,
} from './contacts.js';
import type { MergeVariables } from './account-queries.js';
import { accountKeys, contactKeys, timelineKeys } from './query-keys.js';
import { cursorPaging } from './page.js';

export const CONTACTS_PAGE_SIZE = 50;

export function useContacts({
  q,
  sort = defaultContactSort(q),
  filters = NO_CONTACT_FILTERS,
}: {
  readonly q: string;
  readonly sort?: ContactSort;
  readonly filters?: ContactFilters;
}) {
  return useInfiniteQuery({
    queryKey: contactKeys.list({ q, sort, filters }),
    queryFn: ({ pageParam, signal }) =>
      listContacts({ q, sort, filters, cursor: pageParam, limit: CONTACTS_PAGE_SIZE }, signal),
    ...cursorPaging,
    placeholderData: keepPreviousData,
  });
}

export function useContact(id: string) {
  return useQuery({
    queryKey: contactKeys.detail(id),
    queryFn: ({ signal }) => getContact(id, signal),
  });
}

/** Contacts that already have one of `emails`; `enabled` false while there is nothing to ask. */
export function useDuplicateContacts(
  emails: readonly string[],
  excludeId: string | undefined,
  enabled: boolean,
) {
  return useQuery({
    queryKey: contactKeys.duplicates(emails, excludeId),
    queryFn: ({ signal }) => findDuplicateContacts({ emails, excludeId }, signal),
    enabled,
    retry: false,
    staleTime: 5_000,
  });
}

/**
 * Caches `contact` and marks stale what else shows it: contact lists, and the accounts it is or
 * was on (their contact counts, contact lists and timelines).
 */
function storeContact(queryClient: QueryClient, contact: Contact): void {
  queryClient.setQueryData(contactKeys.detail(contact.id), contact);
  void queryClient.invalidateQueries({ queryKey: contactKeys.lists() });
  void queryClient.invalidateQueries({ queryKey: accountKeys.all });
  void queryClient.invalidateQueries({ queryKey: timelineKeys.all });
}

export function useCreateContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateContactInput) => createContact(input),
    onSuccess: (contact) => storeContact(queryClient, contact),
  });
}

export interface UpdateContactVariables {
  readonly id: string;
  readonly patch: ContactPatch;
  readonly version: number;
}

export function useUpdateContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch, version }: UpdateContactVariables) =>
      updateContact(id, patch, version),
    onSuccess: (contact) => storeContact(queryClient, contact),
  });
}

export function useDeleteContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (contact: Pick<Contact, 'id' | 'version'>) =>
      deleteContact(contact.id, contact.version),
    // Like deleting an account: the page drops the contact's own cache entry once it has left.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: contactKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: accountKeys.all }),
      ]),
  });
}

export function useMergeContacts() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ survivor, merged }: MergeVariables<Contact>) => mergeContacts(survivor, merged),
    onSuccess: (contact) => storeContact(queryClient, contact),
  });
}
