import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visibilityOf, type Resource } from '@crm/authz';
import type { Caller } from '@crm/grpc';
import { quietLogger, uniqueName } from '@crm/testing';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  startCrmStack,
  type CrmStack,
  type HttpSession,
} from './crm-stack.test-support.js';
import type { RouteAccess } from './http/access.js';

type PersonaName =
  'anonymous' | 'staff' | 'otherTeamStaff' | 'manager' | 'otherTeamManager' | 'admin';
const personaNames: PersonaName[] = [
  'anonymous',
  'staff',
  'otherTeamStaff',
  'manager',
  'otherTeamManager',
  'admin',
];
const PASSWORD = 'a long enough password';

interface Persona {
  name: PersonaName;
  caller: Caller;
  email: string | undefined;
  session: HttpSession;
}

interface Sample {
  path: string;
  /** JSON, or a multipart form for uploads. */
  body?: unknown;
  /** Whose record the path names, for routes whose visibility depends on the record. */
  recordOwner?: PersonaName | 'teamMember';
  /**
   * The answer when the record is out of the persona's reach: 404 hides that it exists, 403 where
   * the persona may see it anyway and only the change is refused.
   */
  outOfReach?: 403 | 404;
  /** Routes that end the session they run in get a fresh one. */
  freshSession?: boolean;
  /** Sign-in would replace the persona's session: it runs in a session of its own. */
  ownSession?: boolean;
}

/**
 * Replays every API route as each persona and checks the answer against the permission matrix
 * (services/lib/authz). A route without a sample here fails, so new routes must join the replay.
 */
