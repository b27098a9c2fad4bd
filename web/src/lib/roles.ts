import type { MantineColor } from '@mantine/core';
import type { Role } from '../api/users.js';

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  admin: 'Admin',
  manager: 'Manager',
  staff: 'Staff',
};

export const ROLE_COLORS: Readonly<Record<Role, MantineColor>> = {
  admin: 'grape',
  manager: 'teal',
  staff: 'gray',
};
