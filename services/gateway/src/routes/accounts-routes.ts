import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AccountsServiceClient } from '@crm/proto/crm/accounts/v1/accounts';
import { callUnary } from '@crm/grpc';
import { EXPORT_PAGE_SIZE, everyItem, sendCsv } from '../http/csv-collection.js';
import { problemSchema } from '../http/problem-schema.js';
import {
  accountIdParamsSchema,
  accountListSchema,
  accountCsvColumns,
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
      summary: 'List accounts (newest first, or best matches first when searching)',
      querystring: listAccountsQuerySchema,
      response: { 200: accountListSchema, 400: problemSchema },
    },
    handler: async (request, reply) => {
      const { q, sort, format } = request.query;
      const fetchPage = async (cursor: string, limit: number) => {
        const { accounts: items, page } = await callUnary(
          accounts,
          accounts.listAccounts,
          { page: { limit, cursor }, query: q ?? '', sort: sort ?? '' },
          { caller: request.caller },
        );
        return { items: items.map(toAccountResponse), nextCursor: page?.nextCursor || null };
      };
      if (format === 'csv') {
        return sendCsv(
          reply,
          'accounts',
          accountCsvColumns,
          everyItem((cursor) => fetchPage(cursor, EXPORT_PAGE_SIZE)),
        );
      }
      return fetchPage(request.query.cursor ?? '', request.query.limit ?? 0);
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
