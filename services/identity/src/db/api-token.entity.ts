import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { ApiScope } from '@crm/authz';

/** An integration's credential; acts as its creator within its scopes. Only its SHA-256 is kept. */
export const ApiTokenEntity = defineEntity({
  name: 'ApiToken',
  tableName: 'api_tokens',
  properties: {
    id: p.uuid().primary(),
    name: p.string().length(100),
    scopes: p.json<ApiScope[]>(),
    secretDigest: p.string().length(64).unique(),
    createdBy: p.uuid(),
    createdAt: p.datetime(),
    expiresAt: p.datetime().nullable(),
    lastUsedAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
  },
});

export type ApiToken = InferEntity<typeof ApiTokenEntity>;
