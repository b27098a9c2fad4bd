import type { AccountFilters, AccountSort, FindDuplicateAccountsParams } from './accounts.js';
import type { ContactFilters, ContactSort } from './contacts.js';
import type { Subject } from './subjects.js';

// One module for the address book's cache keys: a change to one record type often makes another's
// cached answers stale (a new contact changes its account's contact count and timeline).

export interface AccountListQuery {
  readonly q: string;
  readonly sort: AccountSort;
  readonly filters: AccountFilters;
}

export interface ContactListQuery {
  readonly q: string;
  readonly sort: ContactSort;
  readonly filters: ContactFilters;
}

export const accountKeys = {
  all: ['accounts'] as const,
  lists: () => [...accountKeys.all, 'list'] as const,
  list: (query: AccountListQuery) => [...accountKeys.lists(), query] as const,
  details: () => [...accountKeys.all, 'detail'] as const,
  detail: (id: string) => [...accountKeys.details(), id] as const,
  duplicates: (params: FindDuplicateAccountsParams) =>
    [...accountKeys.all, 'duplicates', params] as const,
};

export const contactKeys = {
  all: ['contacts'] as const,
  lists: () => [...contactKeys.all, 'list'] as const,
  list: (query: ContactListQuery) => [...contactKeys.lists(), query] as const,
  details: () => [...contactKeys.all, 'detail'] as const,
  detail: (id: string) => [...contactKeys.details(), id] as const,
  duplicates: (emails: readonly string[], excludeId: string | undefined) =>
    [...contactKeys.all, 'duplicates', { emails, excludeId }] as const,
};

export const timelineKeys = {
  all: ['timeline'] as const,
  subject: (subject: Subject) => [...timelineKeys.all, subject.type, subject.id] as const,
};

export const attachmentKeys = {
  all: ['attachments'] as const,
  subject: (subject: Subject) => [...attachmentKeys.all, subject.type, subject.id] as const,
};

export const importKeys = {
  all: ['imports'] as const,
  lists: () => [...importKeys.all, 'list'] as const,
  detail: (id: string) => [...importKeys.all, 'detail', id] as const,
  errors: (id: string) => [...importKeys.all, 'errors', id] as const,
};
