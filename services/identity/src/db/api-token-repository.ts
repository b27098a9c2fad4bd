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

  /** Marks every unrevoked token `createdBy` made as revoked (flushed with the unit of work). */
  async revokeAllOf(createdBy: string, now: Date): Promise<ApiToken[]> {
    const tokens = await this.em.find(
      ApiTokenEntity,
      { createdBy, revokedAt: null },
      { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
    );
    for (const token of tokens) token.revokedAt = now;
    return tokens;
  }

  markUsed(id: string, now: Date): Promise<number> {
    return this.em.nativeUpdate(ApiTokenEntity, { id }, { lastUsedAt: now });
  }
}
