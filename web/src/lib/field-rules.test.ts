import { describe, expect, it } from 'vitest';
import {
  isEmail,
  normaliseDomain,
  normaliseTags,
  phoneDigits,
  unite,
  validateCountry,
  validateDomain,
  validateEach,
  validateEmail,
  validateLine,
  validatePhone,
  validateTags,
  validateText,
  validateWebsite,
} from './field-rules.js';

const INVALID_DOMAIN = 'Enter a domain such as acme.com';

describe('normaliseDomain', () => {
  it('applies the server normalisation: trim, lower-case, scheme, path, query and a leading www.', () => {
    expect(normaliseDomain('  https://WWW.Acme.com/about/us ')).toBe('acme.com');
    expect(normaliseDomain('http://acme.com')).toBe('acme.com');
    expect(normaliseDomain('acme.com/x')).toBe('acme.com');
    expect(normaliseDomain('acme.com?x=1')).toBe('acme.com');
    expect(normaliseDomain('acme.com#top')).toBe('acme.com');
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
    'acme.com?x=1',
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

describe('validateLine and validateText', () => {
  it('bounds a line and refuses control characters, requiring it only when asked', () => {
    expect(validateLine('Name', '  ', 10, true)).toBe('Name is required');
    expect(validateLine('Title', '  ', 10)).toBeNull();
    expect(validateLine('Title', ` ${'t'.repeat(10)} `, 10)).toBeNull();
    expect(validateLine('Title', 't'.repeat(11), 10)).toBe('Title must be at most 10 characters');
    expect(validateLine('Title', 'a\u0000b', 10)).toBe('Title must not contain control characters');
  });

  it('keeps line breaks and tabs in free text', () => {
    expect(validateText('Notes', 'one\n\ttwo', 100)).toBeNull();
    expect(validateText('Notes', 'bell\u0007', 100)).toBe(
      'Notes must not contain control characters',
    );
    expect(validateText('Notes', 'x'.repeat(101), 100)).toBe(
      'Notes must be at most 100 characters',
    );
  });
});

describe('phones', () => {
  it.each(['+44 20 7946 0958', '(030) 123-456', '030/1234 x12', '555 0100 ext. 7', ''])(
    'accepts %j',
    (value) => {
      expect(validatePhone(value)).toBeNull();
    },
  );

  it.each(['12', 'call me', '+44 20 7946 0958 maybe', '1'.repeat(21), `+${'1 '.repeat(30)}`])(
    'rejects %j',
    (value) => {
      expect(validatePhone(value)).toBe('Enter a phone number such as +44 20 7946 0958');
    },
  );

  it('compares numbers by their digits, without the extension', () => {
    expect(phoneDigits('+44 (20) 7946-0958 x12')).toBe('442079460958');
    expect(unite(['+1 555 0100', '1-555-0100', null, '555 0101'], phoneDigits)).toEqual([
      '+1 555 0100',
      '555 0101',
    ]);
  });
});

describe('emails', () => {
  it('accepts what the server stores and refuses the rest', () => {
    expect(isEmail(' Ada@Example.COM ')).toBe(true);
    expect(isEmail('mailto:ada@example.com')).toBe(true);
    expect(isEmail('ada@localhost')).toBe(false);
    expect(isEmail('.ada@example.com')).toBe(false);
    expect(isEmail('a..da@example.com')).toBe(false);
    expect(validateEmail('')).toBeNull();
    expect(validateEmail('ada@')).toBe('Enter an email address such as ada@example.com');
  });

  it('names the first bad value of a list, and bounds its length', () => {
    expect(validateEach(['ada@example.com', ' nope '], validateEmail, 20, 'addresses')).toBe(
      '“nope”: Enter an email address such as ada@example.com',
    );
    expect(validateEach(['a@b.co', 'c@d.co'], validateEmail, 1, 'further addresses')).toBe(
      'Enter at most 1 further addresses',
    );
    expect(validateEach(['', 'a@b.co'], validateEmail, 1, 'addresses')).toBeNull();
  });
});

describe('validateWebsite', () => {
  it.each(['', 'acme.com', 'https://acme.com/about?x=1', 'http://www.acme.co.uk'])(
    'accepts %j',
    (value) => {
      expect(validateWebsite(value)).toBeNull();
    },
  );

  it('refuses other schemes, credentials and non-hosts', () => {
    expect(validateWebsite('javascript:alert(1)')).toBe(
      'Enter a web address such as https://acme.com',
    );
    expect(validateWebsite('ftp://acme.com')).toBe('Enter an http or https address');
    expect(validateWebsite('https://me:secret@acme.com')).toBe(
      'Leave the user name and password out of the address',
    );
    expect(validateWebsite('https://localhost')).toBe(
      'Enter a web address such as https://acme.com',
    );
  });
});

describe('tags', () => {
  it('stores them trimmed, lower-case, single-spaced, unique and sorted', () => {
    expect(normaliseTags([' VIP ', 'key  account', 'vip', '', 'Beta'])).toEqual([
      'beta',
      'key account',
      'vip',
    ]);
  });

  it('refuses separators, long tags and too many', () => {
    expect(validateTags(['a;b'])).toBe('“a;b” must not contain “;” or “,”');
    expect(validateTags(['x'.repeat(51)])).toBe(`“${'x'.repeat(51)}” is longer than 50 characters`);
    expect(validateTags(Array.from({ length: 51 }, (_, i) => `t${i}`))).toBe('Use at most 50 tags');
    expect(validateTags(['ok', 'fine'])).toBeNull();
  });
});

describe('validateCountry', () => {
  it('takes a two-letter code in any case, or nothing', () => {
    expect(validateCountry('de')).toBeNull();
    expect(validateCountry('')).toBeNull();
    expect(validateCountry('DEU')).toBe('Enter a two-letter country code such as DE');
  });
});
