import { authorize } from '@crm/authz';
import { DomainError } from '@crm/errors';
import { withRequestContext } from '@crm/db';
import type { UnaryHandlers } from '@crm/grpc';
import type { IdentityServiceService } from '@crm/proto/crm/identity/v1/identity';
import { ApiTokenRepository } from '../db/api-token-repository.js';
import { AuditLog } from '../db/audit-log.js';
import { parseNewApiToken } from '../domain/api-token.js';
import { newApiTokenSecret, secretDigest } from '../domain/secrets.js';
import { isUserId } from '../domain/user.js';
import { actorOf, refuseApiToken, type IdentityContext } from './context.js';
import { toApiTokenMessage } from './mappers.js';

const tokenNotFound = () => DomainError.notFound('API token');

export function tokenHandlers(
  ctx: IdentityContext,
): Pick<
  UnaryHandlers<typeof IdentityServiceService>,
  'createApiToken' | 'listApiTokens' | 'revokeApiToken'
> {
  const { orm } = ctx;

  return {
    async createApiToken(request, call) {
      authorize(call.caller, 'api-tokens', 'create');
      refuseApiToken(call.caller);
      // A token acts as its creator, so only a person can create one.
      if (call.caller.kind !== 'user')
        throw new DomainError('permission_denied', 'API tokens are created by a user.');
      const creatorId = call.caller.userId;
      const now = ctx.now();
      const input = parseNewApiToken(request, now);
      const secret = newApiTokenSecret();
      const token = await withRequestContext(orm, (em) =>
        em.transactional(async (tx) => {
          const created = new ApiTokenRepository(tx).create({
            ...input,
            secretDigest: secretDigest(secret),
            createdBy: creatorId,
            now,
          });
          new AuditLog(tx).append({
            ...(await actorOf(tx, call.caller)),
            at: now,
            action: 'token.created',
            resourceType: 'api-token',
            resourceId: created.id,
            changes: {
              name: { before: null, after: created.name },
              scopes: { before: null, after: created.scopes },
              expiresAt: { before: null, after: created.expiresAt?.toISOString() ?? null },
            },
          });
          return created;
        }),
      );
      call.logger.info({ tokenId: token.id }, 'API token created');
      return { token: toApiTokenMessage(token), secret };
    },

    async listApiTokens(_request, call) {
      authorize(call.caller, 'api-tokens', 'read');
      const tokens = await withRequestContext(orm, (em) => new ApiTokenRepository(em).listAll());
      return { tokens: tokens.map(toApiTokenMessage) };
    },

    async revokeApiToken(request, call) {
      authorize(call.caller, 'api-tokens', 'delete');
      refuseApiToken(call.caller);
      if (!isUserId(request.id)) throw tokenNotFound();
      const now = ctx.now();
      await withRequestContext(orm, (em) =>
        em.transactional(async (tx) => {
          const token = await new ApiTokenRepository(tx).findById(request.id);
          if (!token) throw tokenNotFound();
          // Revoking twice is fine, and changes (and records) nothing the second time.
          if (token.revokedAt) return;
          token.revokedAt = now;
          new AuditLog(tx).append({
            ...(await actorOf(tx, call.caller)),
            at: now,
            action: 'token.revoked',
            resourceType: 'api-token',
            resourceId: token.id,
            changes: { revokedAt: { before: null, after: now.toISOString() } },
          });
        }),
      );
      return {};
    },
  };
}
