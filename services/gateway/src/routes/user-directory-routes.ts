import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { callUnary } from '@crm/grpc';
import type { IdentityServiceClient } from '@crm/proto/crm/identity/v1/identity';
import { collectionPage, pageOrCsv } from '../http/csv-collection.js';
import { problemSchema } from '../http/problem-schema.js';
import {
  directoryEntryCsvColumns,
  directoryListSchema,
  directoryQuerySchema,
  toDirectoryEntryResponse,
} from './identity-schemas.js';

/** Names of people, for every signed-in user: who owns a record, who wrote a note. */
export const userDirectoryRoutes: FastifyPluginAsyncZod<{
  identity: IdentityServiceClient;
}> = async (app, { identity }) => {
  app.get('/user-directory', {
    config: { access: { resource: 'user-directory', action: 'read' } },
    schema: {
      tags: ['users'],
      summary: 'Everyone by name (no email, role or team), ordered by name',
      querystring: directoryQuerySchema,
      response: { 200: directoryListSchema, 400: problemSchema },
    },
    handler: async (request, reply) => {
      const csv = { name: 'user-directory', columns: directoryEntryCsvColumns };
      return pageOrCsv(reply, request.query, csv, async (cursor, limit) => {
        const { entries, page } = await callUnary(
          identity,
          identity.listUserDirectory,
          { page: { limit, cursor }, query: request.query.q ?? '', ids: request.query.id ?? [] },
          { caller: request.caller },
        );
        return collectionPage(entries, page, toDirectoryEntryResponse);
      });
    },
  });
};
