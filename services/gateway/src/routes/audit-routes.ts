import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { callUnary } from '@crm/grpc';
import type { IdentityServiceClient } from '@crm/proto/crm/identity/v1/identity';
import { EXPORT_PAGE_SIZE, everyItem, sendCsv } from '../http/csv-collection.js';
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
      const fetchPage = async (cursor: string, limit: number) => {
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
        return { items: events.map(toAuditEventResponse), nextCursor: page?.nextCursor || null };
      };
      if (request.query.format === 'csv') {
        return sendCsv(
          reply,
          'audit-log',
          auditEventCsvColumns,
          everyItem((cursor) => fetchPage(cursor, EXPORT_PAGE_SIZE)),
        );
      }
      return fetchPage(request.query.cursor ?? '', request.query.limit ?? 0);
    },
  });
};
