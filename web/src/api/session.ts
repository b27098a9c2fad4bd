import { z } from 'zod';
import { parseWith } from './decode.js';
import { apiRequest, setCsrfToken } from './http.js';
import { userSchema, type User } from './users.js';

export const ACCESS_SCOPES = ['all', 'team', 'own', 'none'] as const;
/** Which rows an action reaches: every row, the caller's team's, the caller's own, or none at all. */
export type AccessScope = (typeof ACCESS_SCOPES)[number];

/** resource → action → scope, e.g. `permissions['users']['read'] === 'team'`. */
export type Permissions = Readonly<Record<string, Readonly<Record<string, AccessScope>>>>;

const teamMemberSchema = z.object({ id: z.string(), name: z.string() });

const meSchema = z.object({
  user: userSchema,
  team: z.object({ manager: teamMemberSchema.nullable(), reports: z.array(teamMemberSchema) }),
  permissions: z.record(z.string(), z.record(z.string(), z.enum(ACCESS_SCOPES))),
});
export type Me = z.output<typeof meSchema>;

const loginSchema = z.object({ user: userSchema, csrfToken: z.string() });

export interface Credentials {
  readonly email: string;
  readonly password: string;
}

export interface ChangePasswordInput {
  readonly currentPassword: string;
  readonly newPassword: string;
}

/** The scope `permissions` grant for `action` on `resource`; anything not listed is `none`. */
export function scopeOf(permissions: Permissions, resource: string, action: string): AccessScope {
  return permissions[resource]?.[action] ?? 'none';
}

/** Signs in, keeping the session's CSRF token for the writes that follow. */
export async function signIn(credentials: Credentials): Promise<User> {
  const { user, csrfToken } = parseWith(
    loginSchema,
    await apiRequest('/auth/login', { method: 'POST', body: credentials, anonymous: true }),
    'login',
  );
  setCsrfToken(csrfToken);
  return user;
}

export async function signOut(): Promise<void> {
  await apiRequest('/auth/logout', { method: 'POST' });
  setCsrfToken(null);
}

export async function getMe(signal?: AbortSignal): Promise<Me> {
  return parseWith(meSchema, await apiRequest('/me', { signal }), 'me');
}

export async function changePassword(input: ChangePasswordInput): Promise<void> {
  await apiRequest('/me/password', { method: 'PUT', body: input });
}
