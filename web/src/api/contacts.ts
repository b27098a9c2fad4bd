import { z } from 'zod';
import { int64Schema, parseWith, timestampSchema } from './decode.js';
import { apiRequest, buildUrl, type QueryValue } from './http.js';
import { itemsSchema, pageSchema, type Page } from './page.js';

export const contactSchema = z.object({
  id: z.string(),
  accountId: z.string().nullable(),
  /** Read-only: the account's name, for lists and exports. */
  accountName: z.string().nullable(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  otherEmails: z.array(z.string()),
  phone: z.string().nullable(),
  otherPhones: z.array(z.string()),
  title: z.string().nullable(),
  ownerId: z.string().nullable(),
  /** The account's main contact; at most one per account. */
  primary: z.boolean(),
  version: int64Schema,
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Contact = z.output<typeof contactSchema>;

const contactPageSchema = pageSchema(contactSchema);
const contactItemsSchema = itemsSchema(contactSchema);

export type ContactFieldSort =
  'lastName' | '-lastName' | 'createdAt' | '-createdAt' | 'updatedAt' | '-updatedAt';
export type ContactSort = 'relevance' | ContactFieldSort;

/** Like accounts: best matches while searching, else newest first. */
export function defaultContactSort(q: string | undefined): ContactSort {
  return q ? 'relevance' : '-createdAt';
}

export interface ContactFilters {
  readonly accountId: readonly string[];
  readonly ownerId: readonly string[];
}

export const NO_CONTACT_FILTERS: ContactFilters = { accountId: [], ownerId: [] };

export interface ListContactsParams {
  readonly q?: string;
  readonly sort?: ContactSort;
  readonly filters?: ContactFilters;
  readonly cursor?: string | null;
  readonly limit?: number;
}

export interface ContactInput {
  readonly accountId?: string | null;
  readonly firstName: string;
  readonly lastName: string;
  readonly email?: string | null;
  readonly otherEmails?: readonly string[];
  readonly phone?: string | null;
  readonly otherPhones?: readonly string[];
  readonly title?: string | null;
  readonly ownerId?: string | null;
  readonly primary?: boolean;
}

export interface CreateContactInput extends ContactInput {
  /** Creates the contact even though another one has its email address. */
  readonly allowDuplicate?: boolean;
}

export type ContactPatch = Partial<ContactInput>;

/** "Ada Lovelace", or the email address (or a placeholder) for a contact without a name. */
export function contactName(contact: Pick<Contact, 'firstName' | 'lastName' | 'email'>): string {
  const name = `${contact.firstName} ${contact.lastName}`.trim();
  return name || contact.email || 'Unnamed contact';
}

export function parseContact(value: unknown): Contact {
  return parseWith(contactSchema, value, 'contact');
}

function contactPath(id: string): string {
  return `/contacts/${encodeURIComponent(id)}`;
}

function listQuery(params: ListContactsParams): Record<string, QueryValue> {
  const filters = params.filters ?? NO_CONTACT_FILTERS;
  const sort = params.sort === defaultContactSort(params.q) ? undefined : params.sort;
  return { q: params.q, sort, accountId: filters.accountId, ownerId: filters.ownerId };
}

export async function listContacts(
  params: ListContactsParams = {},
  signal?: AbortSignal,
): Promise<Page<Contact>> {
  const body = await apiRequest('/contacts', {
    query: { ...listQuery(params), cursor: params.cursor, limit: params.limit },
    signal,
  });
  return parseWith(contactPageSchema, body, 'contacts page');
}

export function contactsCsvUrl(params: Omit<ListContactsParams, 'cursor' | 'limit'>): string {
  return buildUrl('/contacts', { ...listQuery(params), format: 'csv' });
}

export async function getContact(id: string, signal?: AbortSignal): Promise<Contact> {
  return parseContact(await apiRequest(contactPath(id), { signal }));
}

export async function createContact(input: CreateContactInput): Promise<Contact> {
  return parseContact(await apiRequest('/contacts', { method: 'POST', body: input }));
}

export async function updateContact(
  id: string,
  patch: ContactPatch,
  version: number,
): Promise<Contact> {
  return parseContact(
    await apiRequest(contactPath(id), { method: 'PATCH', body: { ...patch, version } }),
  );
}

export async function deleteContact(id: string, version: number): Promise<void> {
  await apiRequest(contactPath(id), { method: 'DELETE', query: { version } });
}

export async function mergeContacts(
  survivor: Pick<Contact, 'id' | 'version'>,
  merged: Pick<Contact, 'id' | 'version'>,
): Promise<Contact> {
  const body = await apiRequest(`${contactPath(survivor.id)}/merge`, {
    method: 'POST',
    body: { mergedId: merged.id, version: survivor.version, mergedVersion: merged.version },
  });
  return parseContact(body);
}

/** Contacts that already have one of these email addresses. */
export async function findDuplicateContacts(
  params: { readonly emails: readonly string[]; readonly excludeId?: string },
  signal?: AbortSignal,
): Promise<Contact[]> {
  const body = await apiRequest('/contacts/duplicates', {
    query: { email: params.emails, excludeId: params.excludeId },
    signal,
  });
  return parseWith(contactItemsSchema, body, 'duplicate contacts').items;
}
