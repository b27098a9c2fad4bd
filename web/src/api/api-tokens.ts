import type { Page } from './page.js';
import {
  expectArray,
  expectNullableString,
  expectOneOf,
  expectRecord,
  expectString,
} from './decode.js';
import { apiRequest } from './http.js';

export const TOKEN_SCOPES = ['read', 'write', 'ingest', 'admin'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export interface ApiToken {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly TokenScope[];
  readonly expiresAt: string | null;
  readonly lastUsedAt: string | null;
  readonly createdAt: string;
  /** The id of the user who created it. */
  readonly createdBy: string;
}

/** The creation answer: the only time the secret itself is ever sent. */
export interface CreatedApiToken {
  readonly apiToken: ApiToken;
  readonly secret: string;
}

export interface CreateApiTokenInput {
  readonly name: string;
  readonly scopes: readonly TokenScope[];
  /** RFC 3339; left out for a token that does not expire. */
  readonly expiresAt?: string;
}

export function parseApiToken(value: unknown): ApiToken {
  const record = expectRecord(value, 'api token');
  return {
    id: expectString(record, 'id', 'api token'),
    name: expectString(record, 'name', 'api token'),
    scopes: expectArray(record.scopes, 'api token.scopes').map((scope) =>
      expectOneOf(scope, TOKEN_SCOPES, 'api token.scopes[]'),
    ),
    expiresAt: expectNullableString(record, 'expiresAt', 'api token'),
    lastUsedAt: expectNullableString(record, 'lastUsedAt', 'api token'),
    createdAt: expectString(record, 'createdAt', 'api token'),
    createdBy: expectString(record, 'createdBy', 'api token'),
  };
}

export async function listApiTokens(signal?: AbortSignal): Promise<Page<ApiToken>> {
  const record = expectRecord(await apiRequest('/api-tokens', { signal }), 'api tokens page');
  return {
    items: expectArray(record.items, 'api tokens page.items').map(parseApiToken),
    nextCursor: expectNullableString(record, 'nextCursor', 'api tokens page'),
  };
}

export async function createApiToken(input: CreateApiTokenInput): Promise<CreatedApiToken> {
  const body = await apiRequest('/api-tokens', { method: 'POST', body: input });
  // Parsed apart so the secret never travels inside an ApiToken that may be cached or listed.
  return {
    apiToken: parseApiToken(body),
    secret: expectString(expectRecord(body, 'api token'), 'token', 'api token'),
  };
}

export async function revokeApiToken(id: string): Promise<void> {
  await apiRequest(`/api-tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
