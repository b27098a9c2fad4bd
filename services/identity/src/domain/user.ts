import type { Role } from '@crm/authz';
import { DomainError, type FieldError } from '@crm/errors';
import { MIN_PASSWORD_LENGTH } from '../config.js';

export const USER_NAME_MAX_LENGTH = 200;
export const EMAIL_MAX_LENGTH = 254;
/** Long enough for any passphrase, short enough that hashing it cannot be abused. */
export const MAX_PASSWORD_LENGTH = 1024;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// One @, no spaces, a dot in the domain: what a sign-in form needs, not full RFC 5322.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// C0/C1 control characters (NUL among them) have no place in a name and PostgreSQL rejects NUL.
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/** User ids are UUIDs; anything else cannot name a user. */
export function isUserId(value: string): boolean {
  return UUID.test(value);
}

/** Emails compare case-insensitively; they are stored and looked up lower-cased. */
export function normaliseEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

export function emailErrors(email: string): FieldError[] {
  if (email.length === 0) return [{ path: '/email', message: 'must not be empty' }];
  if (email.length > EMAIL_MAX_LENGTH)
    return [{ path: '/email', message: `must be at most ${EMAIL_MAX_LENGTH} characters` }];
  if (!EMAIL.test(email)) return [{ path: '/email', message: 'must be an email address' }];
  return [];
}

export function nameErrors(name: string, maxLength = USER_NAME_MAX_LENGTH): FieldError[] {
  const errors: FieldError[] = [];
  if (name.length === 0) errors.push({ path: '/name', message: 'must not be empty' });
  if (name.length > maxLength)
    errors.push({ path: '/name', message: `must be at most ${maxLength} characters` });
  if (CONTROL_CHARACTERS.test(name))
    errors.push({ path: '/name', message: 'must not contain control characters' });
  return errors;
}

export function passwordErrors(password: string, path = '/password'): FieldError[] {
  if (password.length < MIN_PASSWORD_LENGTH)
    return [{ path, message: `must be at least ${MIN_PASSWORD_LENGTH} characters` }];
  if (password.length > MAX_PASSWORD_LENGTH)
    return [{ path, message: `must be at most ${MAX_PASSWORD_LENGTH} characters` }];
  return [];
}

export function managerIdErrors(managerId: string | null): FieldError[] {
  return managerId !== null && !isUserId(managerId)
    ? [{ path: '/managerId', message: 'must be a user id' }]
    : [];
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  managerId: string | null;
  password: string;
}

export interface NewUserInput {
  email: string;
  name: string;
  role: Role | undefined;
  managerId?: string | undefined;
  password: string;
}

/** Normalises a new user, or explains every field at fault at once. */
export function parseNewUser(input: NewUserInput): NewUser {
  const email = normaliseEmail(input.email);
  const name = input.name.trim();
  const managerId = input.managerId?.trim() || null;
  const errors = [
    ...emailErrors(email),
    ...nameErrors(name),
    ...(input.role === undefined
      ? [{ path: '/role', message: 'must be admin, manager or staff' }]
      : []),
    ...managerIdErrors(managerId),
    ...passwordErrors(input.password),
  ];
  if (errors.length > 0 || input.role === undefined) throw DomainError.validation(errors);
  return { email, name, role: input.role, managerId, password: input.password };
}

export interface UserChanges {
  name?: string;
  role?: Role;
  /** null removes the manager. */
  managerId?: string | null;
  active?: boolean;
}

export interface UserChangesInput {
  name?: string | undefined;
  role?: Role | undefined;
  managerId?: string | undefined;
  clearManager: boolean;
  active?: boolean | undefined;
}

export function parseUserChanges(input: UserChangesInput): UserChanges {
  const changes: UserChanges = {};
  const errors: FieldError[] = [];
  if (input.name !== undefined) {
    changes.name = input.name.trim();
    errors.push(...nameErrors(changes.name));
  }
  if (input.role !== undefined) changes.role = input.role;
  if (input.clearManager && input.managerId !== undefined) {
    errors.push({ path: '/managerId', message: 'cannot be set and cleared at once' });
  } else if (input.clearManager) {
    changes.managerId = null;
  } else if (input.managerId !== undefined) {
    changes.managerId = input.managerId.trim();
    errors.push(...managerIdErrors(changes.managerId));
  }
  if (input.active !== undefined) changes.active = input.active;
  if (errors.length > 0) throw DomainError.validation(errors);
  return changes;
}
