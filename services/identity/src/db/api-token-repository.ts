import type { ApiScope } from '@crm/authz';
import { uuidv7, type OrmEntityManager } from '@crm/db';
import { ApiTokenEntity, type ApiToken } from './api-token.entity.js';

export class ApiTokenRepository {
  constructor(private readonly em: OrmEntityManager) {}

  create(token: {
    name: string;
    scopes: ApiScope[];
    secretDigest: string;
    createdBy: string;
    expiresAt: Date | null;
    now: Date;
  }): ApiToken {
    return this.em.create(ApiTokenEntity, {
      id: uuidv7(),
      name: token.name,
      scopes: token.scopes,
      secretDigest: token.secretDigest,
      createdBy: token.createdBy,
      createdAt: token.now,
      expiresAt: token.expiresAt,
      lastUsedAt: null,
      revokedAt: null,
    });
  }

  findById(id: string): Promise<ApiToken | null> {
    return this.em.findOne(ApiTokenEntity, { id });
  }

  findBySecretDigest(secretDigest: string): Promise<ApiToken | null> {
    return this.em.findOne(ApiTokenEntity, { secretDigest });
  }

  /** Newest first, revoked ones included (they show as revoked). */
  listAll(): Promise<ApiToken[]> {
    return this.em.find(ApiTokenEntity, {}, { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
  }

  markUsed(id: string, now: Date): Promise<number> {
    return this.em.nativeUpdate(ApiTokenEntity, { id }, { lastUsedAt: now });
  }
}