describe('role matrix: every route × every persona', () => {
  const logger = quietLogger('gateway');
  let stack: CrmStack;
  const personas = new Map<PersonaName, Persona>();
  const ids: Record<string, string> = {};

  /** An admin session; records for the samples are made through it. */
  let admin: HttpSession;

  const created = async (session: HttpSession, path: string, body: unknown): Promise<string> => {
    const response = await session.request<{ id: string }>('POST', path, body);
    if (response.status !== 201 && response.status !== 202)
      throw new Error(`POST ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body.id;
  };
  const versionOf = async (path: string): Promise<number> =>
    (await admin.request<{ version: number }>('GET', path)).body.version;
  const csvForm = (entity: string, fields: Record<string, string> = {}) => {
    const form = new FormData();
    form.set('entity', entity);
    for (const [name, value] of Object.entries(fields)) form.set(name, value);
    form.set('file', new Blob(['name,domain\nProbe,\n'], { type: 'text/csv' }), 'probe.csv');
    return form;
  };
  const textForm = () => {
    const form = new FormData();
    form.set('file', new Blob(['a note on paper'], { type: 'text/plain' }), 'note.txt');
    return form;
  };

  const samples: Record<string, () => Sample | Promise<Sample>> = {
    'POST /api/v1/auth/login': () => ({
      path: '/api/v1/auth/login',
      body: { email: 'login-probe@example.com', password: PASSWORD },
      ownSession: true,
    }),
    'POST /api/v1/auth/logout': () => ({ path: '/api/v1/auth/logout', freshSession: true }),
    'GET /api/v1/auth/csrf': () => ({ path: '/api/v1/auth/csrf' }),
    'GET /api/v1/me': () => ({ path: '/api/v1/me' }),
    'PUT /api/v1/me/password': () => ({
      path: '/api/v1/me/password',
      // A wrong current password: the route is reachable, nothing changes.
      body: { currentPassword: 'not the password', newPassword: 'another long password' },
    }),
    'GET /api/v1/openapi.json': () => ({ path: '/api/v1/openapi.json' }),
    'GET /api/v1/users': () => ({ path: '/api/v1/users' }),
    'GET /api/v1/user-directory': () => ({ path: '/api/v1/user-directory' }),
    'POST /api/v1/users': () => ({
      path: '/api/v1/users',
      body: {
        email: `${uniqueName('new')}@example.com`,
        name: 'New Person',
        role: 'staff',
        password: PASSWORD,
      },
    }),
    'GET /api/v1/users/:id': () => ({ path: `/api/v1/users/${ids.staff}`, recordOwner: 'staff' }),
    'PATCH /api/v1/users/:id': () => ({
      path: `/api/v1/users/${ids.teamMember}`,
      body: { name: 'Renamed' },
      recordOwner: 'teamMember',
    }),
    'DELETE /api/v1/users/:id/sessions': () => ({
      path: `/api/v1/users/${ids.teamMember}/sessions`,
      recordOwner: 'teamMember',
    }),
    'GET /api/v1/api-tokens': () => ({ path: '/api/v1/api-tokens' }),
    'POST /api/v1/api-tokens': () => ({
      path: '/api/v1/api-tokens',
      body: { name: 'probe', scopes: ['read'] },
    }),
    'DELETE /api/v1/api-tokens/:id': () => ({ path: `/api/v1/api-tokens/${ids.token}` }),
    'GET /api/v1/audit-events': () => ({ path: '/api/v1/audit-events' }),
    'GET /api/v1/accounts': () => ({ path: '/api/v1/accounts' }),
    'POST /api/v1/accounts': () => ({
      path: '/api/v1/accounts',
      body: { name: uniqueName('Probe') },
    }),
    'GET /api/v1/accounts/:id': () => ({ path: `/api/v1/accounts/${ids.account}` }),
    'GET /api/v1/accounts/duplicates': () => ({ path: '/api/v1/accounts/duplicates?name=Shared' }),
    'PATCH /api/v1/accounts/:id': async () => {
      const path = `/api/v1/accounts/${ids.account}`;
      return { path, body: { notes: uniqueName('notes'), version: await versionOf(path) } };
    },
    // Staff may delete only accounts they own; each persona gets an account of staff's own.
    'DELETE /api/v1/accounts/:id': async () => ({
      path: `/api/v1/accounts/${await created(admin, '/api/v1/accounts', {
        name: uniqueName('Doomed'),
        ownerId: ids.staff,
      })}`,
      recordOwner: 'staff',
      outOfReach: 403,
    }),
    'POST /api/v1/accounts/:id/merge': async () => {
      const survivor = await created(admin, '/api/v1/accounts', { name: uniqueName('Keep') });
      const merged = await created(admin, '/api/v1/accounts', { name: uniqueName('Fold') });
      return { path: `/api/v1/accounts/${survivor}/merge`, body: { mergedId: merged } };
    },
    'GET /api/v1/contacts': () => ({ path: '/api/v1/contacts' }),
    'POST /api/v1/contacts': () => ({
      path: '/api/v1/contacts',
      body: { firstName: 'Probe', lastName: uniqueName('Person') },
    }),
    'GET /api/v1/contacts/duplicates': () => ({
      path: '/api/v1/contacts/duplicates?email=shared%40example.com',
    }),
    'GET /api/v1/contacts/:id': () => ({ path: `/api/v1/contacts/${ids.contact}` }),
    'PATCH /api/v1/contacts/:id': async () => {
      const path = `/api/v1/contacts/${ids.contact}`;
      return { path, body: { title: uniqueName('Title'), version: await versionOf(path) } };
    },
    'DELETE /api/v1/contacts/:id': async () => ({
      path: `/api/v1/contacts/${await created(admin, '/api/v1/contacts', {
        firstName: 'Doomed',
        lastName: uniqueName('Contact'),
        ownerId: ids.staff,
      })}`,
      recordOwner: 'staff',
      outOfReach: 403,
    }),
    'POST /api/v1/contacts/:id/merge': async () => {
      const contact = () =>
        created(admin, '/api/v1/contacts', { firstName: 'Twin', lastName: uniqueName('Contact') });
      const survivor = await contact();
      return { path: `/api/v1/contacts/${survivor}/merge`, body: { mergedId: await contact() } };
    },
    'GET /api/v1/accounts/:id/timeline': () => ({
      path: `/api/v1/accounts/${ids.account}/timeline`,
    }),
    'GET /api/v1/contacts/:id/timeline': () => ({
      path: `/api/v1/contacts/${ids.contact}/timeline`,
    }),
    'POST /api/v1/accounts/:id/notes': () => ({
      path: `/api/v1/accounts/${ids.account}/notes`,
      body: { body: 'Probe note' },
    }),
    'POST /api/v1/contacts/:id/notes': () => ({
      path: `/api/v1/contacts/${ids.contact}/notes`,
      body: { body: 'Probe note' },
    }),
    // Authors delete their own notes: each persona gets a fresh note written by staff.
    'DELETE /api/v1/notes/:id': async () => ({
      path: `/api/v1/notes/${await created(personas.get('staff')!.session, `/api/v1/accounts/${ids.account}/notes`, { body: 'Written by staff' })}`,
      recordOwner: 'staff',
      outOfReach: 403,
    }),
    'POST /api/v1/accounts/:id/attachments': () => ({
      path: `/api/v1/accounts/${ids.account}/attachments`,
      body: textForm(),
    }),
    'POST /api/v1/contacts/:id/attachments': () => ({
      path: `/api/v1/contacts/${ids.contact}/attachments`,
      body: textForm(),
    }),
    'GET /api/v1/accounts/:id/attachments': () => ({
      path: `/api/v1/accounts/${ids.account}/attachments`,
    }),
    'GET /api/v1/contacts/:id/attachments': () => ({
      path: `/api/v1/contacts/${ids.contact}/attachments`,
    }),
    'GET /api/v1/attachments/:id': () => ({ path: `/api/v1/attachments/${ids.attachment}` }),
    'GET /api/v1/attachments/:id/content': () => ({
      path: `/api/v1/attachments/${ids.attachment}/content`,
    }),
    // Uploaders delete their own files: each persona gets a fresh file uploaded by staff.
    'DELETE /api/v1/attachments/:id': async () => ({
      path: `/api/v1/attachments/${await created(personas.get('staff')!.session, `/api/v1/accounts/${ids.account}/attachments`, textForm())}`,
      recordOwner: 'staff',
      outOfReach: 403,
    }),
    'POST /api/v1/imports': () => ({
      path: '/api/v1/imports',
      body: csvForm('accounts', { dryRun: 'true' }),
    }),
    'POST /api/v1/imports/preview': () => ({
      path: '/api/v1/imports/preview',
      body: csvForm('accounts'),
    }),
    'GET /api/v1/imports': () => ({ path: '/api/v1/imports' }),
    // Managers see and undo only their own imports.
    'GET /api/v1/imports/:id': () => ({
      path: `/api/v1/imports/${ids.import}`,
      recordOwner: 'manager',
    }),
    'GET /api/v1/imports/:id/errors': () => ({
      path: `/api/v1/imports/${ids.import}/errors`,
      recordOwner: 'manager',
    }),
    'POST /api/v1/imports/:id/undo': () => ({
      path: `/api/v1/imports/${ids.import}/undo`,
      recordOwner: 'manager',
    }),
  };

  /** Which users each persona's visibility reaches: `team` is the manager and their reports. */
  const reaches = (
    viewer: PersonaName,
    owner: PersonaName | 'teamMember',
    visibility: string,
  ): boolean => {
    if (visibility === 'all') return true;
    if (visibility === 'own') return viewer === owner;
    if (visibility === 'team')
      return (
        viewer === owner || (viewer === 'manager' && (owner === 'staff' || owner === 'teamMember'))
      );
    return false;
  };

  function expected(
    access: RouteAccess,
    persona: Persona,
    sample: Sample,
  ): 'allowed' | 401 | 403 | 404 {
    if (access === 'public') return 'allowed';
    if (persona.name === 'anonymous') return 401;
    if (access === 'signed-in' || access === 'session') return 'allowed';
    const visibility = visibilityOf(
      persona.caller,
      access.resource as Resource,
      access.action as never,
    );
    if (visibility === 'none') return 403;
    if (sample.recordOwner && !reaches(persona.name, sample.recordOwner, visibility))
      return sample.outOfReach ?? 404;
    return 'allowed';
  }

  beforeAll(async () => {
    stack = await startCrmStack(logger);
    admin = await stack.signedInAdmin();
    const createUser = async (email: string, role: string, managerId?: string) => {
      const response = await admin.request<{ id: string }>('POST', '/api/v1/users', {
        email,
        name: email.split('@')[0],
        role,
        password: PASSWORD,
        ...(managerId ? { managerId } : {}),
      });
      expect(response.status).toBe(201);
      return response.body.id;
    };
    ids.manager = await createUser('manager-a@example.com', 'manager');
    ids.staff = await createUser('staff-a@example.com', 'staff', ids.manager);
    ids.teamMember = await createUser('member-a@example.com', 'staff', ids.manager);
    ids.otherTeamManager = await createUser('manager-b@example.com', 'manager');
    ids.otherTeamStaff = await createUser('staff-b@example.com', 'staff', ids.otherTeamManager);
    await createUser('login-probe@example.com', 'staff');
    const token = await admin.request<{ id: string }>('POST', '/api/v1/api-tokens', {
      name: 'to revoke',
      scopes: ['read'],
    });
    ids.token = token.body.id;
    ids.account = await created(admin, '/api/v1/accounts', { name: uniqueName('Shared') });
    ids.contact = await created(admin, '/api/v1/contacts', {
      firstName: 'Shared',
      lastName: 'Contact',
      email: `${uniqueName('shared')}@example.com`,
      accountId: ids.account,
    });
    ids.attachment = await created(
      admin,
      `/api/v1/accounts/${ids.account}/attachments`,
      textForm(),
    );

    const emails: Record<PersonaName, string | undefined> = {
      anonymous: undefined,
      staff: 'staff-a@example.com',
      otherTeamStaff: 'staff-b@example.com',
      manager: 'manager-a@example.com',
      otherTeamManager: 'manager-b@example.com',
      admin: ADMIN_EMAIL,
    };
    const roles: Record<PersonaName, 'admin' | 'manager' | 'staff' | undefined> = {
      anonymous: undefined,
      staff: 'staff',
      otherTeamStaff: 'staff',
      manager: 'manager',
      otherTeamManager: 'manager',
      admin: 'admin',
    };
    for (const name of personaNames) {
      const email = emails[name];
      const role = roles[name];
      const password = name === 'admin' ? ADMIN_PASSWORD : PASSWORD;
      personas.set(name, {
        name,
        email,
        caller: role ? { kind: 'user', userId: ids[name] ?? 'admin', role } : { kind: 'anonymous' },
        session: email ? await stack.signedIn(email, password) : stack.session(),
      });
    }
    // A dry run changes nothing, so undoing it is refused (409) for whoever may try.
    ids.import = await created(
      personas.get('manager')!.session,
      '/api/v1/imports',
      csvForm('accounts', { dryRun: 'true' }),
    );
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('has a replay sample for every route, and every API route declares its access', () => {
    const apiRoutes = stack.gateway.routes.filter((route) => route.url.startsWith('/api/v1/'));
    expect(apiRoutes.length).toBeGreaterThan(10);
    for (const route of apiRoutes) {
      expect(route.access, `${route.method} ${route.url} access`).toBeDefined();
      expect(
        samples[`${route.method} ${route.url}`],
        `replay sample for ${route.method} ${route.url}`,
      ).toBeDefined();
    }
  });

  it('answers each persona as the permission matrix says', async () => {
    const apiRoutes = stack.gateway.routes.filter((route) => route.url.startsWith('/api/v1/'));
    const mismatches: string[] = [];
    for (const route of apiRoutes) {
      for (const name of personaNames) {
        const persona = personas.get(name)!;
        const sample = await samples[`${route.method} ${route.url}`]!();
        const session = sample.ownSession
          ? stack.session()
          : sample.freshSession && persona.email
            ? await stack.signedIn(persona.email, name === 'admin' ? ADMIN_PASSWORD : PASSWORD)
            : persona.session;
        const response = await session.request(route.method, sample.path, sample.body);
        const want = expected(route.access!, persona, sample);
        const got = response.status;
        const ok = want === 'allowed' ? got < 500 && ![401, 403, 404].includes(got) : got === want;
        if (!ok)
          mismatches.push(`${route.method} ${route.url} as ${name}: expected ${want}, got ${got}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('hides other teams’ users: lists and direct reads (IDOR) alike', async () => {
    const otherManager = personas.get('otherTeamManager')!.session;
    const list = await otherManager.request<{ items: Array<{ id: string }> }>(
      'GET',
      '/api/v1/users',
    );
    const visible = list.body.items.map((user) => user.id);
    expect(visible).toContain(ids.otherTeamStaff);
    expect(visible).not.toContain(ids.staff);
    for (const id of [ids.staff, ids.manager, ids.teamMember]) {
      expect((await otherManager.request('GET', `/api/v1/users/${id}`)).status).toBe(404);
    }
    const staff = personas.get('staff')!.session;
    const own = await staff.request<{ items: Array<{ id: string }> }>('GET', '/api/v1/users');
    expect(own.body.items.map((user) => user.id)).toEqual([ids.staff]);
  });
});
