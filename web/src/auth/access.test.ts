import { describe, expect, it } from 'vitest';
import { visibleNavItems } from '../layout/nav-items.js';
import { meAs, ROLE_PERMISSIONS } from '../test/session-fixtures.js';
import { allowsOn, canOpen } from './access.js';

function labelsFor(role: keyof typeof ROLE_PERMISSIONS): string[] {
  return visibleNavItems(ROLE_PERMISSIONS[role]).map((item) => item.label);
}

describe('navigation by permissions', () => {
  it('shows each role what it may open', () => {
    expect(labelsFor('admin')).toEqual([
      'Accounts',
      'Contacts',
      'Imports',
      'Users',
      'API tokens',
      'Audit log',
    ]);
    expect(labelsFor('manager')).toEqual(['Accounts', 'Contacts', 'Imports', 'Users']);
    expect(labelsFor('staff')).toEqual(['Accounts', 'Contacts']);
  });

  it('treats an action the matrix does not list as not allowed', () => {
    expect(canOpen('audit-log', {})).toBe(false);
    expect(canOpen('users', { users: { read: 'own' } })).toBe(false);
    expect(canOpen('users', { users: { read: 'team' } })).toBe(true);
    expect(canOpen('new-import', { imports: { read: 'own', create: 'none' } })).toBe(false);
  });
});

describe('allowsOn', () => {
  const me = meAs('manager', { id: 'm1' });
  const withReport = { ...me, team: { manager: null, reports: [{ id: 's1', name: 'Sam' }] } };

  it('applies the scope of the role to the record owner', () => {
    expect(allowsOn(me, 'accounts', 'delete', 'someone')).toBe(true);
    expect(allowsOn(me, 'notes', 'delete', 'm1')).toBe(true);
    expect(allowsOn(me, 'notes', 'delete', 'someone')).toBe(false);
    expect(allowsOn(me, 'notes', 'delete', null)).toBe(false);
    expect(allowsOn(meAs('staff'), 'accounts', 'merge', null)).toBe(false);
    const team = { ...withReport, permissions: { imports: { undo: 'team' as const } } };
    expect(allowsOn(team, 'imports', 'undo', 's1')).toBe(true);
    expect(allowsOn(team, 'imports', 'undo', 'x9')).toBe(false);
  });
});
