import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrm, migrateUp } from '@crm/db';
import { checkHealth, type Caller, type UnaryMethod } from '@crm/grpc';
import {
  Account,
  AccountStatus,
  CompanySize,
  CreateAccountRequest,
  ListAccountsRequest,
  UpdateAccountRequest,
} from '@crm/proto/crm/accounts/v1/accounts';
import { CreateContactRequest } from '@crm/proto/crm/accounts/v1/contacts';
import { quietLogger, uniqueName } from '@crm/testing';
import {
  call,
  everyItem,
  failure,
  recordEvents,
  startAccountsStack,
  users,
  type AccountsStack,
  type EventLog,
} from './accounts-stack.test-support.js';
import { AccountRepository } from './db/account-repository.js';
import { accountsEntities } from './db/entities.js';
import { accountsMigrations } from './db/migrations/index.js';
import { parseNewAccount } from './domain/account.js';
import { encodeCursor } from './domain/cursor.js';
import {
  accountSubjects,
  decodeAccountCreated,
  decodeAccountDeleted,
  decodeAccountUpdated,
} from './events/account-events.js';
import {
  ACCOUNTS_GRPC_SERVICE,
  ATTACHMENTS_GRPC_SERVICE,
  CONTACTS_GRPC_SERVICE,
  TIMELINE_GRPC_SERVICE,
} from './service.js';

