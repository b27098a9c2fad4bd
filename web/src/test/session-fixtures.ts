import type { Me, Permissions } from '../api/session.js';
import type { Role, User } from '../api/users.js';
import { jsonResponse, stubFetch, type RecordedRequest, type Responder } from './fetch-stub.js';

export const TEST_CSRF_TOKEN = 'csrf-test-token';

export function makeUser(overrides: Partial<User> & Pick<User, 'id' | 'name'>): User {
  return {
    email: `${overrides.id}@example.com`,
    role: 'staff',
    managerId: null,
    active: true,
    createdAt: '2025-01-02T03:04:05Z',
    updatedAt: '2025-01-02T03:04:05Z',
    ...overrides,
  };
}

const ADDRESS_BOOK_ALL = {
  read: 'all',
  create: 'all',
  update: 'all',
  delete: 'all',
  merge: 'all',
} as const;

/** Permission matrices shaped like those the identity service sends for each role. */
export const ROLE_PERMISSIONS: Readonly<Record<Role, Permissions>> = {
  admin: {
    accounts: ADDRESS_BOOK_ALL,
    contacts: ADDRESS_BOOK_ALL,
    notes: { create: 'all', delete: 'all' },
    attachments: { read: 'all', create: 'all', delete: 'all' },
    imports: { read: 'all', create: 'all', undo: 'all' },
    users: { read: 'all', create: 'all', update: 'all' },
    sessions: { delete: 'all' },
    'api-tokens': { read: 'all', create: 'all', delete: 'all' },
    'audit-events': { read: 'all' },
  },
  manager: {
    accounts: ADDRESS_BOOK_ALL,
    contacts: ADDRESS_BOOK_ALL,
    notes: { create: 'all', delete: 'own' },
    attachments: { read: 'all', create: 'all', delete: 'all' },
    imports: { read: 'own', create: 'all', undo: 'own' },
    users: { read: 'team', create: 'none', update: 'none' },
    sessions: { delete: 'none' },
    'api-tokens': { read: 'none', create: 'none', delete: 'none' },
    'audit-events': { read: 'none' },
  },
  staff: {
    accounts: { ...ADDRESS_BOOK_ALL, delete: 'own', merge: 'none' },
    contacts: { ...ADDRESS_BOOK_ALL, delete: 'own', merge: 'none' },
    notes: { create: 'all', delete: 'own' },
    attachments: { read: 'all', create: 'all', delete: 'own' },
    imports: { read: 'none', create: 'none', undo: 'none' },
    users: { read: 'own', create: 'none', update: 'none' },
    sessions: { delete: 'none' },
    'api-tokens': { read: 'none', create: 'none', delete: 'none' },
    'audit-events': { read: 'none' },
  },
};

export function meAs(role: Role, user: Partial<User> = {}): Me {
  return {
    user: makeUser({ id: `${role}-1`, name: `Ada ${role}`, role, ...user }),
    team: { manager: null, reports: [] },
    permissions: ROLE_PERMISSIONS[role],
  };
}

/**
 * Stubs fetch for a signed-in session: `/me` answers `me`, `/auth/csrf` a token, and everything
 * else goes to `respond`. Only the requests `respond` saw are returned.
 */
export function stubSignedIn(respond: Responder, me: Me = meAs('admin')): RecordedRequest[] {
  const requests: RecordedRequest[] = [];
  stubFetch((request) => {
    if (request.url === '/api/v1/me') return jsonResponse(200, me);
    if (request.url === '/api/v1/auth/csrf')
      return jsonResponse(200, { csrfToken: TEST_CSRF_TOKEN });
    requests.push(request);
    return respond(request);
  });
  return requests;
}
