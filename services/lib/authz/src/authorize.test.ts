import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DomainError } from '@crm/errors';
import { authorize, permissionsOf, visibilityOf } from './authorize.js';
import { permissionMatrix, roles } from './permission-matrix.js';
import { renderPermissionMatrix } from './render-matrix.js';

const staff = { kind: 'user', userId: 'u1', role: 'staff' } as const;
const manager = { kind: 'user', userId: 'u2', role: 'manager' } as const;
const admin = { kind: 'user', userId: 'u3', role: 'admin' } as const;

describe('authorize', () => {
  it('refuses anonymous callers as unauthenticated and others as permission_denied', () => {
    expect(() => authorize({ kind: 'anonymous' }, 'accounts', 'read')).toThrow(
      expect.objectContaining({ code: 'unauthenticated' }),
    );
    expect(() => authorize(staff, 'audit-events', 'read')).toThrow(
      expect.objectContaining({ code: 'permission_denied' }),
    );
  });

  it('returns the visibility the role has', () => {
    expect(authorize(staff, 'users', 'read')).toBe('own');
    expect(authorize(manager, 'users', 'read')).toBe('team');
    expect(authorize(admin, 'users', 'read')).toBe('all');
    expect(authorize(staff, 'accounts', 'create')).toBe('all');
  });

  it('lets staff remove only their own address-book records and never merge them', () => {
    expect(authorize(staff, 'accounts', 'delete')).toBe('own');
    expect(authorize(manager, 'contacts', 'delete')).toBe('all');
    expect(visibilityOf(staff, 'contacts', 'merge')).toBe('none');
    expect(authorize(manager, 'accounts', 'merge')).toBe('all');
    expect(authorize(manager, 'notes', 'delete')).toBe('own');
    expect(authorize(admin, 'notes', 'delete')).toBe('all');
    expect(authorize(staff, 'attachments', 'delete')).toBe('own');
  });

  it('keeps imports away from staff and lets managers see and undo only their own', () => {
    expect(visibilityOf(staff, 'imports', 'create')).toBe('none');
    expect(authorize(manager, 'imports', 'create')).toBe('all');
    expect(authorize(manager, 'imports', 'undo')).toBe('own');
    expect(authorize(admin, 'imports', 'read')).toBe('all');
    const writeToken = { ...admin, scopes: ['write' as const] };
    expect(visibilityOf(writeToken, 'imports', 'undo')).toBe('all');
    expect(visibilityOf(writeToken, 'imports', 'read')).toBe('none');
  });

  it('limits API tokens to their scopes on top of the role', () => {
    const readToken = { ...admin, scopes: ['read' as const] };
    expect(visibilityOf(readToken, 'accounts', 'read')).toBe('all');
    expect(visibilityOf(readToken, 'accounts', 'create')).toBe('none');
    expect(visibilityOf(readToken, 'users', 'read')).toBe('none');
    expect(visibilityOf({ ...admin, scopes: ['admin' as const] }, 'users', 'create')).toBe('all');
    expect(() => authorize(readToken, 'accounts', 'create')).toThrow(DomainError);
  });

  it('gives every resource and action a decision for every role', () => {
    for (const actions of Object.values(permissionMatrix)) {
      for (const row of Object.values(actions)) {
        for (const role of roles)
          expect(['all', 'team', 'own', 'none']).toContain((row as Record<string, string>)[role]);
      }
    }
    expect(permissionsOf(staff)['api-tokens']).toEqual({
      read: 'none',
      create: 'none',
      delete: 'none',
    });
  });
});

describe('docs/permissions.md', () => {
  it('is the rendering of the matrix the code enforces (npm run docs:permissions)', () => {
    const written = readFileSync(
      new URL('../../../../docs/permissions.md', import.meta.url),
      'utf8',
    );
    expect(written).toBe(renderPermissionMatrix());
  });
});
