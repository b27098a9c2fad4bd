import { describe, expect, it } from 'vitest';
import { DomainError } from '@crm/errors';
import { parseNewUser, parseUserChanges } from './user.js';
import { parseNewApiToken } from './api-token.js';

const fieldPaths = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).fieldErrors.map((e) => e.path);
  }
  throw new Error('expected a validation error');
};

describe('parseNewUser', () => {
  it('lower-cases the email and trims the name', () => {
    expect(
      parseNewUser({
        email: ' Ann@Example.COM ',
        name: '  Ann  ',
        role: 'staff',
        password: 'twelve chars!',
      }),
    ).toEqual({
      email: 'ann@example.com',
      name: 'Ann',
      role: 'staff',
      managerId: null,
      password: 'twelve chars!',
    });
  });

  it('reports every field at fault', () => {
    expect(
      fieldPaths(() =>
        parseNewUser({
          email: 'not-an-email',
          name: 'A\u0000nn',
          role: undefined,
          managerId: 'bob',
          password: 'short',
        }),
      ),
    ).toEqual(['/email', '/name', '/role', '/managerId', '/password']);
    expect(
      fieldPaths(() =>
        parseNewUser({
          email: 'a@b.co',
          name: 'x'.repeat(201),
          role: 'admin',
          password: 'x'.repeat(12),
        }),
      ),
    ).toEqual(['/name']);
  });
});

describe('parseUserChanges', () => {
  it('keeps only what was given', () => {
    expect(parseUserChanges({ clearManager: false })).toEqual({});
    expect(parseUserChanges({ clearManager: true, active: false })).toEqual({
      managerId: null,
      active: false,
    });
  });

  it('refuses setting and clearing the manager at once', () => {
    expect(
      fieldPaths(() =>
        parseUserChanges({ clearManager: true, managerId: '0193a1b2-0000-7000-8000-000000000001' }),
      ),
    ).toEqual(['/managerId']);
  });
});

describe('parseNewApiToken', () => {
  const now = new Date('2026-12-01T10:00:00Z');

  it('orders and de-duplicates scopes', () => {
    expect(parseNewApiToken({ name: ' CI ', scopes: ['write', 'read', 'write'] }, now)).toEqual({
      name: 'CI',
      scopes: ['read', 'write'],
      expiresAt: null,
    });
  });

  it('refuses unknown or no scopes, long names and past expiries', () => {
    expect(
      fieldPaths(() =>
        parseNewApiToken(
          { name: 'x'.repeat(101), scopes: ['root'], expiresAt: '2026-11-30T00:00:00Z' },
          now,
        ),
      ),
    ).toEqual(['/name', '/scopes', '/expiresAt']);
    expect(fieldPaths(() => parseNewApiToken({ name: 'CI', scopes: [] }, now))).toEqual([
      '/scopes',
    ]);
  });
});
