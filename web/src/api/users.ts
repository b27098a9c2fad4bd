import type { Page } from './page.js';
import {
  expectArray,
  expectBoolean,
  expectNullableString,
  expectOneOf,
  expectRecord,
  expectString,
} from './decode.js';
import { apiRequest } from './http.js';

export const ROLES = ['admin', 'manager', 'staff'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly managerId: string | null;
  readonly active: boolean;
  /** RFC 3339. */
  readonly createdAt: string;
  readonly updatedAt: string;
}

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

export function parseUser(value: unknown): User {
  const record = expectRecord(value, 'user');
  return {
    id: expectString(record, 'id', 'user'),
    email: expectString(record, 'email', 'user'),
    name: expectString(record, 'name', 'user'),
    role: expectOneOf(record.role, ROLES, 'user.role'),
    managerId: expectNullableString(record, 'managerId', 'user'),
    active: expectBoolean(record, 'active', 'user'),
    createdAt: expectString(record, 'createdAt', 'user'),
    updatedAt: expectString(record, 'updatedAt', 'user'),
  };
}

function parseUserPage(value: unknown): Page<User> {
  const record = expectRecord(value, 'users page');
  return {
    items: expectArray(record.items, 'users page.items').map(parseUser),
    nextCursor: expectNullableString(record, 'nextCursor', 'users page'),
  };
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
  return parseUserPage(body);
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
