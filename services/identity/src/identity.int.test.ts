import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiScope } from '@crm/authz';
import { connectNatsBus, type Bus, type InboundMessage } from '@crm/bus';
import type { DomainError } from '@crm/errors';
import { createOrm, type Orm } from '@crm/db';
import { callUnary, checkHealth, createGrpcClient, type Caller } from '@crm/grpc';
import { Account, AccountStatus } from '@crm/proto/crm/accounts/v1/accounts';
import { AccountCreated, AccountUpdated } from '@crm/proto/crm/accounts/v1/events';
import {
  IdentityServiceClient,
  ListUserDirectoryRequest,
  Role,
  type AuditEvent,
  type User,
} from '@crm/proto/crm/identity/v1/identity';
import {
  createTestDatabase,
  quietLogger,
  testNatsUrl,
  uniqueName,
  waitFor,
  type TestDatabase,
  TEST_INTERNAL_SECRET,
} from '@crm/testing';
import { identityEntities } from './db/entities.js';
import { FAILURE_WINDOW_MS } from './domain/login-throttle.js';
import { PasswordHasher } from './domain/password-hasher.js';
import { emailDigest, loginFailureKey } from './domain/secrets.js';
import { ACCOUNTS_EVENTS } from './events/accounts-audit-consumer.js';
import { decodeUserUpserted, IDENTITY_STREAM, identitySubjects } from './events/identity-events.js';
import { LOGIN_FAILED_MESSAGE } from './grpc/auth-handlers.js';
import type { IdentityServiceHandle } from './service.js';
import { startIdentityForTest } from './testing.js';

const ADMIN_EMAIL = 'admin@example.com';
const ADMIN_PASSWORD = 'first admin secret';
const PASSWORD = 'a long enough password';
const IDLE_SECONDS = 600;
const ABSOLUTE_SECONDS = 3600;
const ADDRESS = '203.0.113.7';

/** How failed sign-ins with an unknown email are named in the audit log. */
const fingerprint = (email: string) =>
  createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 16);
/** How login_failures names an email: keyed with CRM_INTERNAL_SECRET when no key is configured. */
const failureDigest = (email: string) => emailDigest(loginFailureKey(TEST_INTERNAL_SECRET), email);

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error as DomainError,
  );

