import { z } from 'zod';
import { parseWith, timestampSchema } from './decode.js';
import { apiRequest } from './http.js';
import { pageSchema, type Page } from './page.js';

export const ROLES = ['admin', 'manager', 'staff'] as const;
export type Role = (typeof ROLES)[number];

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  managerId: z.string().nullable(),
  active: z.boolean(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type User = z.output<typeof userSchema>;

const userPageSchema = pageSchema(userSchema);

export interface ListUsersParams {
  readonly q?: string;
  readonly cursor?: string | null;
  readonly limit?: number;
}

export interface CreateUserInput {
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly managerId?: string;
  readonly password: string;
}

export interface UpdateUserInput {
  readonly name?: string;
  readonly role?: Role;
  readonly managerId?: string | null;
  readonly active?: boolean;
}

function parseUser(value: unknown): User {
  return parseWith(userSchema, value, 'user');
}

function userPath(id: string): string {
  return `/users/${encodeURIComponent(id)}`;
}

export async function listUsers(
  params: ListUsersParams = {},
  signal?: AbortSignal,
): Promise<Page<User>> {
  const body = await apiRequest('/users', {
    query: { q: params.q, cursor: params.cursor, limit: params.limit },
    signal,
  });
  return parseWith(userPageSchema, body, 'users page');
}

export async function createUser(input: CreateUserInput): Promise<User> {
  return parseUser(await apiRequest('/users', { method: 'POST', body: input }));
}

export async function updateUser(id: string, input: UpdateUserInput): Promise<User> {
  return parseUser(await apiRequest(userPath(id), { method: 'PATCH', body: input }));
}

/** Signs the user out everywhere: all of their sessions end at once. */
export async function endUserSessions(id: string): Promise<void> {
  await apiRequest(`${userPath(id)}/sessions`, { method: 'DELETE' });
}
