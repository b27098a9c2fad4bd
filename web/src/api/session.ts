import {
  expectArray,
  expectOneOf,
  expectRecord,
  expectString,
  isRecord,
  ResponseShapeError,
} from './decode.js';
import { apiRequest, setCsrfToken } from './http.js';
import { parseUser, type User } from './users.js';

export const ACCESS_SCOPES = ['all', 'team', 'own', 'none'] as const;
/** Which rows an action reaches: every row, the caller's team's, the caller's own, or none at all. */
export type AccessScope = (typeof ACCESS_SCOPES)[number];

/** resource → action → scope, e.g. `permissions['users']['read'] === 'team'`. */
export type Permissions = Readonly<Record<string, Readonly<Record<string, AccessScope>>>>;

export interface TeamMember {
  readonly id: string;
  readonly name: string;
}

export interface Me {
  readonly user: User;
  readonly team: {
    readonly manager: TeamMember | null;
    readonly reports: readonly TeamMember[];
  };
  readonly permissions: Permissions;
}

export interface Credentials {
  readonly email: string;
  readonly password: string;
}

export interface ChangePasswordInput {
  readonly currentPassword: string;
  readonly newPassword: string;
}

function parseTeamMember(value: unknown, what: string): TeamMember {
  const record = expectRecord(value, what);
  return { id: expectString(record, 'id', what), name: expectString(record, 'name', what) };
}

function parsePermissions(value: unknown): Permissions {
  const resources = expectRecord(value, 'me.permissions');
  return Object.fromEntries(
    Object.entries(resources).map(([resource, actions]) => {
      if (!isRecord(actions)) {
        throw new ResponseShapeError(`me.permissions.${resource}: expected an object`);
      }
      const scopes = Object.entries(actions).map(([action, scope]): [string, AccessScope] => [
        action,
        expectOneOf(scope, ACCESS_SCOPES, `me.permissions.${resource}.${action}`),
      ]);
      return [resource, Object.fromEntries(scopes)];
    }),
  );
}

export function parseMe(value: unknown): Me {
  const record = expectRecord(value, 'me');
  const team = expectRecord(record.team, 'me.team');
  return {
    user: parseUser(record.user),
    team: {
      manager: team.manager == null ? null : parseTeamMember(team.manager, 'me.team.manager'),
      reports: expectArray(team.reports, 'me.team.reports').map((report) =>
        parseTeamMember(report, 'me.team.reports[]'),
      ),
    },
    permissions: parsePermissions(record.permissions),
  };
}

/** The scope `permissions` grant for `action` on `resource`; anything not listed is `none`. */
export function scopeOf(permissions: Permissions, resource: string, action: string): AccessScope {
  return permissions[resource]?.[action] ?? 'none';
}

/** Signs in, keeping the session's CSRF token for the writes that follow. */
export async function signIn(credentials: Credentials): Promise<User> {
  const body = expectRecord(
    await apiRequest('/auth/login', { method: 'POST', body: credentials, anonymous: true }),
    'login',
  );
  const user = parseUser(body.user);
  setCsrfToken(expectString(body, 'csrfToken', 'login'));
  return user;
}

export async function signOut(): Promise<void> {
  await apiRequest('/auth/logout', { method: 'POST' });
  setCsrfToken(null);
}

export async function getMe(signal?: AbortSignal): Promise<Me> {
  return parseMe(await apiRequest('/me', { signal }));
}

export async function changePassword(input: ChangePasswordInput): Promise<void> {
  await apiRequest('/me/password', { method: 'PUT', body: input });
}
