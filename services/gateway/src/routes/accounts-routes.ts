import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AccountsServiceClient } from '@crm/proto/crm/accounts/v1/accounts';
import { callUnary } from '@crm/grpc';
import { EXPORT_PAGE_SIZE, everyItem, sendCsv } from '../http/csv-collection.js';
import { problemSchema } from '../http/problem-schema.js';
import { idParamsSchema } from '../http/query-schemas.js';
import { withRecordExtensions } from '../http/record-extensions.js';
import {
  deleteQuerySchema,
  expectedVersion,
  ifMatchHeaders,
  mergeBodySchema,
  withEtag,
} from '../http/versioning.js';
import {
  accountConflictSchema,
  accountCsvColumns,
  accountDuplicatesQuerySchema,
  accountFromJson,
  accountItemsSchema,
  accountListSchema,
  accountSchema,
  accountStatuses,
  createAccountBodySchema,
  listAccountsQuerySchema,
  toAccountResponse,
  toCreateAccountRequest,
  toUpdateAccountRequest,
  updateAccountBodySchema,
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
      description:
        'A domain another account already has answers 409 (`type` …:duplicate) listing those accounts in `duplicates`; send `allowDuplicate: true` to create it anyway.',
      body: createAccountBodySchema,
      response: { 201: accountSchema, 400: problemSchema, 409: accountConflictSchema },
    },
    handler: async (request, reply) => {
      const { account } = await withRecordExtensions(
        callUnary(accounts, accounts.createAccount, toCreateAccountRequest(request.body), {
          caller: request.caller,
        }),
        accountFromJson,
      );
      const body = toAccountResponse(account);
      withEtag(reply, body.version);
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
      const { q, sort, format, ownerId, status, tag, industry } = request.query;
      const fetchPage = async (cursor: string, limit: number) => {
        const { accounts: items, page } = await callUnary(
          accounts,
          accounts.listAccounts,
          {
            page: { limit, cursor },
            query: q ?? '',
            sort: sort ?? '',
            ownerIds: ownerId ?? [],
            statuses: (status ?? []).map((value) => accountStatuses.toMessage(value)),
            tags: tag ?? [],
            industries: industry ?? [],
          },
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

  app.get('/accounts/duplicates', {
    config: { access: { resource: 'accounts', action: 'read' } },
    schema: {
      tags: ['accounts'],
      summary: 'Accounts with this domain or name, to warn before creating another',
      querystring: accountDuplicatesQuerySchema,
      response: { 200: accountItemsSchema, 400: problemSchema },
    },
    handler: async (request) => {
      const { accounts: items } = await callUnary(
        accounts,
        accounts.findDuplicateAccounts,
        {
          domain: request.query.domain ?? '',
          name: request.query.name ?? '',
          excludeId: request.query.excludeId ?? '',
        },
        { caller: request.caller },
      );
      return { items: items.map(toAccountResponse) };
    },
  });

  app.get('/accounts/:id', {
    config: { access: { resource: 'accounts', action: 'read' } },
    schema: {
      tags: ['accounts'],
      summary: 'Get one account (its version is also the ETag)',
      params: idParamsSchema,
      response: { 200: accountSchema, 404: problemSchema },
    },
    handler: async (request, reply) => {
      const { account } = await callUnary(
        accounts,
        accounts.getAccount,
        { id: request.params.id },
        { caller: request.caller },
      );
      const body = toAccountResponse(account);
      return withEtag(reply, body.version).send(body);
    },
  });

  app.patch('/accounts/:id', {
    config: { access: { resource: 'accounts', action: 'update' } },
    schema: {
      tags: ['accounts'],
      summary: 'Change some fields of an account',
      description:
        'Send the `version` last read (or If-Match). When someone changed the account since, the answer is 409 with `currentVersion` and `current`.',
      params: idParamsSchema,
      headers: ifMatchHeaders,
      body: updateAccountBodySchema,
      response: {
        200: accountSchema,
        400: problemSchema,
        404: problemSchema,
        409: accountConflictSchema,
      },
    },
    handler: async (request, reply) => {
      const { version, ...fields } = request.body;
      const expected = expectedVersion(version, request.headers['if-match'], { required: true });
      const { account } = await withRecordExtensions(
        callUnary(
          accounts,
          accounts.updateAccount,
          toUpdateAccountRequest(request.params.id, expected, fields),
          { caller: request.caller },
        ),
        accountFromJson,
      );
      const body = toAccountResponse(account);
      return withEtag(reply, body.version).send(body);
    },
  });

  app.delete('/accounts/:id', {
    config: { access: { resource: 'accounts', action: 'delete' } },
    schema: {
      tags: ['accounts'],
      summary: 'Delete an account without contacts',
      description:
        'An account that still has contacts is not deleted (409): merge or move them first.',
      params: idParamsSchema,
      headers: ifMatchHeaders,
      querystring: deleteQuerySchema,
      response: { 204: z.null(), 404: problemSchema, 409: accountConflictSchema },
    },
    handler: async (request, reply) => {
      const expected = expectedVersion(request.query.version, request.headers['if-match'], {
        required: false,
      });
      await withRecordExtensions(
        callUnary(
          accounts,
          accounts.deleteAccount,
          { id: request.params.id, expectedVersion: String(expected) },
          { caller: request.caller },
        ),
        accountFromJson,
      );
      return reply.code(204).send(null);
    },
  });

  app.post('/accounts/:id/merge', {
    config: { access: { resource: 'accounts', action: 'merge' } },
    schema: {
      tags: ['accounts'],
      summary: 'Fold another account into this one',
      description:
        'Contacts and other relations move to this account, its empty fields take the other’s values, tags are united; the other account is deleted.',
      params: idParamsSchema,
      body: mergeBodySchema,
      response: {
        200: accountSchema,
        400: problemSchema,
        404: problemSchema,
        409: accountConflictSchema,
      },
    },
    handler: async (request, reply) => {
      const { account } = await withRecordExtensions(
        callUnary(
          accounts,
          accounts.mergeAccounts,
          {
            survivorId: request.params.id,
            mergedId: request.body.mergedId,
            survivorVersion: String(request.body.version ?? 0),
            mergedVersion: String(request.body.mergedVersion ?? 0),
          },
          { caller: request.caller },
        ),
        accountFromJson,
      );
      const body = toAccountResponse(account);
      return withEtag(reply, body.version).send(body);
    },
  });
};
