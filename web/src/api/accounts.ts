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

/** Orders the list API accepts: a field, descending when prefixed with `-`. */
export type AccountSort = 'name' | '-name' | 'createdAt' | '-createdAt';

/** The order the list API applies when `sort` is left out. */
export const DEFAULT_ACCOUNT_SORT: AccountSort = '-createdAt';

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
  const sort = params.sort === DEFAULT_ACCOUNT_SORT ? undefined : params.sort;
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
