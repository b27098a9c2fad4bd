import { describe, expect, it } from 'vitest';
import { DomainError } from '@crm/errors';
import { parseNewAccount } from './account.js';

describe('parseNewAccount', () => {
  it('trims the name and normalises the domain', () => {
    expect(parseNewAccount({ name: '  Acme  ', domain: ' https://WWW.Acme.com/about ' })).toEqual({
      name: 'Acme',
      domain: 'acme.com',
      ownerId: null,
    });
  });

  it('treats an empty domain as none', () => {
    expect(parseNewAccount({ name: 'Acme', domain: '  ' }).domain).toBeNull();
  });

  it('reports every field at fault', () => {
    let caught: unknown;
    try {
      parseNewAccount({ name: ' ', domain: 'not a domain' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect((caught as DomainError).fieldErrors.map((e) => e.path)).toEqual(['/name', '/domain']);
  });

  it('rejects control characters and owner ids that are not user ids', () => {
    expect(() => parseNewAccount({ name: 'Ac\u0000me' })).toThrow(DomainError);
    expect(() => parseNewAccount({ name: 'Acme', ownerId: 'bob' })).toThrow(DomainError);
    expect(
      parseNewAccount({ name: 'Acme', ownerId: '0193a1b2-0000-7000-8000-000000000001' }).ownerId,
    ).toBe('0193a1b2-0000-7000-8000-000000000001');
  });

  it('rejects names over 200 characters', () => {
    expect(() => parseNewAccount({ name: 'x'.repeat(201) })).toThrow(DomainError);
  });
});
