import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quietLogger, uniqueName, waitFor } from '@crm/testing';
import {
  ADMIN_PASSWORD,
  startCrmStack,
  type CrmStack,
  type HttpSession,
  type Problem,
} from './crm-stack.test-support.js';

const PASSWORD = 'a long enough password';

describe('sign-in, sessions, CSRF and API tokens through the gateway', () => {
  const logger = quietLogger('gateway');
  let stack: CrmStack;
  let admin: HttpSession;

  const createUser = async (role = 'staff') => {
    const email = `${uniqueName('user')}@example.com`;
    const response = await admin.request<{ id: string }>('POST', '/api/v1/users', {
      email,
      name: 'Test User',
      role,
      password: PASSWORD,
    });
    expect(response.status).toBe(201);
    return { id: response.body.id, email };
  };

  beforeAll(async () => {
    stack = await startCrmStack(logger);
    admin = await stack.signedInAdmin();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('sets an HttpOnly SameSite session cookie and answers the user with a CSRF token', async () => {
    const { email } = await createUser();
    const response = await fetch(`${stack.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith('crm_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/i); // plain HTTP here; Secure when the request came over TLS
    const body = (await response.json()) as {
      user: { email: string; role: string };
      csrfToken: string;
    };
    expect(body.user).toMatchObject({ email, role: 'staff' });
    expect(body.csrfToken.length).toBeGreaterThan(20);
    expect(response.headers.get('x-frame-options')).toBeTruthy();
  });

  it('refuses state changes from other sites, sign-in included, and never caches API answers', async () => {
    const { email } = await createUser();
    const fromEvil = await stack
      .session()
      .request(
        'POST',
        '/api/v1/auth/login',
        { email, password: PASSWORD },
        { headers: { origin: 'https://evil.example' } },
      );
    expect(fromEvil.status).toBe(403);
    const crossSite = await stack
      .session()
      .request(
        'POST',
        '/api/v1/auth/login',
        { email, password: PASSWORD },
        { headers: { 'sec-fetch-site': 'cross-site' } },
      );
    expect(crossSite.status).toBe(403);
    const sameOrigin = await stack
      .session()
      .request(
        'POST',
        '/api/v1/auth/login',
        { email, password: PASSWORD },
        { headers: { origin: stack.url } },
      );
    expect(sameOrigin.status).toBe(200);
    expect(sameOrigin.headers.get('cache-control')).toBe('no-store');
  });

  it('clears a session cookie identity no longer accepts', async () => {
    const browser = stack.session();
    browser.cookie = 'crm_session=ended-or-made-up';
    const response = await browser.request('GET', '/api/v1/me');
    expect(response.status).toBe(401);
    expect(response.headers.getSetCookie().some((line) => /^crm_session=;/.test(line))).toBe(true);
  });

  it('answers a wrong password and an unknown email alike', async () => {
    const { email } = await createUser();
    const wrong = await stack.session().signIn(email, 'not the password!');
    const unknown = await stack
      .session()
      .signIn(`${uniqueName('nobody')}@example.com`, 'not the password!');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect((wrong.body as unknown as Problem).detail).toBe(
      (unknown.body as unknown as Problem).detail,
    );
  });

  it('issues a new session id at sign-in: one chosen before it is never accepted', async () => {
    const { email } = await createUser();
    const browser = stack.session();
    browser.cookie = 'crm_session=attacker-chosen-value';
    expect((await browser.request('GET', '/api/v1/me')).status).toBe(401);
    await browser.signIn(email, PASSWORD);
    expect(browser.cookie).not.toBe('crm_session=attacker-chosen-value');
    expect((await browser.request('GET', '/api/v1/me')).status).toBe(200);

    const fixated = stack.session();
    fixated.cookie = 'crm_session=attacker-chosen-value';
    expect((await fixated.request('GET', '/api/v1/me')).status).toBe(401);

    // Signing in again in the same browser ends the session it had.
    const before = browser.cookie;
    await browser.signIn(email, PASSWORD);
    const replay = stack.session();
    replay.cookie = before;
    expect((await replay.request('GET', '/api/v1/me')).status).toBe(401);
    expect((await browser.request('GET', '/api/v1/me')).status).toBe(200);
  });

  it('ends the session at sign-out', async () => {
    const { email } = await createUser();
    const browser = await stack.signedIn(email, PASSWORD);
    const cookie = browser.cookie;
    expect((await browser.request('POST', '/api/v1/auth/logout')).status).toBe(204);
    const replay = stack.session();
    replay.cookie = cookie;
    expect((await replay.request('GET', '/api/v1/me')).status).toBe(401);
  });

  it('refuses a state change without the CSRF token, as a cross-site form would send it', async () => {
    const { email } = await createUser();
    const browser = await stack.signedIn(email, PASSWORD);
    const crossSite = await browser.request(
      'POST',
      '/api/v1/accounts',
      { name: 'Forged' },
      { csrf: false, headers: { origin: 'https://evil.example' } },
    );
    expect(crossSite.status).toBe(403);
    expect((crossSite.body as Problem).type).toBe('urn:crm:problem:csrf');
    const wrongToken = await browser.request(
      'POST',
      '/api/v1/accounts',
      { name: 'Forged' },
      {
        csrf: false,
        headers: { 'x-csrf-token': 'guess' },
      },
    );
    expect(wrongToken.status).toBe(403);
    expect(
      (await browser.request('POST', '/api/v1/accounts', { name: uniqueName('Real') })).status,
    ).toBe(201);
    const csrf = await browser.request<{ csrfToken: string }>('GET', '/api/v1/auth/csrf');
    expect(csrf.body.csrfToken).toBe(browser.csrfToken);
  });

  it('refuses a deactivated user’s open session on its next request, and a demoted user’s too', async () => {
    const deactivated = await createUser();
    const browser = await stack.signedIn(deactivated.email, PASSWORD);
    expect(
      (await admin.request('PATCH', `/api/v1/users/${deactivated.id}`, { active: false })).status,
    ).toBe(200);
    expect((await browser.request('GET', '/api/v1/me')).status).toBe(401);
    expect((await stack.session().signIn(deactivated.email, PASSWORD)).status).toBe(401);

    const demoted = await createUser('manager');
    const managerBrowser = await stack.signedIn(demoted.email, PASSWORD);
    expect(
      (await admin.request('PATCH', `/api/v1/users/${demoted.id}`, { role: 'staff' })).status,
    ).toBe(200);
    expect((await managerBrowser.request('GET', '/api/v1/me')).status).toBe(401);
  });

  it('lets admins end any user’s sessions', async () => {
    const user = await createUser();
    const browser = await stack.signedIn(user.email, PASSWORD);
    expect((await admin.request('DELETE', `/api/v1/users/${user.id}/sessions`)).status).toBe(204);
    expect((await browser.request('GET', '/api/v1/me')).status).toBe(401);
  });

  it('limits API tokens to their scopes, shows the secret once and stops revoked tokens', async () => {
    const created = await admin.request<{ id: string; token: string; scopes: string[] }>(
      'POST',
      '/api/v1/api-tokens',
      {
        name: 'reporting script',
        scopes: ['read'],
      },
    );
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const listed = await admin.request<{ items: Array<Record<string, unknown>> }>(
      'GET',
      '/api/v1/api-tokens',
    );
    const entry = listed.body.items.find((token) => token.id === created.body.id)!;
    expect(entry).not.toHaveProperty('token');
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);

    const script = stack.session(created.body.token);
    expect((await script.request('GET', '/api/v1/accounts')).status).toBe(200);
    // Tokens never mint tokens nor change their creator's password, whatever their scopes.
    const adminToken = await admin.request<{ token: string }>('POST', '/api/v1/api-tokens', {
      name: 'automation',
      scopes: ['read', 'write', 'admin'],
    });
    const automation = stack.session(adminToken.body.token);
    expect(
      (
        await automation.request('POST', '/api/v1/api-tokens', {
          name: 'minted',
          scopes: ['admin'],
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await automation.request('PUT', '/api/v1/me/password', {
          currentPassword: ADMIN_PASSWORD,
          newPassword: 'x'.repeat(20),
        })
      ).status,
    ).toBe(403);
    expect((await script.request('POST', '/api/v1/accounts', { name: 'Nope' })).status).toBe(403);
    expect((await script.request('GET', '/api/v1/users')).status).toBe(403);

    const writer = await admin.request<{ token: string }>('POST', '/api/v1/api-tokens', {
      name: 'import',
      scopes: ['read', 'write'],
    });
    expect(
      (
        await stack
          .session(writer.body.token)
          .request('POST', '/api/v1/accounts', { name: uniqueName('ViaToken') })
      ).status,
    ).toBe(201);

    await waitFor(async () => {
      const after = await admin.request<{
        items: Array<{ id: string; lastUsedAt: string | null }>;
      }>('GET', '/api/v1/api-tokens');
      return (
        after.body.items.find((token) => token.id === created.body.id)?.lastUsedAt ?? undefined
      );
    });
    expect((await admin.request('DELETE', `/api/v1/api-tokens/${created.body.id}`)).status).toBe(
      204,
    );
    expect((await script.request('GET', '/api/v1/accounts')).status).toBe(401);
    expect((await stack.session('crm_made-up').request('GET', '/api/v1/accounts')).status).toBe(
      401,
    );
  });

  it('slows down 20 wrong passwords in a row for that account without locking others out', async () => {
    const target = await createUser();
    const bystander = await createUser();
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const response = await stack.session().signIn(target.email, `wrong password ${attempt}`);
      statuses.push(response.status);
      retryAfter = response.headers.get('retry-after') ?? retryAfter;
    }
    expect(statuses.slice(0, 5).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(-10).every((status) => status === 429)).toBe(true);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // Even the right password waits until the throttle has passed.
    expect((await stack.session().signIn(target.email, PASSWORD)).status).toBe(429);
    expect((await stack.session().signIn(bystander.email, PASSWORD)).status).toBe(200);
  });

  it('records sign-ins, failures and data changes in the audit log, with who and from where', async () => {
    const { email } = await createUser();
    await stack.session().signIn(email, 'not the password!');
    const user = await stack.signedIn(email, PASSWORD);
    const account = await user.request<{ id: string }>('POST', '/api/v1/accounts', {
      name: uniqueName('Audited'),
    });
    const events = await waitFor(async () => {
      const log = await admin.request<{
        items: Array<{
          action: string;
          resourceId: string | null;
          address: string | null;
          actorId: string | null;
        }>;
      }>('GET', '/api/v1/audit-events?limit=200');
      return log.body.items.some(
        (event) => event.action === 'account.created' && event.resourceId === account.body.id,
      )
        ? log.body.items
        : undefined;
    });
    const actions = events.map((event) => event.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'auth.login',
        'auth.login_failed',
        'user.created',
        'account.created',
      ]),
    );
    const created = events.find(
      (event) => event.action === 'account.created' && event.resourceId === account.body.id,
    )!;
    expect(created.address).toBeTruthy();
    expect(created.actorId).toBeTruthy();
  });
});