describe('accounts service over gRPC, PostgreSQL and NATS', () => {
  let stack: AccountsStack;
  let events: EventLog;
  const client = () => stack.clients.accounts;

  const create = async (fields: Partial<CreateAccountRequest>, caller: Caller = users.staff) =>
    (await call(client(), client().createAccount, CreateAccountRequest.fromPartial(fields), caller))
      .account!;

  const listAll = (request: Partial<ListAccountsRequest>, limit = 2) =>
    everyItem(limit, async (page) => {
      const listRequest = ListAccountsRequest.fromPartial({ ...request, page });
      const { accounts, page: next } = await call(client(), client().listAccounts, listRequest);
      return { items: accounts, next };
    });
  const namesOf = async (query: string, sort: string, limit = 2) =>
    (await listAll({ query, sort }, limit)).map((account) => account.name);

  beforeAll(async () => {
    stack = await startAccountsStack('accounts');
    events = recordEvents(stack.bus, Object.values(accountSubjects));
  });

  afterAll(async () => {
    await events?.stop();
    await stack?.stop();
  });

  it('reports each of its gRPC services SERVING on the health protocol', async () => {
    for (const name of [
      ACCOUNTS_GRPC_SERVICE,
      CONTACTS_GRPC_SERVICE,
      TIMELINE_GRPC_SERVICE,
      ATTACHMENTS_GRPC_SERVICE,
    ]) {
      expect(await checkHealth(stack.service.grpcAddress, name), name).toBe('SERVING');
    }
  });

  it('creates with every field, reads and publishes an account created event', async () => {
    const name = uniqueName('Acme');
    const account = await create({
      name: ` ${name} `,
      domain: 'WWW.Acme.COM',
      industry: 'Manufacturing',
      size: CompanySize.COMPANY_SIZE_51_200,
      address: {
        street: '1 Main St',
        city: 'Springfield',
        region: '',
        postalCode: '',
        country: 'us',
      },
      phone: '+1 555 0100',
      website: 'acme.com',
      status: AccountStatus.ACCOUNT_STATUS_CUSTOMER,
      tags: ['VIP', 'b2b'],
      notes: 'Met at the fair.',
    });
    expect(account).toMatchObject({
      name,
      domain: 'acme.com',
      version: '1',
      industry: 'Manufacturing',
      size: CompanySize.COMPANY_SIZE_51_200,
      address: { street: '1 Main St', city: 'Springfield', country: 'US' },
      website: 'https://acme.com',
      status: AccountStatus.ACCOUNT_STATUS_CUSTOMER,
      tags: ['b2b', 'vip'],
      notes: 'Met at the fair.',
      contactCount: 0,
      // The person creating an account owns it unless another owner is named.
      ownerId: users.staff.userId,
    });

    const { account: fetched } = await call(client(), client().getAccount, { id: account.id });
    expect(fetched).toEqual(account);

    const event = await events.next(
      accountSubjects.created,
      decodeAccountCreated,
      (e) => e.account?.id === account.id,
    );
    expect(event).toEqual({
      account,
      actor: { userId: users.staff.userId, address: '203.0.113.7' },
    });
    const message = events.messages.find(
      (m) => decodeAccountCreated(m.data).account?.id === account.id,
    );
    expect(message?.headers['Content-Type']).toBe('application/json');
    expect(message?.msgId).toBeTruthy();
  });

  it('pages newest first by default, and by name either way, with a literal search', async () => {
    const tag = uniqueName('page');
    const names = ['d', 'a', 'e', 'c', 'b'].map((suffix) => `${tag} ${suffix}`);
    for (const name of names) await create({ name });
    await create({ name: `${tag} 100% pure` });

    const newestFirst = [`${tag} 100% pure`, ...[...names].reverse()];
    // Without a search the default is newest first; a search defaults to relevance instead.
    expect((await namesOf('', '', 50)).filter((name) => name.startsWith(tag))).toEqual(newestFirst);
    expect(await namesOf(tag, '-createdAt')).toEqual(newestFirst);
    const byName = [...names, `${tag} 100% pure`].sort();
    expect(await namesOf(tag, 'name')).toEqual(byName);
    expect(await namesOf(tag, '-name')).toEqual([...byName].reverse());
    expect(await namesOf(tag, 'createdAt', 4)).toEqual([...names, `${tag} 100% pure`]);
    // `%` is a character, not a wildcard: the literal match leads; near misses may follow it.
    expect((await namesOf(`${tag} 100%`, '', 10))[0]).toBe(`${tag} 100% pure`);
    expect(await namesOf(`${tag} 100%`, 'name', 10)).toContain(`${tag} 100% pure`);
  });

  describe('search', () => {
    let names: Record<'exact' | 'prefix' | 'word' | 'typo', string>;

    beforeAll(async () => {
      await create({ name: 'Globex Corporation', domain: 'globex.com' });
      await create({ name: 'Umbrella', domain: 'acme.com', allowDuplicate: true });
      names = {
        exact: (await create({ name: 'Initech', domain: 'initech.com' })).name,
        prefix: (await create({ name: 'Initech Labs' })).name,
        word: (await create({ name: 'Big Initech' })).name,
        typo: (await create({ name: 'Inittech' })).name,
      };
      await create({ name: 'under_score' });
      await create({ name: 'underXscore' });
    });

    it('tolerates typos in names and finds domains by prefix', async () => {
      expect(await namesOf('Globx', '', 50)).toContain('Globex Corporation');
      expect(await namesOf('Intiech', '', 50)).toContain('Initech');
      expect(await namesOf('acme.co', '', 50)).toContain('Umbrella');
      expect(await namesOf('umbrela', '', 50)).toContain('Umbrella');
      expect(await namesOf('zzqqxx', '', 50)).toEqual([]);
    });

    it('finds a mistyped word of a longer domain', async () => {
      const account = await create({
        name: uniqueName('Bruce'),
        domain: 'wayne-enterprises-gotham.example',
      });
      const found = await listAll({ query: 'enterprizes' }, 50);
      expect(found.map((a) => a.id)).toContain(account.id);
    });

    it('ranks exact, then prefix, then word, then near matches', async () => {
      const ranked = await namesOf('initech', '', 50);
      expect(ranked.slice(0, 4)).toEqual([names.exact, names.prefix, names.word, names.typo]);
      // Relevance is only the default: an explicit sort orders the same matches differently.
      expect(await namesOf('initech', 'name', 50)).toEqual([...ranked].sort());
      expect(await namesOf('initech', 'relevance', 50)).toEqual(ranked);
    });

    it('pages through relevance order, every match once', async () => {
      const whole = await namesOf('initech', '', 200);
      const paged = await namesOf('initech', '', 1);
      expect(paged).toEqual(whole);
      expect(new Set(paged).size).toBe(paged.length);
      expect(whole.length).toBeGreaterThanOrEqual(4);
    });

    it('treats _ literally, ahead of near misses', async () => {
      expect((await namesOf('under_score', '', 50))[0]).toBe('under_score');
      // Quotes, placeholders and backslashes are values, never SQL.
      await create({ name: "O'Brien? \\ & Sons" });
      expect((await namesOf("o'brien? \\", '', 50))[0]).toBe("O'Brien? \\ & Sons");
    });

    it('shares pg_trgm with a second schema in the same database', async () => {
      // Another service (here: a second copy of this one) migrating later finds the extension.
      const orm = await createOrm({
        clientUrl: stack.database.url,
        schema: 'accounts_copy',
        entities: accountsEntities,
        migrations: accountsMigrations,
        logger: quietLogger('accounts'),
      });
      try {
        expect(await migrateUp(orm)).toContain('2026-12-08-contacts');
        const em = orm.em.fork();
        new AccountRepository(em).create(parseNewAccount({ name: 'Initech' }));
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
      const noQuery = await failure(
        client(),
        client().listAccounts,
        ListAccountsRequest.fromPartial({ sort: 'relevance' }),
      );
      expect(noQuery.fieldErrors).toEqual([
        { path: '/sort', message: 'relevance needs a search query' },
      ]);
      const long = await failure(
        client(),
        client().listAccounts,
        ListAccountsRequest.fromPartial({ query: 'x'.repeat(201) }),
      );
      expect(long.fieldErrors.map((e) => e.path)).toEqual(['/query']);
    });
  });

  describe('filters', () => {
    const tag = uniqueName('filter');
    let ids: Record<'a' | 'b' | 'c' | 'd', string>;

    beforeAll(async () => {
      ids = {
        a: (
          await create({
            name: `${tag} a`,
            status: AccountStatus.ACCOUNT_STATUS_CUSTOMER,
            tags: [tag, 'vip'],
            industry: 'Retail',
          })
        ).id,
        b: (await create({ name: `${tag} b`, tags: [tag], industry: 'retail' }, users.manager)).id,
        c: (
          await create({
            name: `${tag} c`,
            tags: [tag, 'vip'],
            status: AccountStatus.ACCOUNT_STATUS_FORMER_CUSTOMER,
          })
        ).id,
        d: (await create({ name: `${tag} d`, tags: [tag], industry: 'Energy' })).id,
      };
    });

    const idsOf = async (request: Partial<ListAccountsRequest>, limit = 1) =>
      (await listAll({ ...request, tags: [tag, ...(request.tags ?? [])] }, limit))
        .map((account) => account.id)
        .sort();
    const expected = (...keys: Array<keyof typeof ids>) => keys.map((key) => ids[key]).sort();

    it('narrows by owner, status, industry (ignoring case) and any of some tags, page by page', async () => {
      expect(await idsOf({})).toEqual(expected('a', 'b', 'c', 'd'));
      expect(await idsOf({ ownerIds: [users.manager.userId] })).toEqual(expected('b'));
      expect(
        await idsOf({
          statuses: [
            AccountStatus.ACCOUNT_STATUS_CUSTOMER,
            AccountStatus.ACCOUNT_STATUS_FORMER_CUSTOMER,
          ],
        }),
      ).toEqual(expected('a', 'c'));
      expect(await idsOf({ industries: ['RETAIL'] })).toEqual(expected('a', 'b'));
      // Every filter must match: the tag filter here also holds the suite's own tag.
      const vip = await listAll({ tags: ['VIP'], query: tag }, 1);
      expect(vip.map((account) => account.id).sort()).toEqual(expected('a', 'c'));
      expect(
        await idsOf({ statuses: [AccountStatus.ACCOUNT_STATUS_PROSPECT], industries: ['energy'] }),
      ).toEqual(expected('d'));
    });

    it('sorts by last change and refuses filters that cannot match', async () => {
      const { account } = await call(
        client(),
        client().updateAccount,
        UpdateAccountRequest.fromPartial({ id: ids.b, expectedVersion: '1', notes: 'touched' }),
      );
      const changedFirst = await listAll({ tags: [tag], sort: '-updatedAt' }, 1);
      expect(changedFirst[0]?.id).toBe(account!.id);
      expect(changedFirst).toHaveLength(4);
      const invalid = await failure(
        client(),
        client().listAccounts,
        ListAccountsRequest.fromPartial({
          ownerIds: ['bob'],
          statuses: [AccountStatus.ACCOUNT_STATUS_UNSPECIFIED],
        }),
      );
      expect(invalid.fieldErrors.map((e) => e.path)).toEqual(['/ownerId', '/status']);
    });
  });

  describe('updates', () => {
    it('changes the fields given, moves the version on and publishes previous values', async () => {
      const account = await create({ name: uniqueName('Before'), tags: ['a'] });
      const { account: updated } = await call(
        client(),
        client().updateAccount,
        UpdateAccountRequest.fromPartial({
          id: account.id,
          expectedVersion: account.version,
          name: 'After',
          tags: { values: ['a', 'B'] },
          size: CompanySize.COMPANY_SIZE_1_10,
          website: 'after.example',
        }),
      );
      expect(updated).toMatchObject({
        name: 'After',
        tags: ['a', 'b'],
        size: CompanySize.COMPANY_SIZE_1_10,
        website: 'https://after.example',
        version: '2',
        notes: '',
      });
      const event = await events.next(
        accountSubjects.updated,
        decodeAccountUpdated,
        (e) => e.account?.id === account.id,
      );
      expect(event.previous).toEqual(account);
      expect(event.account).toEqual(updated);
      expect(event.changedFields).toEqual(['name', 'size', 'website', 'tags']);

      // Clearing: empty optional strings and an all-empty address.
      const { account: cleared } = await call(
        client(),
        client().updateAccount,
        UpdateAccountRequest.fromPartial({
          id: account.id,
          expectedVersion: '2',
          website: '',
          size: CompanySize.COMPANY_SIZE_UNSPECIFIED,
        }),
      );
      expect(cleared).toMatchObject({ version: '3', size: CompanySize.COMPANY_SIZE_UNSPECIFIED });
      expect(cleared?.website).toBeUndefined();
    });

    it('refuses a stale version with the current version and record', async () => {
      const account = await create({ name: uniqueName('Contested') });
      await call(
        client(),
        client().updateAccount,
        UpdateAccountRequest.fromPartial({ id: account.id, expectedVersion: '1', notes: 'first' }),
      );
      const stale = await failure(
        client(),
        client().updateAccount,
        UpdateAccountRequest.fromPartial({ id: account.id, expectedVersion: '1', notes: 'second' }),
        users.otherStaff,
      );
      expect(stale.code).toBe('conflict');
      expect(stale.extensions.currentVersion).toBe(2);
      expect(Account.fromJSON(stale.extensions.current)).toMatchObject({
        id: account.id,
        notes: 'first',
        version: '2',
      });
      const missingVersion = await failure(
        client(),
        client().updateAccount,
        UpdateAccountRequest.fromPartial({ id: account.id, notes: 'x' }),
      );
      expect(missingVersion.fieldErrors).toEqual([{ path: '/version', message: 'is required' }]);
    });

    it('answers an update that changes nothing with the record as it is', async () => {
      const account = await create({ name: uniqueName('Same'), tags: ['x'] });
      const { account: same } = await call(
        client(),
        client().updateAccount,
        UpdateAccountRequest.fromPartial({
          id: account.id,
          expectedVersion: '1',
          name: account.name,
          tags: { values: ['X'] },
        }),
      );
      expect(same).toEqual(account);
    });
  });

  describe('duplicates', () => {
    it('refuses a known domain naming the accounts that have it, unless allowed', async () => {
      const domain = `${uniqueName('dup').replaceAll('_', '-')}.example`;
      const first = await create({ name: 'First', domain });
      const refused = await failure(
        client(),
        client().createAccount,
        CreateAccountRequest.fromPartial({ name: 'Second', domain: `https://www.${domain}/` }),
      );
      expect(refused).toMatchObject({ code: 'already_exists', problemType: 'duplicate' });
      expect(refused.message).toContain(domain);
      expect(
        (refused.extensions.duplicates as unknown[]).map((json) => Account.fromJSON(json)),
      ).toEqual([first]);

      const second = await create({ name: 'Second', domain, allowDuplicate: true });
      expect(second.domain).toBe(domain);

      const { accounts } = await call(client(), client().findDuplicateAccounts, {
        domain: domain.toUpperCase(),
        name: '',
        excludeId: first.id,
      });
      expect(accounts.map((a) => a.id)).toEqual([second.id]);
      const byName = await call(client(), client().findDuplicateAccounts, {
        domain: 'unfinished',
        name: ' FIRST ',
        excludeId: '',
      });
      expect(byName.accounts.map((a) => a.id)).toContain(first.id);

      // Changing to a domain another account has is refused the same way.
      const other = await create({ name: uniqueName('Other') });
      const update = UpdateAccountRequest.fromPartial({
        id: other.id,
        expectedVersion: '1',
        domain,
      });
      expect((await failure(client(), client().updateAccount, update)).problemType).toBe(
        'duplicate',
      );
      const { account: moved } = await call(client(), client().updateAccount, {
        ...update,
        allowDuplicate: true,
      });
      expect(moved?.domain).toBe(domain);
    });
  });

  describe('deletes', () => {
    it('refuses to delete an account that still has contacts', async () => {
      const account = await create({ name: uniqueName('Busy') });
      await call(
        stack.clients.contacts,
        stack.clients.contacts.createContact,
        CreateContactRequest.fromPartial({ accountId: account.id, lastName: 'Doe' }),
      );
      const refused = await failure(client(), client().deleteAccount, {
        id: account.id,
        expectedVersion: '0',
      });
      expect(refused.code).toBe('failed_precondition');
      expect(refused.message).toContain('1 contact');
      const { account: still } = await call(client(), client().getAccount, { id: account.id });
      expect(still?.contactCount).toBe(1);
    });

    it('lets staff delete only accounts they own, at the version they read', async () => {
      const theirs = await create({ name: uniqueName('Theirs') }, users.otherStaff);
      const denied = await failure(client(), client().deleteAccount, {
        id: theirs.id,
        expectedVersion: '0',
      });
      expect(denied.code).toBe('permission_denied');
      await call(
        client(),
        client().deleteAccount,
        { id: theirs.id, expectedVersion: '1' },
        users.manager,
      );

      const mine = await create({ name: uniqueName('Mine') });
      const stale = await failure(client(), client().deleteAccount, {
        id: mine.id,
        expectedVersion: '7',
      });
      expect(stale).toMatchObject({ code: 'conflict', extensions: { currentVersion: 1 } });
      await call(client(), client().deleteAccount, { id: mine.id, expectedVersion: '1' });
      expect((await failure(client(), client().getAccount, { id: mine.id })).code).toBe(
        'not_found',
      );
      const event = await events.next(
        accountSubjects.deleted,
        decodeAccountDeleted,
        (e) => e.account?.id === mine.id,
      );
      expect(event).toEqual({
        account: mine,
        actor: { userId: users.staff.userId, address: '203.0.113.7' },
      });
    });
  });

  describe('owners', () => {
    const reassign = (account: Account, ownerId: string, caller: Caller) =>
      call(
        client(),
        client().updateAccount,
        UpdateAccountRequest.fromPartial({
          id: account.id,
          expectedVersion: account.version,
          ownerId,
        }),
        caller,
      );

    it('stay who they are unless the owner or someone who may delete any account says so', async () => {
      const theirs = await create({ name: uniqueName('Theirs') }, users.otherStaff);
      // Staff may delete only their own: taking a record over would let them delete it.
      const takeover = await reassign(theirs, users.staff.userId, users.staff).catch(
        (error: unknown) => error,
      );
      expect(takeover).toMatchObject({
        code: 'permission_denied',
        fieldErrors: [{ path: '/ownerId', message: 'may be changed only by the owner' }],
      });
      expect(
        (await failure(client(), client().deleteAccount, { id: theirs.id, expectedVersion: '1' }))
          .code,
      ).toBe('permission_denied');

      // Other changes are anyone's to make, and the owner may hand the account on.
      const { account: renamed } = await call(
        client(),
        client().updateAccount,
        UpdateAccountRequest.fromPartial({ id: theirs.id, expectedVersion: '1', notes: 'seen' }),
      );
      const { account: handedOn } = await reassign(renamed!, users.staff.userId, users.otherStaff);
      expect(handedOn?.ownerId).toBe(users.staff.userId);
      const { account: back } = await reassign(handedOn!, users.otherStaff.userId, users.manager);
      expect(back?.ownerId).toBe(users.otherStaff.userId);
    });
  });

  it('authorises the original caller: anonymous is refused, a read-only token cannot create', async () => {
    const anonymous = await failure(
      client(),
      client().listAccounts,
      ListAccountsRequest.fromPartial({}),
      { kind: 'anonymous' },
    );
    expect(anonymous.code).toBe('unauthenticated');

    const readOnly = {
      kind: 'user' as const,
      userId: users.staff.userId,
      role: 'admin' as const,
      scopes: ['read' as const],
    };
    await expect(
      call(client(), client().listAccounts, ListAccountsRequest.fromPartial({}), readOnly),
    ).resolves.toBeDefined();
    const denied = await failure(
      client(),
      client().createAccount,
      CreateAccountRequest.fromPartial({ name: 'Nope' }),
      readOnly,
    );
    expect(denied.code).toBe('permission_denied');
  });

  it('answers validation and not-found errors in domain terms', async () => {
    const invalid = await failure(
      client(),
      client().createAccount,
      CreateAccountRequest.fromPartial({ name: '  ', domain: 'not a host' }),
    );
    expect(invalid.code).toBe('validation_failed');
    expect(invalid.fieldErrors.map((e) => e.path)).toEqual(['/name', '/domain']);

    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const missing = await failure(client(), client().getAccount, { id });
      expect(missing.code).toBe('not_found');
    }

    const badCursor = await failure(
      client(),
      client().listAccounts,
      ListAccountsRequest.fromPartial({ page: { limit: 10, cursor: 'garbage' } }),
    );
    expect(badCursor.fieldErrors).toEqual([
      { path: '/cursor', message: 'is not a cursor this API returned' },
    ]);

    const badSort = await failure(
      client(),
      client().listAccounts,
      ListAccountsRequest.fromPartial({ sort: 'domain' }),
    );
    expect(badSort.fieldErrors.map((e) => e.path)).toEqual(['/sort']);

    const nul = await failure(
      client(),
      client().createAccount,
      CreateAccountRequest.fromPartial({ name: 'Ac\u0000me' }),
    );
    expect(nul.code).toBe('validation_failed');
  });

  describe('input PostgreSQL or the columns would refuse', () => {
    const pathsOf = async <Request, Response>(
      method: UnaryMethod<Request, Response>,
      request: Request,
    ) => (await failure(client(), method, request)).fieldErrors.map((e) => e.path);

    it('refuses control characters in searches and duplicate checks', async () => {
      expect(
        await pathsOf(
          client().listAccounts,
          ListAccountsRequest.fromPartial({ query: 'Ac\u0000me' }),
        ),
      ).toEqual(['/query']);
      expect(
        await pathsOf(client().findDuplicateAccounts, {
          domain: '',
          name: 'Ac\u0000me',
          excludeId: '',
        }),
      ).toEqual(['/name']);
    });

    it('refuses tampered cursors PostgreSQL could not read', async () => {
      const id = '0193a1b2-0000-7000-8000-000000000001';
      for (const [sort, value] of [
        ['name', 'Ac\u0000me'],
        ['createdAt', '2026-02-30T10:00:00.000000Z'],
        ['-updatedAt', '0000-01-01T00:00:00.000000Z'],
      ] as const) {
        const cursor = encodeCursor({ sort, value, id });
        expect(
          await pathsOf(
            client().listAccounts,
            ListAccountsRequest.fromPartial({ sort, page: { limit: 10, cursor } }),
          ),
          value,
        ).toEqual(['/cursor']);
      }
    });

    it('refuses a website longer than its column once percent-encoded', async () => {
      expect(
        await pathsOf(
          client().createAccount,
          CreateAccountRequest.fromPartial({
            name: uniqueName('Long'),
            website: `https://acme.com/${'ü'.repeat(600)}`,
          }),
        ),
      ).toEqual(['/website']);
    });

    it('answers huge input with a refusal that fits the wire', async () => {
      const hugeTag = await failure(
        client(),
        client().createAccount,
        CreateAccountRequest.fromPartial({ name: uniqueName('Tags'), tags: ['x'.repeat(500_000)] }),
      );
      expect(hugeTag.code).toBe('validation_failed');
      expect(hugeTag.fieldErrors[0]?.message.length).toBeLessThan(200);
      const manyIds = await failure(
        client(),
        client().listAccounts,
        ListAccountsRequest.fromPartial({
          ownerIds: Array.from({ length: 20_000 }, (_, i) => `bob-${i}`),
        }),
      );
      expect(manyIds.code).toBe('validation_failed');
      expect(manyIds.fieldErrors.length).toBeGreaterThan(0);
      expect(manyIds.fieldErrors[0]).toEqual({ path: '/ownerId', message: 'must be a user id' });
    });
  });
});
