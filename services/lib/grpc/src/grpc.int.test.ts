import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import {
  Account,
  AccountsServiceClient,
  AccountsServiceService,
  CreateAccountRequest,
  ListAccountsRequest,
  UpdateAccountRequest,
} from '@crm/proto/crm/accounts/v1/accounts';
import { DomainError } from '@crm/errors';
import { createLogger } from '@crm/logging';
import {
  callUnary,
  checkHealth,
  createGrpcClient,
  implementService,
  startGrpcServer,
} from './index.js';
import type { GrpcServerHandle } from './index.js';

const logged: string[] = [];
const logger = createLogger({
  service: 'grpc-test',
  destination: new Writable({
    write(chunk: Buffer, _encoding, done) {
      logged.push(chunk.toString());
      done();
    },
  }),
});

const KEY = 'a-test-key-that-is-long-enough-32chars';

describe('gRPC server and client', () => {
  let server: GrpcServerHandle;
  let client: AccountsServiceClient;
  const observed: string[] = [];

  beforeAll(async () => {
    const implementation = implementService(
      AccountsServiceService,
      {
        async createAccount(request) {
          if (!request.name)
            throw DomainError.validation([{ path: '/name', message: 'is required' }]);
          return { account: Account.fromPartial({ id: 'a1', name: request.name, version: '1' }) };
        },
        async getAccount(request, call) {
          if (call.caller.kind !== 'user')
            throw new DomainError('unauthenticated', 'sign in first');
          if (request.id === 'slow') {
            await new Promise((resolve) => call.signal.addEventListener('abort', resolve));
          }
          return {
            account: Account.fromPartial({
              id: request.id,
              name: call.caller.userId,
              version: '1',
            }),
          };
        },
        async listAccounts() {
          throw new Error('relation "secret_table" does not exist');
        },
        async updateAccount(request) {
          // The current record travels back in the trailers, up to their budget.
          throw DomainError.staleVersion('Account', 4, {
            id: request.id,
            notes: 'n'.repeat(Number(request.notes)),
          });
        },
        async deleteAccount() {
          return {};
        },
        async findDuplicateAccounts(request) {
          throw DomainError.duplicates('Domain taken.', [{ domain: request.domain }]);
        },
        async mergeAccounts(request) {
          return { account: Account.fromPartial({ id: request.survivorId, version: '2' }) };
        },
      },
      { logger, callerKey: KEY, observe: (call) => observed.push(`${call.method}:${call.code}`) },
    );
    server = await startGrpcServer({
      port: 0,
      host: '127.0.0.1',
      logger,
      services: [
        {
          name: 'crm.accounts.v1.AccountsService',
          definition: AccountsServiceService,
          implementation,
        },
      ],
    });
    client = createGrpcClient(AccountsServiceClient, server.address, { callerKey: KEY });
  });

  afterAll(async () => {
    client?.close();
    await server?.shutdown();
  });

  it('forwards the original caller in metadata', async () => {
    const response = await callUnary(
      client,
      client.getAccount,
      { id: 'x' },
      {
        caller: { kind: 'user', userId: 'u-42', role: 'staff' },
      },
    );
    expect(response.account?.name).toBe('u-42');
  });

  it('treats a caller signed with another key as anonymous', async () => {
    const impostor = createGrpcClient(AccountsServiceClient, server.address, {
      callerKey: 'someone-else-key-that-is-long-enough',
    });
    try {
      const error = (await callUnary(
        impostor,
        impostor.getAccount,
        { id: 'x' },
        {
          caller: { kind: 'user', userId: 'u-42', role: 'admin' },
        },
      ).catch((e: unknown) => e)) as DomainError;
      expect(error.code).toBe('unauthenticated');
    } finally {
      impostor.close();
    }
  });

  it('returns domain errors with their field errors', async () => {
    const error = await callUnary(
      client,
      client.createAccount,
      CreateAccountRequest.fromPartial({ name: '' }),
      { caller: { kind: 'anonymous' } },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('validation_failed');
    expect((error as DomainError).fieldErrors).toEqual([{ path: '/name', message: 'is required' }]);
    const anonymous = await callUnary(
      client,
      client.getAccount,
      { id: 'x' },
      { caller: { kind: 'anonymous' } },
    ).catch((e: unknown) => e);
    expect((anonymous as DomainError).code).toBe('unauthenticated');
  });

  it('returns error extensions, within the trailer budget', async () => {
    const stale = async (notesLength: number) =>
      (await callUnary(
        client,
        client.updateAccount,
        UpdateAccountRequest.fromPartial({ id: 'a1', notes: String(notesLength) }),
        { caller: { kind: 'anonymous' } },
      ).catch((e: unknown) => e)) as DomainError;
    const small = await stale(30_000);
    expect(small.code).toBe('conflict');
    expect(small.extensions).toEqual({
      currentVersion: 4,
      current: { id: 'a1', notes: 'n'.repeat(30_000) },
    });
    const large = await stale(100_000);
    expect(large.code).toBe('conflict');
    expect(large.extensions).toEqual({ currentVersion: 4 });

    const duplicate = (await callUnary(
      client,
      client.findDuplicateAccounts,
      { domain: 'acme.com', name: '', excludeId: '' },
      { caller: { kind: 'anonymous' } },
    ).catch((e: unknown) => e)) as DomainError;
    expect(duplicate).toMatchObject({
      code: 'already_exists',
      problemType: 'duplicate',
      extensions: { duplicates: [{ domain: 'acme.com' }] },
    });
  });

  it('hides unexpected errors from the caller and logs them', async () => {
    const error = (await callUnary(
      client,
      client.listAccounts,
      ListAccountsRequest.fromPartial({}),
      { caller: { kind: 'anonymous' } },
    ).catch((e: unknown) => e)) as DomainError;
    expect(error.code).toBe('internal');
    expect(error.message).not.toContain('secret_table');
    expect(logged.some((line) => line.includes('secret_table'))).toBe(true);
    expect(observed).toContain('/crm.accounts.v1.AccountsService/ListAccounts:internal');
  });

  it('enforces deadlines', async () => {
    const error = (await callUnary(
      client,
      client.getAccount,
      { id: 'slow' },
      {
        caller: { kind: 'user', userId: 'u', role: 'admin' },
        deadlineMs: 100,
      },
    ).catch((e: unknown) => e)) as DomainError;
    expect(error.code).toBe('deadline_exceeded');
  });

  it('speaks the gRPC health-checking protocol', async () => {
    expect(await checkHealth(server.address)).toBe('SERVING');
    expect(await checkHealth(server.address, 'crm.accounts.v1.AccountsService')).toBe('SERVING');
    server.setServing(false);
    expect(await checkHealth(server.address, 'crm.accounts.v1.AccountsService')).toBe(
      'NOT_SERVING',
    );
    server.setServing(true);
  });
});
