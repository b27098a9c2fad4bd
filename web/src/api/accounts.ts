import { expectArray, expectNullableString, expectRecord, expectString } from './decode.js';
import { apiRequest } from './http.js';

export interface Account {
  readonly id: string;
  readonly name: string;
  readonly domain: string | null;
  readonly ownerId: string | null;
  /** RFC 3339, UTC. */
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

/** An order by a field, descending when prefixed with `-`. */
export type AccountFieldSort = 'name' | '-name' | 'createdAt' | '-createdAt';

/** Orders the list API accepts; `relevance` ranks the matches of `q`, best first. */
export type AccountSort = 'relevance' | AccountFieldSort;

/** The order the list API applies when `sort` is left out: best matches while searching, else newest first. */
export function defaultAccountSort(q: string | undefined): AccountSort {
  return q ? 'relevance' : '-createdAt';
}

export interface ListAccountsParams {
  readonly q?: string;
  readonly sort?: AccountSort;
  readonly cursor?: string | null;
  readonly limit?: number;
}

export interface CreateAccountInput {
  readonly name: string;
  readonly domain?: string;
}

export function parseAccount(value: unknown): Account {
  const record = expectRecord(value, 'account');
  return {
    id: expectString(record, 'id', 'account'),
    name: expectString(record, 'name', 'account'),
    domain: expectNullableString(record, 'domain', 'account'),
    ownerId: expectNullableString(record, 'ownerId', 'account'),
    createdAt: expectString(record, 'createdAt', 'account'),
    updatedAt: expectString(record, 'updatedAt', 'account'),
  };
}

export function parseAccountPage(value: unknown): Page<Account> {
  const record = expectRecord(value, 'accounts page');
  return {
    items: expectArray(record.items, 'accounts page.items').map(parseAccount),
    nextCursor: expectNullableString(record, 'nextCursor', 'accounts page'),
  };
}

export async function listAccounts(
  params: ListAccountsParams = {},
  signal?: AbortSignal,
): Promise<Page<Account>> {
  // The default order stays implicit: a gateway that does not know `sort` yet rejects it as unknown.
  // Which order is implied depends on `q`, so a search ordered newest first still says so.
  const sort = params.sort === defaultAccountSort(params.q) ? undefined : params.sort;
  const body = await apiRequest('/accounts', {
    query: { q: params.q, sort, cursor: params.cursor, limit: params.limit },
    signal,
  });
  return parseAccountPage(body);
}

export async function getAccount(id: string, signal?: AbortSignal): Promise<Account> {
  return parseAccount(await apiRequest(`/accounts/${encodeURIComponent(id)}`, { signal }));
}

export async function createAccount(input: CreateAccountInput): Promise<Account> {
  return parseAccount(await apiRequest('/accounts', { method: 'POST', body: input }));
}
