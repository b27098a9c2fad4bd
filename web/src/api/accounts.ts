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

export interface ListAccountsParams {
  readonly q?: string;
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
  const body = await apiRequest('/accounts', {
    query: { q: params.q, cursor: params.cursor, limit: params.limit },
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
