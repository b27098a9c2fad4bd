import { describe, expect, it } from 'vitest';
import { visibleNavItems } from '../layout/nav-items.js';
import { ROLE_PERMISSIONS } from '../test/session-fixtures.js';
import { canOpen } from './access.js';

function labelsFor(role: keyof typeof ROLE_PERMISSIONS): string[] {
  return visibleNavItems(ROLE_PERMISSIONS[role]).map((item) => item.label);
}

describe('navigation by permissions', () => {
  it('shows each role what it may open', () => {
    expect(labelsFor('admin')).toEqual(['Accounts', 'Users', 'API tokens', 'Audit log']);
    expect(labelsFor('manager')).toEqual(['Accounts', 'Users']);
    expect(labelsFor('staff')).toEqual(['Accounts']);
  });

  it('treats an action the matrix does not list as not allowed', () => {
    expect(canOpen('audit-log', {})).toBe(false);
    expect(canOpen('users', { users: { read: 'own' } })).toBe(false);
    expect(canOpen('users', { users: { read: 'team' } })).toBe(true);
  });
});