describe('identity service over gRPC, PostgreSQL and NATS', () => {
  let database: TestDatabase;
  let bus: Bus;
  let service: IdentityServiceHandle;
  let client: IdentityServiceClient;
  /** Direct SQL, to check what the service stored. */
  let db: Orm;
  const query = <Row>(sql: string, params: unknown[] = []) =>
    db.em.getConnection().execute<Row[]>(sql, params);
  const logger = quietLogger('identity');
  const passwords = new PasswordHasher();
  // A clock that moves only when a test moves it: expiry and rate limits without sleeping.
  let clockMs = Date.parse('2026-12-01T09:00:00.000Z');
  const advance = (ms: number) => {
    clockMs += ms;
  };
  let admin: User;

  const callerFor = (user: User, scopes?: ApiScope[]): { caller: Caller } => ({
    caller: {
      kind: 'user',
      userId: user.id,
      role:
        user.role === Role.ROLE_ADMIN
          ? 'admin'
          : user.role === Role.ROLE_MANAGER
            ? 'manager'
            : 'staff',
      address: ADDRESS,
      ...(scopes ? { scopes } : {}),
    },
  });
  const asAdmin = () => callerFor(admin);
  const service$ = { caller: { kind: 'service', service: 'gateway' } as Caller };

  const login = (
    email: string,
    password = PASSWORD,
    address = ADDRESS,
    previousSessionToken = '',
  ) =>
    callUnary(
      client,
      client.login,
      { email, password, address, userAgent: 'vitest', previousSessionToken },
      service$,
    );
  const authenticateSession = (sessionToken: string) =>
    callUnary(client, client.authenticate, { sessionToken }, service$);
  const authenticateToken = (apiToken: string) =>
    callUnary(client, client.authenticate, { apiToken }, service$);
  const createUser = async (
    role: Role,
    options: { managerId?: string; email?: string } = {},
  ): Promise<User> => {
    const { user } = await callUnary(
      client,
      client.createUser,
      {
        email: options.email ?? `${uniqueName('user')}@example.com`,
        name: uniqueName('Person'),
        role,
        managerId: options.managerId,
        password: PASSWORD,
      },
      asAdmin(),
    );
    return user!;
  };
  const update = (id: string, changes: Partial<Parameters<typeof client.updateUser>[0]>) =>
    callUnary(
      client,
      client.updateUser,
      { id, role: Role.ROLE_UNSPECIFIED, clearManager: false, ...changes },
      asAdmin(),
    );
  const auditOf = async (filter: { action?: string; actorId?: string }) => {
    const { events } = await callUnary(
      client,
      client.listAuditEvents,
      {
        page: { limit: 200, cursor: '' },
        action: filter.action ?? '',
        actorId: filter.actorId ?? '',
      },
      asAdmin(),
    );
    return events;
  };

  beforeAll(async () => {
    database = await createTestDatabase('identity');
    bus = await connectNatsBus({ url: testNatsUrl(), name: 'identity-test', logger });
    service = await startIdentityForTest({
      databaseUrl: database.url,
      bus,
      logger,
      now: () => new Date(clockMs),
      passwords,
      sessionIdleTimeoutSeconds: IDLE_SECONDS,
      sessionAbsoluteTimeoutSeconds: ABSOLUTE_SECONDS,
    });
    client = createGrpcClient(IdentityServiceClient, service.grpcAddress, {
      callerKey: TEST_INTERNAL_SECRET,
    });
    db = await createOrm({
      clientUrl: database.url,
      schema: 'identity',
      entities: identityEntities,
      migrations: [],
      logger,
    });
    let asked = 0;
    const result = await service.ensureInitialAdmin({
      email: ` ${ADMIN_EMAIL.toUpperCase()} `,
      password: () => {
        asked += 1;
        return Promise.resolve(ADMIN_PASSWORD);
      },
    });
    expect(result).toEqual({ created: true, email: ADMIN_EMAIL });
    expect(asked).toBe(1);
    admin = (await login(ADMIN_EMAIL, ADMIN_PASSWORD)).user!;
  });

  afterAll(async () => {
    client?.close();
    await db?.close();
    await service?.stop();
    await bus?.close();
    await database?.drop();
  });

  it('reports SERVING and creates the initial admin only once', async () => {
    expect(await checkHealth(service.grpcAddress, 'crm.identity.v1.IdentityService')).toBe(
      'SERVING',
    );
    const again = await service.ensureInitialAdmin({
      email: 'someone-else@example.com',
      password: () => Promise.reject(new Error('must not be asked')),
    });
    expect(again).toEqual({ created: false, email: ADMIN_EMAIL });
    expect(admin).toMatchObject({ email: ADMIN_EMAIL, role: Role.ROLE_ADMIN, active: true });
  });

  it('signs in, authenticates the session and signs out', async () => {
    const staff = await createUser(Role.ROLE_STAFF);
    const signedIn = await login(staff.email.toUpperCase());
    expect(signedIn.user).toEqual(staff);
    expect(signedIn.sessionToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(signedIn.expiresAt).toBe(new Date(clockMs + ABSOLUTE_SECONDS * 1000).toISOString());

    const { principal } = await authenticateSession(signedIn.sessionToken);
    expect(principal).toEqual({
      userId: staff.id,
      role: Role.ROLE_STAFF,
      scopes: [],
      csrfToken: signedIn.csrfToken,
      credential: 'session',
    });
    // A second sign-in is a new session with its own token and CSRF token.
    const second = await login(staff.email);
    expect(second.sessionToken).not.toBe(signedIn.sessionToken);
    expect(second.csrfToken).not.toBe(signedIn.csrfToken);

    await callUnary(client, client.logout, { sessionToken: signedIn.sessionToken }, service$);
    expect((await failure(authenticateSession(signedIn.sessionToken))).code).toBe(
      'unauthenticated',
    );
    expect((await authenticateSession(second.sessionToken)).principal?.userId).toBe(staff.id);
    const actions = (await auditOf({ actorId: staff.id })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.login', 'auth.logout']));
  });

  it('answers unknown email, wrong password and inactive user alike, checking a hash each time', async () => {
    const staff = await createUser(Role.ROLE_STAFF);
    const inactive = await createUser(Role.ROLE_STAFF);
    await update(inactive.id, { active: false });

    const dummyBefore = passwords.dummyVerifications;
    const unknownEmail = `${uniqueName('nobody')}@example.com`;
    const unknown = await failure(login(unknownEmail.toUpperCase()));
    expect(passwords.dummyVerifications).toBe(dummyBefore + 1);
    const wrong = await failure(login(staff.email, 'not the password at all'));
    const deactivated = await failure(login(inactive.email));
    // Known accounts verify against their own hash, never the dummy.
    expect(passwords.dummyVerifications).toBe(dummyBefore + 1);
    for (const error of [unknown, wrong, deactivated]) {
      expect(error.code).toBe('unauthenticated');
      expect(error.message).toBe(LOGIN_FAILED_MESSAGE);
    }
    // Known accounts are named by id, unknown emails by a fingerprint: an email field may hold a
    // mistyped password, so its text is never stored.
    const failed = await auditOf({ action: 'auth.login_failed' });
    const rowFor = (resourceId: string) => failed.find((e) => e.resourceId === resourceId);
    expect(rowFor(staff.id)).toMatchObject({ resourceType: 'user', address: ADDRESS });
    expect(rowFor(inactive.id)).toMatchObject({ resourceType: 'user' });
    expect(rowFor(fingerprint(unknownEmail))).toMatchObject({
      resourceType: 'login',
      address: ADDRESS,
    });
    expect(fingerprint(unknownEmail)).toMatch(/^[0-9a-f]{16}$/);
    const typedPassword = 'my secret passphrase';
    await failure(login(typedPassword));
    const everything = JSON.stringify(await auditOf({}));
    for (const text of [unknownEmail, typedPassword]) expect(everything).not.toContain(text);
    expect(JSON.stringify(failed)).not.toContain(staff.email);
  });

  it('refuses an email longer than any account can have without hashing or writing', async () => {
    const long = `${'a'.repeat(250)}@example.com`;
    const dummyBefore = passwords.dummyVerifications;
    const rowsBefore = await query<{ count: string }>(
      `select (select count(*) from "identity"."login_failures") +
              (select count(*) from "identity"."audit_events") as count`,
    );
    const error = await failure(login(long));
    expect(error).toMatchObject({ code: 'unauthenticated', message: LOGIN_FAILED_MESSAGE });
    expect(passwords.dummyVerifications).toBe(dummyBefore);
    expect(
      await query<{ count: string }>(
        `select (select count(*) from "identity"."login_failures") +
                (select count(*) from "identity"."audit_events") as count`,
      ),
    ).toEqual(rowsBefore);
    const invalid = await failure(createUser(Role.ROLE_STAFF, { email: long }));
    expect(invalid.fieldErrors).toEqual([
      { path: '/email', message: 'must be at most 254 characters' },
    ]);
  });

  it('serves sign-in, sign-out and credential checks only to services', async () => {
    const staff = await createUser(Role.ROLE_STAFF);
    const session = await login(staff.email);
    for (const caller of [
      asAdmin(),
      callerFor(staff),
      { caller: { kind: 'anonymous' } as Caller },
    ]) {
      const refused = [
        callUnary(
          client,
          client.login,
          {
            email: staff.email,
            password: PASSWORD,
            address: ADDRESS,
            userAgent: 'vitest',
            previousSessionToken: '',
          },
          caller,
        ),
        callUnary(client, client.authenticate, { sessionToken: session.sessionToken }, caller),
        callUnary(client, client.logout, { sessionToken: session.sessionToken }, caller),
      ];
      for (const call of refused) expect((await failure(call)).code).toBe('permission_denied');
    }
    expect((await authenticateSession(session.sessionToken)).principal?.userId).toBe(staff.id);
  });

  it('ends the session the browser still held when it signs in again', async () => {
    const staff = await createUser(Role.ROLE_STAFF);
    const first = await login(staff.email);
    // A refused sign-in leaves the old session alone.
    await failure(login(staff.email, 'not the password at all', ADDRESS, first.sessionToken));
    await authenticateSession(first.sessionToken);

    const second = await login(staff.email, PASSWORD, ADDRESS, first.sessionToken);
    expect((await failure(authenticateSession(first.sessionToken))).code).toBe('unauthenticated');
    expect((await authenticateSession(second.sessionToken)).principal?.userId).toBe(staff.id);
    // An ended or unknown previous session is no obstacle and touches no other session.
    const third = await login(staff.email, PASSWORD, ADDRESS, first.sessionToken);
    await login(staff.email, PASSWORD, ADDRESS, 'never-issued');
    await authenticateSession(second.sessionToken);
    await authenticateSession(third.sessionToken);
  });

  it('counts failures per client: IPv4-mapped as IPv4, IPv6 by its /64', async () => {
    const email = `${uniqueName('nobody')}@example.com`;
    await failure(login(email, PASSWORD, '::ffff:198.51.100.9'));
    await failure(login(email, PASSWORD, '2001:DB8:1:2::5'));
    await failure(login(email, PASSWORD, '2001:db8:1:2:ffff::6'));
    const rows = await query<{ address: string }>(
      `select "address" from "identity"."login_failures" where "email_digest" = ? order by "at", "id"`,
      [failureDigest(email)],
    );
    expect(rows.map((r) => r.address)).toEqual([
      '198.51.100.9',
      '2001:db8:1:2::/64',
      '2001:db8:1:2::/64',
    ]);
    const audited = (await auditOf({ action: 'auth.login_failed' })).filter(
      (e) => e.resourceId === fingerprint(email),
    );
    // The audit log keeps the full address.
    expect(audited.map((e) => e.address).sort()).toEqual([
      '198.51.100.9',
      '2001:db8:1:2::5',
      '2001:db8:1:2:ffff::6',
    ]);
  });

  it('stores failed sign-ins under a keyed digest of the email, never its text', async () => {
    const staff = await createUser(Role.ROLE_STAFF);
    const unknownEmail = `${uniqueName('nobody')}@example.com`;
    const typedPassword = `${uniqueName('typed')} into the email field`;
    await failure(login(staff.email.toUpperCase(), 'not the password at all'));
    await failure(login(unknownEmail));
    await failure(login(typedPassword));
    const rows = await query<Record<string, unknown>>(`select * from "identity"."login_failures"`);
    const everything = JSON.stringify(rows);
    for (const text of [staff.email, unknownEmail, typedPassword])
      expect(everything.toLowerCase()).not.toContain(text.toLowerCase());
    const digests = rows.map((row) => row['email_digest']);
    for (const text of [staff.email, unknownEmail, typedPassword])
      expect(digests).toContain(failureDigest(text));
    expect(failureDigest(staff.email)).toMatch(/^[0-9a-f]{64}$/);
    // Keyed: not the plain hash of the email.
    expect(failureDigest(staff.email)).not.toBe(
      createHash('sha256').update(staff.email).digest('hex'),
    );
  });

  it('purges failures once they leave the window', async () => {
    const email = `${uniqueName('nobody')}@example.com`;
    await failure(login(email, PASSWORD, '198.51.100.20'));
    await failure(login(email, PASSWORD, '198.51.100.20'));
    const count = async (sql: string, params: unknown[] = []) =>
      Number((await query<{ count: string }>(sql, params))[0]?.count);
    const forEmail = () =>
      count(`select count(*) as count from "identity"."login_failures" where "email_digest" = ?`, [
        failureDigest(email),
      ]);
    expect(await forEmail()).toBe(2);
    advance(FAILURE_WINDOW_MS);
    // At the window's edge they no longer count; the next sign-in's write removes them.
    await failure(login(`${uniqueName('other')}@example.com`, PASSWORD, '198.51.100.21'));
    expect(await forEmail()).toBe(0);
    expect(
      await count(`select count(*) as count from "identity"."login_failures" where "at" <= ?`, [
        new Date(clockMs - FAILURE_WINDOW_MS),
      ]),
    ).toBe(0);
  });

  it('counts failures checked in parallel as if they had come one by one', async () => {
    const target = await createUser(Role.ROLE_STAFF);
    const codes = await Promise.all(
      Array.from({ length: 8 }, () =>
        failure(login(target.email, 'wrong password guess', '198.51.100.30')).then(
          (error) => error.code,
        ),
      ),
    );
    expect(codes.filter((code) => code === 'unauthenticated')).toHaveLength(5);
    expect(codes.filter((code) => code === 'rate_limited')).toHaveLength(3);
    const rows = await query<{ count: string }>(
      `select count(*) as count from "identity"."login_failures" where "email_digest" = ?`,
      [failureDigest(target.email)],
    );
    expect(Number(rows[0]?.count)).toBe(5);
    const throttled = (await auditOf({ action: 'auth.login_throttled' })).filter(
      (e) => e.resourceId === target.id,
    );
    expect(throttled).toHaveLength(3);
  });

  it('rate limits one account after repeated failures, even for the right password', async () => {
    const target = await createUser(Role.ROLE_STAFF);
    const bystander = await createUser(Role.ROLE_STAFF);
    const codes: string[] = [];
    for (let attempt = 0; attempt < 20; attempt += 1) {
      codes.push((await failure(login(target.email, 'wrong password guess'))).code);
    }
    expect(codes.slice(0, 5)).toEqual(Array(5).fill('unauthenticated'));
    expect(codes.slice(5)).toEqual(Array(15).fill('rate_limited'));

    const limited = await failure(login(target.email));
    expect(limited.code).toBe('rate_limited');
    expect(limited.retryAfterSeconds).toBe(1);
    // Another account from the same address is untouched.
    expect((await login(bystander.email)).user?.id).toBe(bystander.id);

    // After the wait, one more wrong guess doubles the wait; the right password then succeeds
    // once that passes, and clears the account's failures.
    advance(1000);
    expect((await failure(login(target.email, 'wrong again, sorry'))).code).toBe('unauthenticated');
    expect((await failure(login(target.email))).retryAfterSeconds).toBe(2);
    advance(2000);
    expect((await login(target.email)).user?.id).toBe(target.id);
    expect((await failure(login(target.email, 'one wrong after success'))).code).toBe(
      'unauthenticated',
    );
    expect((await login(target.email)).user?.id).toBe(target.id);

    const throttled = (await auditOf({ action: 'auth.login_throttled' })).filter(
      (e) => e.resourceId === target.id,
    );
    expect(throttled).toHaveLength(17);
    expect(throttled[0]).toMatchObject({ resourceType: 'user', address: ADDRESS });
  });

  it('ends sessions after the idle and the absolute timeout', async () => {
    const staff = await createUser(Role.ROLE_STAFF);
    const idle = await login(staff.email);
    advance((IDLE_SECONDS - 1) * 1000);
    await authenticateSession(idle.sessionToken);
    advance((IDLE_SECONDS - 1) * 1000);
    // Still alive: the previous call refreshed last-seen.
    await authenticateSession(idle.sessionToken);
    advance(IDLE_SECONDS * 1000);
    expect((await failure(authenticateSession(idle.sessionToken))).code).toBe('unauthenticated');

    const busy = await login(staff.email);
    for (let elapsed = 0; elapsed < ABSOLUTE_SECONDS - 300; elapsed += 300) {
      advance(300_000);
      await authenticateSession(busy.sessionToken);
    }
    advance(300_000);
    expect((await failure(authenticateSession(busy.sessionToken))).code).toBe('unauthenticated');
  });

  it('ends sessions at once on deactivation, role change and EndUserSessions', async () => {
    const staff = await createUser(Role.ROLE_STAFF);
    const first = await login(staff.email);
    await update(staff.id, { role: Role.ROLE_MANAGER });
    expect((await failure(authenticateSession(first.sessionToken))).code).toBe('unauthenticated');

    const second = await login(staff.email);
    expect((await authenticateSession(second.sessionToken)).principal?.role).toBe(
      Role.ROLE_MANAGER,
    );
    // A change that keeps role and activity leaves sessions alone.
    await update(staff.id, { name: 'Renamed Person' });
    await authenticateSession(second.sessionToken);
    await update(staff.id, { active: false });
    expect((await failure(authenticateSession(second.sessionToken))).code).toBe('unauthenticated');

    await update(staff.id, { active: true });
    const a = await login(staff.email);
    const b = await login(staff.email);
    const { ended } = await callUnary(
      client,
      client.endUserSessions,
      { userId: staff.id },
      asAdmin(),
    );
    expect(ended).toBe(2);
    for (const session of [a, b]) {
      expect((await failure(authenticateSession(session.sessionToken))).code).toBe(
        'unauthenticated',
      );
    }
    const staffCaller = callerFor({ ...staff, role: Role.ROLE_MANAGER });
    expect(
      (await failure(callUnary(client, client.endUserSessions, { userId: admin.id }, staffCaller)))
        .code,
    ).toBe('permission_denied');

    const updates = await auditOf({ action: 'user.updated' });
    const renamed = updates.find((e) => e.resourceId === staff.id && e.changes?.name !== undefined);
    expect(renamed?.changes).toEqual({ name: { before: staff.name, after: 'Renamed Person' } });
    expect(renamed).toMatchObject({
      actorId: admin.id,
      actorName: 'Administrator',
      address: ADDRESS,
    });
    const sessionsEnded = await auditOf({ action: 'user.sessions_ended' });
    expect(sessionsEnded.some((e) => e.resourceId === staff.id)).toBe(true);
  });

  it('changes a password, keeping the current session and ending the others', async () => {
    const staff = await createUser(Role.ROLE_STAFF);
    const current = await login(staff.email);
    const other = await login(staff.email);
    const me = callerFor(staff);
    const wrong = await failure(
      callUnary(
        client,
        client.changePassword,
        {
          currentPassword: 'not my password!',
          newPassword: 'brand new secret',
          keepSessionToken: current.sessionToken,
        },
        me,
      ),
    );
    expect(wrong.fieldErrors.map((e) => e.path)).toEqual(['/currentPassword']);
    const short = await failure(
      callUnary(
        client,
        client.changePassword,
        { currentPassword: PASSWORD, newPassword: 'short', keepSessionToken: '' },
        me,
      ),
    );
    expect(short.fieldErrors.map((e) => e.path)).toEqual(['/newPassword']);

    await callUnary(
      client,
      client.changePassword,
      {
        currentPassword: PASSWORD,
        newPassword: 'brand new secret',
        keepSessionToken: current.sessionToken,
      },
      me,
    );
    await authenticateSession(current.sessionToken);
    expect((await failure(authenticateSession(other.sessionToken))).code).toBe('unauthenticated');
    expect((await failure(login(staff.email))).code).toBe('unauthenticated');
    expect((await login(staff.email, 'brand new secret')).user?.id).toBe(staff.id);
    const changed = await auditOf({ action: 'password.changed', actorId: staff.id });
    expect(changed).toHaveLength(1);
    expect(JSON.stringify(await auditOf({}))).not.toContain('argon2');
  });

  it('throttles wrong current passwords together with failed sign-ins', async () => {
    const staff = await createUser(Role.ROLE_STAFF);
    const session = await login(staff.email);
    const change = (currentPassword: string, newPassword = 'brand new secret') =>
      callUnary(
        client,
        client.changePassword,
        { currentPassword, newPassword, keepSessionToken: session.sessionToken },
        callerFor(staff),
      );
    for (let attempt = 0; attempt < 3; attempt += 1)
      expect((await failure(login(staff.email, 'wrong password guess'))).code).toBe(
        'unauthenticated',
      );
    for (let attempt = 0; attempt < 2; attempt += 1)
      expect((await failure(change('wrong current guess'))).code).toBe('validation_failed');

    // Five failures on the account: even the right current password now waits, for both.
    const limited = await failure(change(PASSWORD));
    expect(limited).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 1 });
    expect((await failure(login(staff.email))).code).toBe('rate_limited');

    const failedChanges = await auditOf({ action: 'password.change_failed', actorId: staff.id });
    expect(failedChanges).toHaveLength(2);
    expect(failedChanges[0]).toMatchObject({
      resourceType: 'user',
      resourceId: staff.id,
      address: ADDRESS,
    });

    // A successful change forgives the account's failures.
    advance(1000);
    await change(PASSWORD);
    await authenticateSession(session.sessionToken);
    expect((await failure(login(staff.email, 'wrong password guess'))).code).toBe(
      'unauthenticated',
    );
    expect((await login(staff.email, 'brand new secret')).user?.id).toBe(staff.id);
  });

  it('never lets an API token mint, revoke or change a password', async () => {
    const tokenAdmin = callerFor(admin, ['read', 'write', 'ingest', 'admin']);
    const minted = await failure(
      callUnary(client, client.createApiToken, { name: 'Minted', scopes: ['read'] }, tokenAdmin),
    );
    expect(minted.code).toBe('permission_denied');

    const kept = await callUnary(
      client,
      client.createApiToken,
      { name: 'Kept', scopes: ['read'] },
      asAdmin(),
    );
    const revoke = await failure(
      callUnary(client, client.revokeApiToken, { id: kept.token!.id }, tokenAdmin),
    );
    expect(revoke.code).toBe('permission_denied');
    await authenticateToken(kept.secret);

    const changed = await failure(
      callUnary(
        client,
        client.changePassword,
        {
          currentPassword: ADMIN_PASSWORD,
          newPassword: 'taken over by a token',
          keepSessionToken: '',
        },
        tokenAdmin,
      ),
    );
    expect(changed.code).toBe('permission_denied');
    expect((await login(ADMIN_EMAIL, ADMIN_PASSWORD)).user?.id).toBe(admin.id);
  });

  it('revokes the tokens of an admin who is demoted or deactivated, for good', async () => {
    const tokenOf = async (creator: User) =>
      callUnary(
        client,
        client.createApiToken,
        { name: uniqueName('Integration'), scopes: ['read'] },
        callerFor(creator),
      );
    const demoted = await createUser(Role.ROLE_ADMIN);
    const first = await tokenOf(demoted);
    const second = await tokenOf(demoted);
    await update(demoted.id, { role: Role.ROLE_MANAGER });
    await update(demoted.id, { role: Role.ROLE_ADMIN });
    const leaver = await createUser(Role.ROLE_ADMIN);
    const third = await tokenOf(leaver);
    await update(leaver.id, { active: false });
    await update(leaver.id, { active: true });

    for (const { secret } of [first, second, third])
      expect((await failure(authenticateToken(secret))).code).toBe('unauthenticated');
    const revoked = await auditOf({ action: 'token.revoked' });
    const reasonOf = (id: string) =>
      revoked.filter((e) => e.resourceId === id).map((e) => e.changes?.reason);
    expect(reasonOf(first.token!.id)).toEqual([{ before: null, after: 'creator no longer admin' }]);
    expect(reasonOf(second.token!.id)).toEqual([
      { before: null, after: 'creator no longer admin' },
    ]);
    expect(reasonOf(third.token!.id)).toEqual([{ before: null, after: 'creator deactivated' }]);
    expect(revoked.find((e) => e.resourceId === third.token!.id)).toMatchObject({
      actorId: admin.id,
    });
    const { tokens } = await callUnary(client, client.listApiTokens, {}, asAdmin());
    for (const { token } of [first, second, third])
      expect(tokens.find((t) => t.id === token!.id)?.revokedAt).toBeDefined();
  });

  it('runs the API token lifecycle', async () => {
    const expiresAt = new Date(clockMs + 3_600_000).toISOString();
    const created = await callUnary(
      client,
      client.createApiToken,
      { name: ' CI import ', scopes: ['write', 'read'], expiresAt },
      asAdmin(),
    );
    expect(created.secret).toMatch(/^crm_[A-Za-z0-9_-]{43}$/);
    expect(created.token).toMatchObject({
      name: 'CI import',
      scopes: ['read', 'write'],
      expiresAt,
      createdBy: admin.id,
    });
    expect(created.token?.lastUsedAt).toBeUndefined();

    const { principal } = await authenticateToken(created.secret);
    expect(principal).toEqual({
      userId: admin.id,
      role: Role.ROLE_ADMIN,
      scopes: ['read', 'write'],
      csrfToken: '',
      credential: 'token',
    });
    const listed = async () =>
      (await callUnary(client, client.listApiTokens, {}, asAdmin())).tokens.find(
        (t) => t.id === created.token!.id,
      );
    const usedAt = new Date(clockMs).toISOString();
    expect((await listed())?.lastUsedAt).toBe(usedAt);
    advance(30_000);
    await authenticateToken(created.secret);
    expect((await listed())?.lastUsedAt).toBe(usedAt);
    advance(30_000);
    await authenticateToken(created.secret);
    expect((await listed())?.lastUsedAt).toBe(new Date(clockMs).toISOString());

    // A token acting for an admin may do only what its scopes allow.
    const tokenCaller: { caller: Caller } = callerFor(admin, ['read', 'write']);
    expect((await failure(callUnary(client, client.listApiTokens, {}, tokenCaller))).code).toBe(
      'permission_denied',
    );

    const invalid = await failure(
      callUnary(
        client,
        client.createApiToken,
        { name: '', scopes: ['root'], expiresAt: new Date(clockMs - 1000).toISOString() },
        asAdmin(),
      ),
    );
    expect(invalid.fieldErrors.map((e) => e.path)).toEqual(['/name', '/scopes', '/expiresAt']);

    advance(3_600_000);
    expect((await failure(authenticateToken(created.secret))).code).toBe('unauthenticated');

    const second = await callUnary(
      client,
      client.createApiToken,
      { name: 'Revoke me', scopes: ['ingest'] },
      asAdmin(),
    );
    await authenticateToken(second.secret);
    await callUnary(client, client.revokeApiToken, { id: second.token!.id }, asAdmin());
    await callUnary(client, client.revokeApiToken, { id: second.token!.id }, asAdmin());
    expect((await failure(authenticateToken(second.secret))).code).toBe('unauthenticated');
    const { tokens } = await callUnary(client, client.listApiTokens, {}, asAdmin());
    expect(tokens[0]?.id).toBe(second.token!.id);
    expect(tokens[0]?.revokedAt).toBeDefined();
    expect(
      (await auditOf({ action: 'token.revoked' })).filter((e) => e.resourceId === second.token!.id),
    ).toHaveLength(1);
    expect((await auditOf({ action: 'token.created' })).length).toBeGreaterThanOrEqual(2);
    expect((await failure(authenticateToken('crm_forged'))).code).toBe('unauthenticated');
  });

  it('stops a token when its creator is deactivated', async () => {
    const secondAdmin = await createUser(Role.ROLE_ADMIN);
    const { secret } = await callUnary(
      client,
      client.createApiToken,
      { name: 'Integration', scopes: ['read'] },
      callerFor(secondAdmin),
    );
    await authenticateToken(secret);
    await update(secondAdmin.id, { active: false });
    expect((await failure(authenticateToken(secret))).code).toBe('unauthenticated');
  });

  it('shows admins everyone, managers their team and staff themselves', async () => {
    const boss = await createUser(Role.ROLE_MANAGER);
    const lead = await createUser(Role.ROLE_MANAGER, { managerId: boss.id });
    const worker = await createUser(Role.ROLE_STAFF, { managerId: lead.id });
    const otherBoss = await createUser(Role.ROLE_MANAGER);
    const outsider = await createUser(Role.ROLE_STAFF, { managerId: otherBoss.id });

    const visibleTo = async (caller: { caller: Caller }) => {
      const ids: string[] = [];
      let cursor = '';
      do {
        const { users, page } = await callUnary(
          client,
          client.listUsers,
          { page: { limit: 2, cursor }, query: '' },
          caller,
        );
        ids.push(...users.map((u) => u.id));
        cursor = page?.nextCursor ?? '';
      } while (cursor);
      return ids;
    };
    expect(new Set(await visibleTo(callerFor(boss)))).toEqual(
      new Set([boss.id, lead.id, worker.id]),
    );
    expect(await visibleTo(callerFor(worker))).toEqual([worker.id]);
    const all = await visibleTo(asAdmin());
    expect(all).toEqual(expect.arrayContaining([boss.id, outsider.id, admin.id]));

    const get = (id: string, caller: { caller: Caller }) =>
      callUnary(client, client.getUser, { id }, caller);
    expect((await get(worker.id, callerFor(boss))).user?.id).toBe(worker.id);
    expect((await failure(get(outsider.id, callerFor(boss)))).code).toBe('not_found');
    expect((await failure(get(boss.id, callerFor(worker)))).code).toBe('not_found');
    expect((await failure(get('not-a-uuid', asAdmin()))).code).toBe('not_found');
    expect((await get(outsider.id, asAdmin())).user?.id).toBe(outsider.id);
    expect(
      (
        await callUnary(
          client,
          client.listUsers,
          { page: undefined, query: boss.name.toUpperCase() },
          asAdmin(),
        )
      ).users.map((u) => u.id),
    ).toEqual([boss.id]);

    const me = await callUnary(client, client.getMe, {}, callerFor(lead));
    expect(me.manager).toEqual({ id: boss.id, name: boss.name });
    expect(me.reports).toEqual([{ id: worker.id, name: worker.name }]);

    for (const caller of [callerFor(boss), callerFor(worker)]) {
      expect(
        (
          await failure(
            callUnary(
              client,
              client.createUser,
              { email: 'x@example.com', name: 'X', role: Role.ROLE_STAFF, password: PASSWORD },
              caller,
            ),
          )
        ).code,
      ).toBe('permission_denied');
    }
    expect(
      (
        await failure(
          callUnary(
            client,
            client.listUsers,
            { page: undefined, query: '' },
            { caller: { kind: 'anonymous' } },
          ),
        )
      ).code,
    ).toBe('unauthenticated');
  });

  it('names everyone in the directory, to every signed-in user, without emails', async () => {
    const boss = await createUser(Role.ROLE_MANAGER);
    const worker = await createUser(Role.ROLE_STAFF, { managerId: boss.id });
    const stranger = await createUser(Role.ROLE_STAFF);
    const directory = (request: Partial<ListUserDirectoryRequest>, caller: { caller: Caller }) =>
      callUnary(
        client,
        client.listUserDirectory,
        ListUserDirectoryRequest.fromPartial(request),
        caller,
      );

    // Staff cannot read other users, yet can name them.
    const named = await directory({ ids: [boss.id, stranger.id, 'not-a-uuid'] }, callerFor(worker));
    expect(named.entries).toEqual(
      expect.arrayContaining([
        { id: boss.id, name: boss.name, active: true },
        { id: stranger.id, name: stranger.name, active: true },
      ]),
    );
    expect(named.entries).toHaveLength(2);
    expect(JSON.stringify(named)).not.toContain('@');

    // The query matches names only: an email reveals nothing.
    const byName = await directory({ query: stranger.name.toUpperCase() }, callerFor(worker));
    expect(byName.entries.map((e) => e.id)).toEqual([stranger.id]);
    expect((await directory({ query: stranger.email }, callerFor(worker))).entries).toEqual([]);

    const seen: string[] = [];
    let cursor = '';
    do {
      const { entries, page } = await directory({ page: { limit: 2, cursor } }, callerFor(worker));
      seen.push(...entries.map((e) => e.id));
      cursor = page?.nextCursor ?? '';
    } while (cursor);
    expect(seen).toEqual(expect.arrayContaining([admin.id, boss.id, worker.id, stranger.id]));
    expect(new Set(seen).size).toBe(seen.length);

    expect((await failure(directory({ query: 'a\u0000' }, callerFor(worker)))).code).toBe(
      'validation_failed',
    );
    expect((await failure(directory({}, { caller: { kind: 'anonymous' } }))).code).toBe(
      'unauthenticated',
    );
  });

  it('refuses manager cycles, duplicate emails and invalid users', async () => {
    const top = await createUser(Role.ROLE_MANAGER);
    const middle = await createUser(Role.ROLE_MANAGER, { managerId: top.id });
    const bottom = await createUser(Role.ROLE_STAFF, { managerId: middle.id });
    for (const managerId of [top.id, bottom.id, middle.id]) {
      const error = await failure(update(top.id, { managerId }));
      expect(error.code).toBe('validation_failed');
      expect(error.fieldErrors.map((e) => e.path)).toEqual(['/managerId']);
    }
    const moved = await update(bottom.id, { managerId: top.id });
    expect(moved.user?.managerId).toBe(top.id);
    const cleared = await update(bottom.id, { clearManager: true });
    expect(cleared.user?.managerId).toBeUndefined();

    const duplicate = await failure(
      createUser(Role.ROLE_STAFF, { email: top.email.toUpperCase() }),
    );
    expect(duplicate.code).toBe('already_exists');
    const missingManager = await failure(
      createUser(Role.ROLE_STAFF, { managerId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(missingManager.fieldErrors.map((e) => e.path)).toEqual(['/managerId']);
    expect(
      (await failure(update('00000000-0000-4000-8000-000000000000', { name: 'X' }))).code,
    ).toBe('not_found');
  });

  it('keeps the last active admin', async () => {
    const { users } = await callUnary(
      client,
      client.listUsers,
      { page: { limit: 200, cursor: '' }, query: '' },
      asAdmin(),
    );
    // Demote every other admin so the initial admin is the last one.
    for (const other of users.filter(
      (u) => u.role === Role.ROLE_ADMIN && u.active && u.id !== admin.id,
    )) {
      await update(other.id, { role: Role.ROLE_STAFF });
    }
    for (const change of [{ role: Role.ROLE_MANAGER }, { active: false }]) {
      expect((await failure(update(admin.id, change))).code).toBe('failed_precondition');
    }
    const deputy = await createUser(Role.ROLE_ADMIN);
    await update(admin.id, { role: Role.ROLE_MANAGER });
    await update(admin.id, { role: Role.ROLE_ADMIN });
    await update(deputy.id, { active: false });
  });

  it('publishes user upserts and audits user creation with every field', async () => {
    const durable = uniqueName('identity_users');
    const received: InboundMessage[] = [];
    const consumer = bus.consume(
      { stream: IDENTITY_STREAM.name, durable, filterSubjects: [identitySubjects.userUpserted] },
      async (batch) => {
        for (const message of batch) {
          received.push(message);
          await message.ack();
        }
      },
    );
    try {
      const user = await createUser(Role.ROLE_STAFF);
      await service.flushOutbox();
      const message = await waitFor(() =>
        received.find((m) => decodeUserUpserted(m.data).id === user.id),
      );
      expect(decodeUserUpserted(message.data)).toEqual(user);
      const [created] = (await auditOf({ action: 'user.created' })).filter(
        (e) => e.resourceId === user.id,
      );
      expect(created?.changes).toEqual({
        email: { before: null, after: user.email },
        name: { before: null, after: user.name },
        role: { before: null, after: 'staff' },
        managerId: { before: null, after: null },
        active: { before: null, after: true },
      });
    } finally {
      await consumer.stop();
    }
  });

  it('audits account.created events once, even when redelivered', async () => {
    // A one-second duplicate window lets the test send the very same message again, as a replay
    // or a lost acknowledgement would.
    await bus.ensureStream({
      name: ACCOUNTS_EVENTS.stream,
      subjects: ['crm.accounts.>'],
      duplicateWindowSeconds: 1,
    });
    const accountId = '0193a1b2-0000-7000-8000-0000000000aa';
    const event = AccountCreated.toJSON({
      account: Account.fromPartial({
        id: accountId,
        name: 'Acme',
        domain: 'acme.com',
        createdAt: '2026-12-01T08:00:00.000Z',
        updatedAt: '2026-12-01T08:00:00.000Z',
        version: '1',
      }),
      actor: { userId: admin.id, address: '198.51.100.4' },
    });
    const data = new TextEncoder().encode(JSON.stringify(event));
    const msgId = uniqueName('account-created');
    await bus.publish(ACCOUNTS_EVENTS.accountCreated, data, { msgId });
    const row = await waitFor(async () =>
      (await auditOf({ action: 'account.created' })).find((e) => e.resourceId === accountId),
    );
    expect(row).toMatchObject<Partial<AuditEvent>>({
      actorId: admin.id,
      actorName: 'Administrator',
      address: '198.51.100.4',
      resourceType: 'account',
      at: '2026-12-01T08:00:00.000Z',
      changes: {
        name: { before: null, after: 'Acme' },
        domain: { before: null, after: 'acme.com' },
      },
    });
    // The same message again, once the stream no longer drops it as a duplicate.
    await waitFor(
      async () => !(await bus.publish(ACCOUNTS_EVENTS.accountCreated, data, { msgId })).duplicate,
      { intervalMs: 250, what: 'the duplicate window to pass' },
    );
    const marker = '0193a1b2-0000-7000-8000-0000000000bb';
    const markerEvent = AccountCreated.toJSON({
      account: Account.fromPartial({
        id: marker,
        name: 'Marker',
        createdAt: '2026-12-01T08:00:01.000Z',
        updatedAt: '2026-12-01T08:00:01.000Z',
        version: '1',
      }),
      actor: undefined,
    });
    await bus.publish(
      ACCOUNTS_EVENTS.accountCreated,
      new TextEncoder().encode(JSON.stringify(markerEvent)),
    );
    await waitFor(async () =>
      (await auditOf({ action: 'account.created' })).some((e) => e.resourceId === marker),
    );
    const rows = (await auditOf({ action: 'account.created' })).filter(
      (e) => e.resourceId === accountId,
    );
    expect(rows).toHaveLength(1);
  });

  it('audits account.updated events with the fields that changed, before and after', async () => {
    await bus.ensureStream({ name: ACCOUNTS_EVENTS.stream, subjects: ['crm.accounts.>'] });
    const accountId = '0193a1b2-0000-7000-8000-0000000000cc';
    const previous = Account.fromPartial({
      id: accountId,
      name: 'Globex',
      status: AccountStatus.ACCOUNT_STATUS_PROSPECT,
      tags: ['energy'],
      version: '3',
      updatedAt: '2026-12-02T08:00:00.000Z',
    });
    const account = {
      ...previous,
      status: AccountStatus.ACCOUNT_STATUS_CUSTOMER,
      tags: ['energy', 'key-account'],
      version: '4',
      updatedAt: '2026-12-02T09:00:00.000Z',
    };
    const event = AccountUpdated.toJSON({
      account,
      previous,
      changedFields: ['status', 'tags'],
      actor: { userId: admin.id, address: '198.51.100.5' },
    });
    await bus.publish(
      'crm.accounts.v1.account.updated',
      new TextEncoder().encode(JSON.stringify(event)),
    );
    const row = await waitFor(async () =>
      (await auditOf({ action: 'account.updated' })).find((e) => e.resourceId === accountId),
    );
    expect(row).toMatchObject<Partial<AuditEvent>>({
      actorId: admin.id,
      actorName: 'Administrator',
      resourceType: 'account',
      at: '2026-12-02T09:00:00.000Z',
      changes: {
        status: { before: 'prospect', after: 'customer' },
        tags: { before: ['energy'], after: ['energy', 'key-account'] },
      },
    });
  });

  it('pages the audit log newest first and filters it', async () => {
    const seen: string[] = [];
    let cursor = '';
    do {
      const { events, page } = await callUnary(
        client,
        client.listAuditEvents,
        { page: { limit: 7, cursor }, action: 'auth.login', actorId: '' },
        asAdmin(),
      );
      seen.push(...events.map((e) => `${e.at}|${e.id}`));
      cursor = page?.nextCursor ?? '';
    } while (cursor);
    expect(seen.length).toBeGreaterThan(7);
    expect([...seen].sort().reverse()).toEqual(seen);
    expect(new Set(seen).size).toBe(seen.length);
    const staffCaller = callerFor({ ...admin, role: Role.ROLE_STAFF });
    expect(
      (
        await failure(
          callUnary(
            client,
            client.listAuditEvents,
            { page: undefined, action: '', actorId: '' },
            staffCaller,
          ),
        )
      ).code,
    ).toBe('permission_denied');
  });

  it('refuses to rewrite or erase the audit log', async () => {
    const orm = await createOrm({
      clientUrl: database.url,
      schema: 'identity',
      entities: identityEntities,
      migrations: [],
      logger,
    });
    try {
      const connection = orm.em.getConnection();
      await expect(
        connection.execute(`update "identity"."audit_events" set "action" = 'forged'`),
      ).rejects.toThrow(/append-only/);
      await expect(connection.execute(`delete from "identity"."audit_events"`)).rejects.toThrow(
        /append-only/,
      );
      await expect(connection.execute(`truncate "identity"."audit_events"`)).rejects.toThrow(
        /append-only/,
      );
    } finally {
      await orm.close();
    }
  });
});
