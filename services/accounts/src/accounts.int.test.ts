import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectNatsBus, type Bus, type InboundMessage } from '@crm/bus';
import type { DomainError } from '@crm/errors';
import { createOrm, migrateUp, OutboxMessage } from '@crm/db';
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
import { AccountRepository } from './db/account-repository.js';
import { AccountEntity } from './db/account.entity.js';
import { accountsMigrations } from './db/migrations/index.js';
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

    const newestFirst = [`${tag} 100% pure`, ...[...names].reverse()];
    // Without a search the default is newest first; a search defaults to relevance instead.
    expect((await listAll('', '', 50)).filter((name) => name.startsWith(tag))).toEqual(newestFirst);
    expect(await listAll(tag, '-createdAt')).toEqual(newestFirst);
    const byName = [...names, `${tag} 100% pure`].sort();
    expect(await listAll(tag, 'name')).toEqual(byName);
    expect(await listAll(tag, '-name')).toEqual([...byName].reverse());
    expect(await listAll(tag, 'createdAt', 4)).toEqual([...names, `${tag} 100% pure`]);
    // `%` is a character, not a wildcard: the literal match leads; near misses may follow it.
    expect((await listAll(`${tag} 100%`, '', 10))[0]).toBe(`${tag} 100% pure`);
    expect(await listAll(`${tag} 100%`, 'name', 10)).toContain(`${tag} 100% pure`);
  });

  describe('search', () => {
    const created = async (name: string, domain = '') => {
      const { account } = await callUnary(client, client.createAccount, { name, domain }, asStaff);
      return account!;
    };
    let names: Record<'exact' | 'prefix' | 'word' | 'typo', string>;

    beforeAll(async () => {
      await created('Globex Corporation', 'globex.com');
      await created('Umbrella', 'acme.com');
      names = {
        exact: (await created('Initech', 'initech.com')).name,
        prefix: (await created('Initech Labs')).name,
        word: (await created('Big Initech')).name,
        typo: (await created('Inittech')).name,
      };
      await created('under_score');
      await created('underXscore');
    });

    it('tolerates typos in names and finds domains by prefix', async () => {
      expect(await listAll('Globx', '', 50)).toContain('Globex Corporation');
      expect(await listAll('Intiech', '', 50)).toContain('Initech');
      expect(await listAll('acme.co', '', 50)).toContain('Umbrella');
      expect(await listAll('umbrela', '', 50)).toContain('Umbrella');
      expect(await listAll('zzqqxx', '', 50)).toEqual([]);
    });

    it('ranks exact, then prefix, then word, then near matches', async () => {
      const ranked = await listAll('initech', '', 50);
      expect(ranked.slice(0, 4)).toEqual([names.exact, names.prefix, names.word, names.typo]);
      // Relevance is only the default: an explicit sort orders the same matches differently.
      expect(await listAll('initech', 'name', 50)).toEqual([...ranked].sort());
      expect(await listAll('initech', 'relevance', 50)).toEqual(ranked);
    });

    it('pages through relevance order, every match once', async () => {
      const whole = await listAll('initech', '', 200);
      const paged = await listAll('initech', '', 1);
      expect(paged).toEqual(whole);
      expect(new Set(paged).size).toBe(paged.length);
      expect(whole.length).toBeGreaterThanOrEqual(4);
    });

    it('treats _ literally, ahead of near misses', async () => {
      expect((await listAll('under_score', '', 50))[0]).toBe('under_score');
      // Quotes, placeholders and backslashes are values, never SQL.
      await created("O'Brien? \\ & Sons");
      expect((await listAll("o'brien? \\", '', 50))[0]).toBe("O'Brien? \\ & Sons");
    });

    it('shares pg_trgm with a second schema in the same database', async () => {
      // Another service (here: a second copy of this one) migrating later finds the extension.
      const orm = await createOrm({
        clientUrl: database.url,
        schema: 'accounts_copy',
        entities: [AccountEntity, OutboxMessage],
        migrations: accountsMigrations,
        logger,
      });
      try {
        expect(await migrateUp(orm)).toContain('2026-12-01-account-search');
        const em = orm.em.fork();
        new AccountRepository(em).create({ name: 'Initech', domain: null, ownerId: null });
        await em.flush();
        const page = await new AccountRepository(orm.em.fork()).list({
          limit: 10,
          sort: 'relevance',
          query: 'Intiech',
        });
        expect(page.accounts.map((a) => a.name)).toEqual(['Initech']);
      } finally {
        await orm.close();
      }
    });

    it('refuses relevance without a query, and overlong queries', async () => {
      const noQuery = (await callUnary(
        client,
        client.listAccounts,
        { page: { limit: 10, cursor: '' }, query: '', sort: 'relevance' },
        asStaff,
      ).catch((e: unknown) => e)) as DomainError;
      expect(noQuery.fieldErrors).toEqual([
        { path: '/sort', message: 'relevance needs a search query' },
      ]);
      const long = (await callUnary(
        client,
        client.listAccounts,
        { page: { limit: 10, cursor: '' }, query: 'x'.repeat(201), sort: '' },
        asStaff,
      ).catch((e: unknown) => e)) as DomainError;
      expect(long.fieldErrors.map((e) => e.path)).toEqual(['/query']);
    });
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
