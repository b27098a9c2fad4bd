import { z } from 'zod';
import { parseWith, timestampSchema } from './decode.js';
import { apiRequest } from './http.js';
import { pageSchema, type Page } from './page.js';

export const TOKEN_SCOPES = ['read', 'write', 'ingest', 'admin'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.enum(TOKEN_SCOPES)),
  expiresAt: timestampSchema.nullable(),
  lastUsedAt: timestampSchema.nullable(),
  createdAt: timestampSchema,
  /** The id of the user who created it. */
  createdBy: z.string(),
});
export type ApiToken = z.output<typeof apiTokenSchema>;

const apiTokenPageSchema = pageSchema(apiTokenSchema);
const createdApiTokenSchema = apiTokenSchema.extend({ token: z.string() });

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

export async function listApiTokens(signal?: AbortSignal): Promise<Page<ApiToken>> {
  return parseWith(
    apiTokenPageSchema,
    await apiRequest('/api-tokens', { signal }),
    'api tokens page',
  );
}

export async function createApiToken(input: CreateApiTokenInput): Promise<CreatedApiToken> {
  const body = await apiRequest('/api-tokens', { method: 'POST', body: input });
  // Split so the secret never travels inside an ApiToken that may be cached or listed.
  const { token, ...apiToken } = parseWith(createdApiTokenSchema, body, 'api token');
  return { apiToken, secret: token };
}

export async function revokeApiToken(id: string): Promise<void> {
  await apiRequest(`/api-tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
