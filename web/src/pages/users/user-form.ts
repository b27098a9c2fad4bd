import type { ComboboxItem } from '@mantine/core';
import type { CreateUserInput, Role, User } from '../../api/users.js';
import { ROLES } from '../../api/users.js';
import { ROLE_LABELS } from '../../lib/roles.js';

export interface CreateUserValues {
  name: string;
  email: string;
  role: Role;
  managerId: string | null;
  password: string;
}

// Deliberately loose: the server has the last word; this only catches obvious slips.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const ROLE_OPTIONS: readonly ComboboxItem[] = ROLES.map((role) => ({
  value: role,
  label: ROLE_LABELS[role],
}));

export function isRole(value: string | null): value is Role {
  return ROLES.some((role) => role === value);
}

export function validateUserName(value: string): string | null {
  return value.trim() === '' ? 'Name is required' : null;
}

export function validateEmail(value: string): string | null {
  const email = value.trim();
  if (email === '') return 'Email is required';
  return EMAIL.test(email) ? null : 'Enter an email address such as jane@example.com';
}

export function toCreateUserInput(values: CreateUserValues): CreateUserInput {
  const input = {
    name: values.name.trim(),
    email: values.email.trim(),
    role: values.role,
    password: values.password,
  };
  return values.managerId === null ? input : { ...input, managerId: values.managerId };
}

/** Who can be picked as someone's manager: active users other than the person themselves. */
export function managerOptions(users: readonly User[], exceptId?: string): ComboboxItem[] {
  return users
    .filter((user) => user.active && user.id !== exceptId)
    .map((user) => ({ value: user.id, label: `${user.name} (${user.email})` }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/**
 * Mantine hides a picker's clear button from assistive technology and the keyboard; clearing the
 * manager is a real choice ("no manager"), so the button is labelled and reachable here.
 */
export const CLEAR_MANAGER_BUTTON_PROPS = {
  'aria-label': 'Clear manager',
  'aria-hidden': false,
  tabIndex: 0,
} as const;
