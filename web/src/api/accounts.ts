import { z } from 'zod';
import { int64Schema, parseWith, timestampSchema } from './decode.js';
import { apiRequest, buildUrl, type QueryValue } from './http.js';
import { itemsSchema, pageSchema, type Page } from './page.js';

export const ACCOUNT_STATUSES = ['prospect', 'customer', 'former_customer'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** Head-count bands, as sales teams usually record them. */
export const COMPANY_SIZES = [
  '1-10',
  '11-50',
  '51-200',
  '201-500',
  '501-1000',
  '1001-5000',
  '5001+',
] as const;
export type CompanySize = (typeof COMPANY_SIZES)[number];

export const addressSchema = z.object({
  street: z.string(),
  city: z.string(),
  region: z.string(),
  postalCode: z.string(),
  /** ISO 3166-1 alpha-2, upper case; empty when unknown. */
  country: z.string(),
});
export type Address = z.output<typeof addressSchema>;

export const accountSchema = z.object({
  id: z.string(),
  name: z.string(),
  domain: z.string().nullable(),
  industry: z.string().nullable(),
  size: z.enum(COMPANY_SIZES).nullable(),
  address: addressSchema.nullable(),
  phone: z.string().nullable(),
  website: z.string().nullable(),
  ownerId: z.string().nullable(),
  status: z.enum(ACCOUNT_STATUSES),
  tags: z.array(z.string()),
  notes: z.string(),
  contactCount: int64Schema,
  /** Grows with every change; sent back with each write so a stale one is refused. */
  version: int64Schema,
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Account = z.output<typeof accountSchema>;

const accountPageSchema = pageSchema(accountSchema);
const accountItemsSchema = itemsSchema(accountSchema);

/** An order by a field, descending when prefixed with `-`. */
export type AccountFieldSort =
  'name' | '-name' | 'createdAt' | '-createdAt' | 'updatedAt' | '-updatedAt';

/** Orders the list API accepts; `relevance` ranks the matches of `q`, best first. */
export type AccountSort = 'relevance' | AccountFieldSort;

/** The order the list API applies when `sort` is left out: best matches while searching, else newest first. */
export function defaultAccountSort(q: string | undefined): AccountSort {
  return q ? 'relevance' : '-createdAt';
}

/** List filters: a row matches every filter given, and any of the values within one. */
export interface AccountFilters {
  readonly ownerId: readonly string[];
  readonly status: readonly AccountStatus[];
  readonly tag: readonly string[];
  readonly industry: readonly string[];
}

export const NO_ACCOUNT_FILTERS: AccountFilters = {
  ownerId: [],
  status: [],
  tag: [],
  industry: [],
};

export interface ListAccountsParams {
  readonly q?: string;
  readonly sort?: AccountSort;
  readonly filters?: AccountFilters;
  readonly cursor?: string | null;
  readonly limit?: number;
}

/** The writable fields; on create, those left out take their defaults. */
export interface AccountInput {
  readonly name: string;
  readonly domain?: string | null;
  readonly industry?: string | null;
  readonly size?: CompanySize | null;
  readonly address?: Address | null;
  readonly phone?: string | null;
  readonly website?: string | null;
  readonly ownerId?: string | null;
  readonly status?: AccountStatus;
  readonly tags?: readonly string[];
  readonly notes?: string;
}

export interface CreateAccountInput extends AccountInput {
  /** Creates the account even though another one has its domain. */
  readonly allowDuplicate?: boolean;
}

/** Any subset of the writable fields; null clears a field. */
export type AccountPatch = Partial<AccountInput>;

export interface FindDuplicateAccountsParams {
  readonly domain?: string;
  readonly name?: string;
  readonly excludeId?: string;
}

export function parseAccount(value: unknown): Account {
  return parseWith(accountSchema, value, 'account');
}

function accountPath(id: string): string {
  return `/accounts/${encodeURIComponent(id)}`;
}

function listQuery(params: ListAccountsParams): Record<string, QueryValue> {
  const filters = params.filters ?? NO_ACCOUNT_FILTERS;
  // The default order stays implicit: a gateway that does not know `sort` yet rejects it as unknown.
  // Which order is implied depends on `q`, so a search ordered newest first still says so.
  const sort = params.sort === defaultAccountSort(params.q) ? undefined : params.sort;
  return {
    q: params.q,
    sort,
    ownerId: filters.ownerId,
    status: filters.status,
    tag: filters.tag,
    industry: filters.industry,
  };
}

export async function listAccounts(
  params: ListAccountsParams = {},
  signal?: AbortSignal,
): Promise<Page<Account>> {
  const body = await apiRequest('/accounts', {
    query: { ...listQuery(params), cursor: params.cursor, limit: params.limit },
    signal,
  });
  return parseWith(accountPageSchema, body, 'accounts page');
}

/** Where the whole filtered list downloads as CSV, in the list's order. */
export function accountsCsvUrl(params: Omit<ListAccountsParams, 'cursor' | 'limit'>): string {
  return buildUrl('/accounts', { ...listQuery(params), format: 'csv' });
}

export async function getAccount(id: string, signal?: AbortSignal): Promise<Account> {
  return parseAccount(await apiRequest(accountPath(id), { signal }));
}

export async function createAccount(input: CreateAccountInput): Promise<Account> {
  return parseAccount(await apiRequest('/accounts', { method: 'POST', body: input }));
}

/** Applies `patch` if `version` is still the account's; a stale one fails with 409 (see conflictIn). */
export async function updateAccount(
  id: string,
  patch: AccountPatch,
  version: number,
): Promise<Account> {
  return parseAccount(
    await apiRequest(accountPath(id), { method: 'PATCH', body: { ...patch, version } }),
  );
}

export async function deleteAccount(id: string, version: number): Promise<void> {
  await apiRequest(accountPath(id), { method: 'DELETE', query: { version } });
}

/** Folds `mergedId` into `survivorId`; answers the survivor as it is afterwards. */
export async function mergeAccounts(
  survivor: Pick<Account, 'id' | 'version'>,
  merged: Pick<Account, 'id' | 'version'>,
): Promise<Account> {
  const body = await apiRequest(`${accountPath(survivor.id)}/merge`, {
    method: 'POST',
    body: { mergedId: merged.id, version: survivor.version, mergedVersion: merged.version },
  });
  return parseAccount(body);
}

/** Accounts that already have this domain (or, given, exactly this name). */
export async function findDuplicateAccounts(
  params: FindDuplicateAccountsParams,
  signal?: AbortSignal,
): Promise<Account[]> {
  const body = await apiRequest('/accounts/duplicates', {
    query: { domain: params.domain, name: params.name, excludeId: params.excludeId },
    signal,
  });
  return parseWith(accountItemsSchema, body, 'duplicate accounts').items;
}
