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
  TEST_INTERNAL_SECRET,
} from '@crm/testing';
import { ACCOUNTS_STREAM, accountSubjects, decodeAccountCreated } from './events/account-events.js';
import type { AccountsServiceHandle } from './service.js';
import { startAccountsForTest } from './testing.js';

const staffUserId = '0193a1b2-0000-7000-8000-0000000000aa';
const asStaff = {
  caller: {
    kind: 'user' as const,
    userId: staffUserId,
    role: 'staff' as const,
    address: '203.0.113.7',
  },
};

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
    client = createGrpcClient(AccountsServiceClient, service.grpcAddress, {
      callerKey: TEST_INTERNAL_SECRET,
    });
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
        asStaff,
      );
      expect(account).toMatchObject({ name, domain: 'acme.com', version: '1' });

      const { account: fetched } = await callUnary(
        client,
        client.getAccount,
        { id: account!.id },
        asStaff,
      );
      expect(fetched).toEqual(account);

      const message = await waitFor(() =>
        received.find((m) => decodeAccountCreated(m.data).account?.id === account!.id),
      );
      expect(decodeAccountCreated(message.data)).toEqual({
        account,
        actor: { userId: staffUserId, address: '203.0.113.7' },
      });
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
        asStaff,
      );
      seen.push(...accounts.map((a) => a.name));
      cursor = page?.nextCursor ?? '';
    } while (cursor);
    return seen;
  };

  it('pages newest first by default, and by name either way, with a literal search', async () => {
    const tag = uniqueName('page');
    const names = ['d', 'a', 'e', 'c', 'b'].map((suffix) => `${tag} ${suffix}`);
    for (const name of names) await callUnary(client, client.createAccount, { name }, asStaff);
    await callUnary(client, client.createAccount, { name: `${tag} 100% pure` }, asStaff);

    expect(await listAll(tag, '')).toEqual([`${tag} 100% pure`, ...[...names].reverse()]);
    const byName = [...names, `${tag} 100% pure`].sort();
    expect(await listAll(tag, 'name')).toEqual(byName);
    expect(await listAll(tag, '-name')).toEqual([...byName].reverse());
    expect(await listAll(tag, 'createdAt', 4)).toEqual([...names, `${tag} 100% pure`]);
    expect(await listAll(`${tag} 100%`, '', 10)).toEqual([`${tag} 100% pure`]);
  });

  it('authorises the original caller: anonymous is refused, a read-only token cannot create', async () => {
    const anonymous = (await callUnary(
      client,
      client.listAccounts,
      { query: '', sort: '', page: undefined },
      {
        caller: { kind: 'anonymous' },
      },
    ).catch((e: unknown) => e)) as DomainError;
    expect(anonymous.code).toBe('unauthenticated');

    const readOnly = {
      kind: 'user' as const,
      userId: staffUserId,
      role: 'admin' as const,
      scopes: ['read' as const],
    };
    await expect(
      callUnary(
        client,
        client.listAccounts,
        { query: '', sort: '', page: undefined },
        { caller: readOnly },
      ),
    ).resolves.toBeDefined();
    const denied = (await callUnary(
      client,
      client.createAccount,
      { name: 'Nope' },
      { caller: readOnly },
    ).catch((e: unknown) => e)) as DomainError;
    expect(denied.code).toBe('permission_denied');
  });

  it('answers validation and not-found errors in domain terms', async () => {
    const invalid = (await callUnary(
      client,
      client.createAccount,
      { name: '  ', domain: 'not a host' },
      asStaff,
    ).catch((e: unknown) => e)) as DomainError;
    expect(invalid.code).toBe('validation_failed');
    expect(invalid.fieldErrors.map((e) => e.path)).toEqual(['/name', '/domain']);

    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const missing = (await callUnary(client, client.getAccount, { id }, asStaff).catch(
        (e: unknown) => e,
      )) as DomainError;
      expect(missing.code).toBe('not_found');
    }

    const badCursor = (await callUnary(
      client,
      client.listAccounts,
      { page: { limit: 10, cursor: 'garbage' }, query: '', sort: '' },
      asStaff,
    ).catch((e: unknown) => e)) as DomainError;
    expect(badCursor.fieldErrors).toEqual([
      { path: '/cursor', message: 'is not a cursor this API returned' },
    ]);

    const badSort = (await callUnary(
      client,
      client.listAccounts,
      { page: { limit: 10, cursor: '' }, query: '', sort: 'domain' },
      asStaff,
    ).catch((e: unknown) => e)) as DomainError;
    expect(badSort.fieldErrors.map((e) => e.path)).toEqual(['/sort']);

    const nul = (await callUnary(
      client,
      client.createAccount,
      { name: 'Ac\u0000me' },
      asStaff,
    ).catch((e: unknown) => e)) as DomainError;
    expect(nul.code).toBe('validation_failed');
  });
});
