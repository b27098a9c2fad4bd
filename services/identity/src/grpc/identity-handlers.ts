import type { UnaryHandlers } from '@crm/grpc';
import type { IdentityServiceService } from '@crm/proto/crm/identity/v1/identity';
import { auditHandlers } from './audit-handlers.js';
import { authHandlers } from './auth-handlers.js';
import type { IdentityContext } from './context.js';
import { tokenHandlers } from './token-handlers.js';
import { userHandlers } from './user-handlers.js';

export function identityHandlers(
  ctx: IdentityContext,
): UnaryHandlers<typeof IdentityServiceService> {
  return {
    ...authHandlers(ctx),
    ...userHandlers(ctx),
    ...tokenHandlers(ctx),
    ...auditHandlers(ctx),
  };
}
