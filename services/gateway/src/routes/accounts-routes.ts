import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AccountsServiceClient } from '@crm/proto/crm/accounts/v1/accounts';
import { callUnary } from '@crm/grpc';
import { problemSchema } from '../http/problem-schema.js';
import {
  accountIdParamsSchema,
  accountListSchema,
  accountSchema,
  createAccountBodySchema,
  listAccountsQuerySchema,
  toAccountResponse,
} from './account-schemas.js';

export const accountsRoutes: FastifyPluginAsyncZod<{ accounts: AccountsServiceClient }> = async (
  app,
  { accounts },
) => {
  app.post('/accounts', {
    config: { access: { resource: 'accounts', action: 'create' } },
    schema: {
      tags: ['accounts'],
      summary: 'Create an account',
      body: createAccountBodySchema,
      response: { 201: accountSchema, 400: problemSchema },
    },
    handler: async (request, reply) => {
      const { account } = await callUnary(
        accounts,
        accounts.createAccount,
        { name: request.body.name, domain: request.body.domain ?? undefined },
        { caller: request.caller },
      );
      const body = toAccountResponse(account);
      return reply.code(201).header('location', `/api/v1/accounts/${body.id}`).send(body);
    },
  });

  app.get('/accounts', {
    config: { access: { resource: 'accounts', action: 'read' } },
    schema: {
      tags: ['accounts'],
      summary: 'List accounts, newest first',
      querystring: listAccountsQuerySchema,
      response: { 200: accountListSchema, 400: problemSchema },
    },
    handler: async (request) => {
      const { accounts: items, page } = await callUnary(
        accounts,
        accounts.listAccounts,
        {
          page: { limit: request.query.limit ?? 0, cursor: request.query.cursor ?? '' },
          query: request.query.q ?? '',
          sort: request.query.sort ?? '',
        },
        { caller: request.caller },
      );
      return { items: items.map(toAccountResponse), nextCursor: page?.nextCursor || null };
    },
  });

  app.get('/accounts/:id', {
    config: { access: { resource: 'accounts', action: 'read' } },
    schema: {
      tags: ['accounts'],
      summary: 'Get one account',
      params: accountIdParamsSchema,
      response: { 200: accountSchema, 404: problemSchema },
    },
    handler: async (request) => {
      const { account } = await callUnary(
        accounts,
        accounts.getAccount,
        { id: request.params.id },
        {
          caller: request.caller,
        },
      );
      return toAccountResponse(account);
    },
  });
};
