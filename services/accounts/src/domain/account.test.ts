import { describe, expect, it } from 'vitest';
import { DomainError } from '@crm/errors';
import { parseAccountPatch, parseNewAccount } from './account.js';

const pathsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.fieldErrors.map((e) => e.path);
    throw error;
  }
  throw new Error('expected a DomainError');
};

describe('parseNewAccount', () => {
  it('trims the name, normalises every field and fills the defaults', () => {
    expect(
      parseNewAccount({
        name: '  Acme  ',
        domain: ' https://WWW.Acme.com/about ',
        industry: ' Manufacturing ',
        size: '51-200',
        address: { street: ' 1 Main St ', city: 'Springfield', country: 'us' },
        phone: ' +1  555 0100 ',
        website: 'acme.com/about',
        status: 'Customer',
        tags: ['Key Account', 'key  account', ' B2B '],
        notes: '  Met at the fair.\nCall back in May. ',
      }),
    ).toEqual({
      name: 'Acme',
      domain: 'acme.com',
      industry: 'Manufacturing',
      size: '51-200',
      address: {
        street: '1 Main St',
        city: 'Springfield',
        region: '',
        postalCode: '',
        country: 'US',
      },
      phone: '+1 555 0100',
      website: 'https://acme.com/about',
      ownerId: null,
      status: 'customer',
      tags: ['b2b', 'key account'],
      notes: 'Met at the fair.\nCall back in May.',
    });
  });

  it('treats blank values as unknown, and an address without parts as none', () => {
    expect(
      parseNewAccount({ name: 'Acme', domain: '  ', size: '', address: { street: ' ' } }),
    ).toMatchObject({ domain: null, size: null, address: null, status: 'prospect', tags: [] });
  });

  it('reports every field at fault', () => {
    expect(
      pathsOf(() =>
        parseNewAccount({
          name: ' ',
          domain: 'not a domain',
          size: 'huge',
          status: 'lead',
          website: 'javascript:alert(1)',
          phone: 'call me',
          address: { country: 'Germany' },
          tags: ['a;b'],
        }),
      ),
    ).toEqual([
      '/name',
      '/domain',
      '/size',
      '/address/country',
      '/phone',
      '/website',
      '/status',
      '/tags',
    ]);
  });

  it('rejects control characters and owner ids that are not user ids', () => {
    expect(() => parseNewAccount({ name: 'Ac\u0000me' })).toThrow(DomainError);
    expect(() => parseNewAccount({ name: 'Acme', ownerId: 'bob' })).toThrow(DomainError);
    expect(
      parseNewAccount({ name: 'Acme', ownerId: '0193A1B2-0000-7000-8000-000000000001' }).ownerId,
    ).toBe('0193a1b2-0000-7000-8000-000000000001');
  });

  it('rejects names over 200 characters and notes over 10 000', () => {
    expect(() => parseNewAccount({ name: 'x'.repeat(201) })).toThrow(DomainError);
    expect(pathsOf(() => parseNewAccount({ name: 'x', notes: 'n'.repeat(10_001) }))).toEqual([
      '/notes',
    ]);
  });
});

describe('parseAccountPatch', () => {
  it('keeps only the fields given, with empty values clearing', () => {
    expect(parseAccountPatch({ domain: '', tags: [], size: '', address: {} })).toEqual({
      domain: null,
      tags: [],
      size: null,
      address: null,
    });
    expect(parseAccountPatch({})).toEqual({});
  });

  it('refuses to clear the name or the status', () => {
    expect(pathsOf(() => parseAccountPatch({ name: '', status: '' }))).toEqual([
      '/name',
      '/status',
    ]);
  });
});
