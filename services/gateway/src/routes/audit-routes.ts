import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { callUnary } from '@crm/grpc';
import type { IdentityServiceClient } from '@crm/proto/crm/identity/v1/identity';
import { auditListSchema, auditQuerySchema, toAuditEventResponse } from './identity-schemas.js';

export const auditRoutes: FastifyPluginAsyncZod<{ identity: IdentityServiceClient }> = async (
  app,
  { identity },
) => {
  app.get('/audit-events', {
    config: { access: { resource: 'audit-events', action: 'read' } },
    schema: {
      tags: ['audit'],
      summary: 'The audit log, newest first',
      querystring: auditQuerySchema,
      response: { 200: auditListSchema },
    },
    handler: async (request) => {
      const { events, page } = await callUnary(
        identity,
        identity.listAuditEvents,
        {
          page: { limit: request.query.limit ?? 0, cursor: request.query.cursor ?? '' },
          action: request.query.action ?? '',
          actorId: request.query.actorId ?? '',
        },
        { caller: request.caller },
      );
      return { items: events.map(toAuditEventResponse), nextCursor: page?.nextCursor || null };
    },
  });
};
