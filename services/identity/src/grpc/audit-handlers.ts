import { authorize } from '@crm/authz';
import { DomainError } from '@crm/errors';
import { withRequestContext } from '@crm/db';
import type { UnaryHandlers } from '@crm/grpc';
import type { IdentityServiceService } from '@crm/proto/crm/identity/v1/identity';
import { AuditLog } from '../db/audit-log.js';
import { pageSize } from '@crm/paging';
import { decodeCursor, encodeCursor } from '../domain/cursor.js';
import { isUserId } from '../domain/user.js';
import type { IdentityContext } from './context.js';
import { toAuditEventMessage } from './mappers.js';

export function auditHandlers(
  ctx: IdentityContext,
): Pick<UnaryHandlers<typeof IdentityServiceService>, 'listAuditEvents'> {
  return {
    async listAuditEvents(request, call) {
      authorize(call.caller, 'audit-events', 'read');
      const limit = pageSize(request.page?.limit ?? 0);
      const after = request.page?.cursor
        ? decodeCursor(request.page.cursor, 'audit-events')
        : undefined;
      const actorId = request.actorId.trim() || undefined;
      if (actorId !== undefined && !isUserId(actorId))
        throw DomainError.validation([{ path: '/actorId', message: 'must be a user id' }]);
      const action = request.action.trim() || undefined;
      const { events, hasMore } = await withRequestContext(ctx.orm, (em) =>
        new AuditLog(em).list({ limit, after, action, actorId }),
      );
      const last = events.at(-1);
      const nextCursor =
        hasMore && last
          ? encodeCursor('audit-events', { value: last.at.toISOString(), id: last.id })
          : '';
      return { events: events.map(toAuditEventMessage), page: { nextCursor } };
    },
  };
}
