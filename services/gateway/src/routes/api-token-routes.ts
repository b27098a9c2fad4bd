import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { callUnary } from '@crm/grpc';
import type { IdentityServiceClient } from '@crm/proto/crm/identity/v1/identity';
import { sendCsv } from '../http/csv-collection.js';
import { problemSchema } from '../http/problem-schema.js';
import { idParamsSchema } from '../http/query-schemas.js';
import {
  apiTokenCsvColumns,
  apiTokenListSchema,
  apiTokenQuerySchema,
  createApiTokenBodySchema,
  createdApiTokenSchema,
  toApiTokenResponse,
} from './identity-schemas.js';

/** API tokens for scripts and integrations: the secret is answered once, then only its hash exists. */
export const apiTokenRoutes: FastifyPluginAsyncZod<{ identity: IdentityServiceClient }> = async (
  app,
  { identity },
) => {
  app.get('/api-tokens', {
    config: { access: { resource: 'api-tokens', action: 'read' } },
    schema: {
      tags: ['api-tokens'],
      querystring: apiTokenQuerySchema,
      response: { 200: apiTokenListSchema },
    },
    handler: async (request, reply) => {
      const { tokens } = await callUnary(
        identity,
        identity.listApiTokens,
        {},
        { caller: request.caller },
      );
      const items = tokens.map(toApiTokenResponse);
      if (request.query.format === 'csv')
        return sendCsv(reply, 'api-tokens', apiTokenCsvColumns, items);
      return { items, nextCursor: null };
    },
  });

  app.post('/api-tokens', {
    // Tokens never mint tokens: only a person in a browser session creates them.
    config: { access: { resource: 'api-tokens', action: 'create', sessionOnly: true } },
    schema: {
      tags: ['api-tokens'],
      summary: 'Create a token; `token` is shown only in this answer',
      body: createApiTokenBodySchema,
      response: { 201: createdApiTokenSchema, 400: problemSchema },
    },
    handler: async (request, reply) => {
      const created = await callUnary(
        identity,
        identity.createApiToken,
        {
          name: request.body.name,
          scopes: request.body.scopes,
          expiresAt: request.body.expiresAt ?? undefined,
        },
        { caller: request.caller },
      );
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send({ ...toApiTokenResponse(created.token), token: created.secret });
    },
  });

  app.delete('/api-tokens/:id', {
    config: { access: { resource: 'api-tokens', action: 'delete', sessionOnly: true } },
    schema: {
      tags: ['api-tokens'],
      summary: 'Revoke a token',
      params: idParamsSchema,
      response: { 204: z.null(), 404: problemSchema },
    },
    handler: async (request, reply) => {
      await callUnary(
        identity,
        identity.revokeApiToken,
        { id: request.params.id },
        { caller: request.caller },
      );
      return reply.code(204).send(null);
    },
  });
};
