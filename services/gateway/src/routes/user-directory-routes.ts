import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { callUnary } from '@crm/grpc';
import type { DirectoryEntry, IdentityServiceClient } from '@crm/proto/crm/identity/v1/identity';
import { collectionPage, pageOrCsv } from '../http/csv-collection.js';
import { problemSchema } from '../http/problem-schema.js';
import { pageQuery, repeatable } from '../http/query-schemas.js';

const directoryEntrySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    active: z.boolean().describe('Deactivated people still own records; pickers leave them out.'),
  })
  .meta({ id: 'DirectoryEntry' });

type DirectoryEntryResponse = z.output<typeof directoryEntrySchema>;

const directoryQuerySchema = z.strictObject({
  ...pageQuery,
  q: z.string().trim().max(200).optional().describe('Part of a name, any case.'),
  id: repeatable(z.string().min(1).max(64)).describe('Only these people (repeatable).'),
});

const toEntry = ({ id, name, active }: DirectoryEntry): DirectoryEntryResponse => ({
  id,
  name,
  active,
});

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
      response: {
        200: z.object({ items: z.array(directoryEntrySchema), nextCursor: z.string().nullable() }),
        400: problemSchema,
      },
    },
    handler: async (request, reply) => {
      const csv = {
        name: 'user-directory',
        columns: [
          { header: 'id', value: (entry: DirectoryEntryResponse) => entry.id },
          { header: 'name', value: (entry: DirectoryEntryResponse) => entry.name },
          { header: 'active', value: (entry: DirectoryEntryResponse) => entry.active },
        ],
      };
      return pageOrCsv(reply, request.query, csv, async (cursor, limit) => {
        const { entries, page } = await callUnary(
          identity,
          identity.listUserDirectory,
          { page: { limit, cursor }, query: request.query.q ?? '', ids: request.query.id ?? [] },
          { caller: request.caller },
        );
        return collectionPage(entries, page, toEntry);
      });
    },
  });
};
