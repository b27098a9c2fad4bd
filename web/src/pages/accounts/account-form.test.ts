import { describe, expect, it } from 'vitest';
import {
  normaliseDomain,
  toCreateAccountInput,
  validateDomain,
  validateName,
} from './account-form.js';

const INVALID_DOMAIN = 'Enter a domain such as acme.com';

describe('normaliseDomain', () => {
  it('applies the server normalisation: trim, lower-case, scheme, path and a leading www.', () => {
    expect(normaliseDomain('  https://WWW.Acme.com/about/us ')).toBe('acme.com');
    expect(normaliseDomain('http://acme.com')).toBe('acme.com');
    expect(normaliseDomain('acme.com/x')).toBe('acme.com');
    expect(normaliseDomain('www.www.acme.com')).toBe('www.acme.com');
  });

  it('treats a blank field as no domain', () => {
    expect(normaliseDomain('')).toBeNull();
    expect(normaliseDomain('   ')).toBeNull();
  });
});

describe('validateDomain', () => {
  it.each([
    '',
    '   ',
    'acme.com',
    'ACME.COM',
    'https://acme.com/x',
    'http://www.acme.co.uk/',
    'www.acme.io',
    'a-b.example.org',
    'xn--bcher-kva.example',
    'acme.c0',
  ])('accepts %j', (value) => {
    expect(validateDomain(value)).toBeNull();
  });

  it.each([
    '1.2.3.4',
    'acme.c',
    'acme.1com',
    'localhost',
    'acme',
    'not a domain',
    '-acme.com',
    'acme-.com',
    'acme..com',
    'acme.com-',
    'https://',
    'ftp://acme.com',
    'acme.com?x=1',
    `${'a'.repeat(64)}.com`,
  ])('rejects %j', (value) => {
    expect(validateDomain(value)).toBe(INVALID_DOMAIN);
  });

  it('enforces 253 characters', () => {
    const label = 'a'.repeat(63);
    // Three 63-character labels, one of 57, the TLD and four dots: 253 characters.
    const longest = `${label}.${label}.${label}.${'a'.repeat(57)}.com`;
    expect(longest).toHaveLength(253);
    expect(validateDomain(longest)).toBeNull();
    expect(validateDomain(`a${longest}`)).toBe('Domain must be at most 253 characters');
    // Normalised within the limit but longer as typed: the gateway refuses it before normalising.
    expect(validateDomain(`https://${longest}`)).toBe('Domain must be at most 253 characters');
  });
});

describe('validateName', () => {
  it('requires 1 to 200 characters after trimming', () => {
    expect(validateName('')).toBe('Name is required');
    expect(validateName('   ')).toBe('Name is required');
    expect(validateName('A')).toBeNull();
    expect(validateName(` ${'n'.repeat(200)} `)).toBeNull();
    expect(validateName('n'.repeat(201))).toBe('Name must be at most 200 characters');
  });
});

describe('toCreateAccountInput', () => {
  it('trims the name and sends the domain trimmed and lower-cased, leaving out a blank one', () => {
    expect(toCreateAccountInput({ name: ' Acme ', domain: ' HTTPS://Acme.com/x ' })).toEqual({
      name: 'Acme',
      domain: 'https://acme.com/x',
    });
    expect(toCreateAccountInput({ name: 'Acme', domain: '  ' })).toEqual({ name: 'Acme' });
  });
});
