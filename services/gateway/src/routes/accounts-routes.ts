import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type {
  Account as AccountMessage,
  AccountsServiceClient,
} from '@crm/proto/crm/accounts/v1/accounts';
import { callUnary } from '@crm/grpc';
import { collectionPage, pageOrCsv } from '../http/csv-collection.js';
import { problemSchema } from '../http/problem-schema.js';
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
  type AccountResponse,
} from './account-schemas.js';
import {
  createRecordRoute,
  deleteRecordRoute,
  getRecordRoute,
  mergeRecordRoute,
  updateRecordRoute,
  type RecordKind,
} from './record-routes.js';

const accountKind: RecordKind<AccountMessage, AccountResponse> = {
  collection: 'accounts',
  schema: accountSchema,
  conflictSchema: accountConflictSchema,
  toResponse: toAccountResponse,
  fromJson: accountFromJson,
};

export const accountsRoutes: FastifyPluginAsyncZod<{ accounts: AccountsServiceClient }> = async (
  app,
  { accounts },
) => {
  app.post(
    '/accounts',
    createRecordRoute(accountKind, {
      summary: 'Create an account',
      description:
        'A domain another account already has answers 409 (`type` …:duplicate) listing those accounts in `duplicates`; send `allowDuplicate: true` to create it anyway.',
      body: createAccountBodySchema,
      create: async (body, options) =>
        (await callUnary(accounts, accounts.createAccount, toCreateAccountRequest(body), options))
          .account,
    }),
  );

  app.get('/accounts', {
    config: { access: { resource: 'accounts', action: 'read' } },
    schema: {
      tags: ['accounts'],
      summary: 'List accounts (newest first, or best matches first when searching)',
      querystring: listAccountsQuerySchema,
      response: { 200: accountListSchema, 400: problemSchema },
    },
    handler: async (request, reply) => {
      const { q, sort, ownerId, status, tag, industry } = request.query;
      const csv = { name: 'accounts', columns: accountCsvColumns };
      return pageOrCsv(reply, request.query, csv, async (cursor, limit) => {
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
        return collectionPage(items, page, toAccountResponse);
      });
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

  app.get(
    '/accounts/:id',
    getRecordRoute(accountKind, {
      summary: 'Get one account (its version is also the ETag)',
      get: async (id, options) =>
        (await callUnary(accounts, accounts.getAccount, { id }, options)).account,
    }),
  );

  app.patch(
    '/accounts/:id',
    updateRecordRoute(accountKind, {
      summary: 'Change some fields of an account',
      description:
        'Send the `version` last read (or If-Match). When someone changed the account since, the answer is 409 with `currentVersion` and `current`.',
      body: updateAccountBodySchema,
      update: async ({ id, expectedVersion, fields }, options) => {
        const request = toUpdateAccountRequest(id, expectedVersion, fields);
        return (await callUnary(accounts, accounts.updateAccount, request, options)).account;
      },
    }),
  );

  app.delete(
    '/accounts/:id',
    deleteRecordRoute(accountKind, {
      summary: 'Delete an account without contacts',
      description:
        'An account that still has contacts is not deleted (409): merge or move them first.',
      delete: (request, options) => callUnary(accounts, accounts.deleteAccount, request, options),
    }),
  );

  app.post(
    '/accounts/:id/merge',
    mergeRecordRoute(accountKind, {
      summary: 'Fold another account into this one',
      description:
        'Contacts and other relations move to this account, its empty fields take the other’s values, tags are united; the other account is deleted.',
      merge: async (request, options) =>
        (await callUnary(accounts, accounts.mergeAccounts, request, options)).account,
    }),
  );
};
