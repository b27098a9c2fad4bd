import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectNatsBus, type Bus, type InboundMessage } from '@crm/bus';
import type { DomainError } from '@crm/errors';
import { callUnary, checkHealth, createGrpcClient } from '@crm/grpc';
import { AccountsServiceClient } from '@crm/proto/crm/accounts/v1/accounts';
import {
  createTestDatabase,
  quietLogger,
  testNatsUrl,
  uniqueName,
  waitFor,
  type TestDatabase,
} from '@crm/testing';
import { ACCOUNTS_STREAM, accountSubjects, decodeAccountCreated } from './events/account-events.js';
import type { AccountsServiceHandle } from './service.js';
import { startAccountsForTest } from './testing.js';

const anonymous = { caller: { kind: 'anonymous' as const } };

describe('accounts service over gRPC, PostgreSQL and NATS', () => {
  let database: TestDatabase;
  let bus: Bus;
  let service: AccountsServiceHandle;
  let client: AccountsServiceClient;
  const logger = quietLogger('accounts');

  beforeAll(async () => {
    database = await createTestDatabase('accounts');
    bus = await connectNatsBus({ url: testNatsUrl(), name: 'accounts-test', logger });
    service = await startAccountsForTest({ databaseUrl: database.url, bus, logger });
    client = createGrpcClient(AccountsServiceClient, service.grpcAddress);
  });

  afterAll(async () => {
    client?.close();
    await service?.stop();
    await bus?.close();
    await database?.drop();
  });

  it('reports SERVING on the gRPC health protocol', async () => {
    expect(await checkHealth(service.grpcAddress, 'crm.accounts.v1.AccountsService')).toBe(
      'SERVING',
    );
  });

  it('creates, reads and publishes an account created event', async () => {
    const durable = uniqueName('accounts_created');
    const received: InboundMessage[] = [];
    const consumer = bus.consume(
      { stream: ACCOUNTS_STREAM.name, durable, filterSubjects: [accountSubjects.created] },
      async (batch) => {
        for (const message of batch) {
          received.push(message);
          await message.ack();
        }
      },
    );
    try {
      const name = uniqueName('Acme');
      const { account } = await callUnary(
        client,
        client.createAccount,
        { name: ` ${name} `, domain: 'WWW.Acme.COM' },
        anonymous,
      );
      expect(account).toMatchObject({ name, domain: 'acme.com', version: '1' });

      const { account: fetched } = await callUnary(
        client,
        client.getAccount,
        { id: account!.id },
        anonymous,
      );
      expect(fetched).toEqual(account);

      const message = await waitFor(() =>
        received.find((m) => decodeAccountCreated(m.data).account?.id === account!.id),
      );
      expect(decodeAccountCreated(message.data).account).toEqual(account);
      expect(message.headers['Content-Type']).toBe('application/json');
      expect(message.msgId).toBeTruthy();
    } finally {
      await consumer.stop();
    }
  });

  const listAll = async (query: string, sort: string, limit = 2) => {
    const seen: string[] = [];
    let cursor = '';
    do {
      const { accounts, page } = await callUnary(
        client,
        client.listAccounts,
        { page: { limit, cursor }, query, sort },
        anonymous,
      );
      seen.push(...accounts.map((a) => a.name));
      cursor = page?.nextCursor ?? '';
    } while (cursor);
    return seen;
  };

  it('pages newest first by default, and by name either way, with a literal search', async () => {
    const tag = uniqueName('page');
    const names = ['d', 'a', 'e', 'c', 'b'].map((suffix) => `${tag} ${suffix}`);
    for (const name of names) await callUnary(client, client.createAccount, { name }, anonymous);
    await callUnary(client, client.createAccount, { name: `${tag} 100% pure` }, anonymous);

    expect(await listAll(tag, '')).toEqual([`${tag} 100% pure`, ...[...names].reverse()]);
    const byName = [...names, `${tag} 100% pure`].sort();
    expect(await listAll(tag, 'name')).toEqual(byName);
    expect(await listAll(tag, '-name')).toEqual([...byName].reverse());
    expect(await listAll(tag, 'createdAt', 4)).toEqual([...names, `${tag} 100% pure`]);
    expect(await listAll(`${tag} 100%`, '', 10)).toEqual([`${tag} 100% pure`]);
  });

  it('answers validation and not-found errors in domain terms', async () => {
    const invalid = (await callUnary(
      client,
      client.createAccount,
      { name: '  ', domain: 'not a host' },
      anonymous,
    ).catch((e: unknown) => e)) as DomainError;
    expect(invalid.code).toBe('validation_failed');
    expect(invalid.fieldErrors.map((e) => e.path)).toEqual(['/name', '/domain']);

    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const missing = (await callUnary(client, client.getAccount, { id }, anonymous).catch(
        (e: unknown) => e,
      )) as DomainError;
      expect(missing.code).toBe('not_found');
    }

    const badCursor = (await callUnary(
      client,
      client.listAccounts,
      { page: { limit: 10, cursor: 'garbage' }, query: '', sort: '' },
      anonymous,
    ).catch((e: unknown) => e)) as DomainError;
    expect(badCursor.fieldErrors).toEqual([
      { path: '/cursor', message: 'is not a cursor this API returned' },
    ]);

    const badSort = (await callUnary(
      client,
      client.listAccounts,
      { page: { limit: 10, cursor: '' }, query: '', sort: 'domain' },
      anonymous,
    ).catch((e: unknown) => e)) as DomainError;
    expect(badSort.fieldErrors.map((e) => e.path)).toEqual(['/sort']);

    const nul = (await callUnary(
      client,
      client.createAccount,
      { name: 'Ac\u0000me' },
      anonymous,
    ).catch((e: unknown) => e)) as DomainError;
    expect(nul.code).toBe('validation_failed');
  });
});
