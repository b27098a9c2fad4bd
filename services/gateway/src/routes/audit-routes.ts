import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { callUnary } from '@crm/grpc';
import type { IdentityServiceClient } from '@crm/proto/crm/identity/v1/identity';
import { collectionPage, pageOrCsv } from '../http/csv-collection.js';
import {
  auditEventCsvColumns,
  auditListSchema,
  auditQuerySchema,
  toAuditEventResponse,
} from './identity-schemas.js';

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
    handler: async (request, reply) => {
      const csv = { name: 'audit-log', columns: auditEventCsvColumns };
      return pageOrCsv(reply, request.query, csv, async (cursor, limit) => {
        const { events, page } = await callUnary(
          identity,
          identity.listAuditEvents,
          {
            page: { limit, cursor },
            action: request.query.action ?? '',
            actorId: request.query.actorId ?? '',
          },
          { caller: request.caller },
        );
        return collectionPage(events, page, toAuditEventResponse);
      });
    },
  });
};
