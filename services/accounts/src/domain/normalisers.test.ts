import { describe, expect, it } from 'vitest';
import { normaliseEmail, normaliseEmails } from './email.js';
import { normaliseDomain } from './host-name.js';
import { normalisePhone, normalisePhones, phoneDigits } from './phone.js';
import { excerpt } from './normalised.js';
import { normaliseTags } from './tags.js';
import { normaliseLine } from './text-field.js';
import { normaliseWebsite, WEBSITE_MAX_LENGTH } from './website.js';

const value = <T>(result: { ok: true; value: T } | { ok: false; message: string }) =>
  result.ok ? result.value : `invalid: ${result.message}`;

describe('normaliseEmail', () => {
  it('lower-cases and trims, drops mailto: and treats blank as none', () => {
    expect(value(normaliseEmail(' Ada.Lovelace+crm@Example.COM '))).toBe(
      'ada.lovelace+crm@example.com',
    );
    expect(value(normaliseEmail('mailto:ada@example.com'))).toBe('ada@example.com');
    expect(value(normaliseEmail('  '))).toBeNull();
    expect(value(normaliseEmail(undefined))).toBeNull();
  });

  it('refuses what is not an address', () => {
    for (const raw of [
      'ada',
      'ada@',
      '@example.com',
      'ada@example',
      'a b@example.com',
      '.ada@example.com',
      'a..b@example.com',
      `${'a'.repeat(65)}@example.com`,
    ]) {
      expect(normaliseEmail(raw).ok, raw).toBe(false);
    }
  });

  it('keeps each address of a list once, leaving out the excluded one', () => {
    expect(value(normaliseEmails(['B@x.org', 'a@x.org', 'b@x.org', ''], 'a@x.org'))).toEqual([
      'b@x.org',
    ]);
    expect(value(normaliseEmails(['ok@x.org', 'nope']))).toMatch(/^invalid: "nope"/);
  });
});

describe('normalisePhone', () => {
  it('keeps the number as written, with single spaces', () => {
    expect(value(normalisePhone(' +44  20 7946 0958 '))).toBe('+44 20 7946 0958');
    expect(value(normalisePhone('(020) 7946-0958 ext. 12'))).toBe('(020) 7946-0958 ext. 12');
    expect(value(normalisePhone(''))).toBeNull();
  });

  it('refuses letters and numbers too short or too long', () => {
    for (const raw of ['call me', '12', '1'.repeat(21), '+44 20 ABC']) {
      expect(normalisePhone(raw).ok, raw).toBe(false);
    }
  });

  it('compares numbers by their digits', () => {
    expect(phoneDigits('+44 (20) 7946-0958 x12')).toBe('442079460958');
    expect(value(normalisePhones(['+44 20 7946 0958', '+44 (20) 7946-0958'], null))).toEqual([
      '+44 20 7946 0958',
    ]);
  });
});

describe('normaliseWebsite', () => {
  it('adds https to bare hosts and lower-cases the host', () => {
    expect(value(normaliseWebsite('Acme.com'))).toBe('https://acme.com');
    expect(value(normaliseWebsite('http://WWW.Acme.com/About?x=1'))).toBe(
      'http://www.acme.com/About?x=1',
    );
    expect(value(normaliseWebsite(' '))).toBeNull();
  });

  it('refuses other schemes, credentials and hosts without a dot', () => {
    for (const raw of [
      'javascript:alert(1)',
      'ftp://acme.com',
      'https://ann:pw@acme.com',
      'https://localhost',
      'https://',
    ]) {
      expect(normaliseWebsite(raw).ok, raw).toBe(false);
    }
  });

  it('bounds the address as stored, percent-encoded, not as typed', () => {
    // Each "ü" becomes "%C3%BC": 600 typed characters store as more than 3 000.
    const typed = `https://acme.com/${'ü'.repeat(600)}`;
    expect(typed.length).toBeLessThan(WEBSITE_MAX_LENGTH);
    expect(value(normaliseWebsite(typed))).toBe(
      `invalid: must be at most ${WEBSITE_MAX_LENGTH} characters once percent-encoded`,
    );
    const stored = value(normaliseWebsite(`acme.com/${'a'.repeat(WEBSITE_MAX_LENGTH - 17)}`));
    expect(stored).toHaveLength(WEBSITE_MAX_LENGTH);
  });
});

describe('normaliseTags', () => {
  it('lower-cases, single-spaces, removes repeats and sorts', () => {
    expect(value(normaliseTags(['VIP', ' key   account ', 'vip', '', 'null']))).toEqual([
      'key account',
      'null',
      'vip',
    ]);
  });

  it('refuses separators, long tags and too many', () => {
    expect(normaliseTags(['a;b']).ok).toBe(false);
    expect(normaliseTags(['a,b']).ok).toBe(false);
    expect(normaliseTags(['x'.repeat(51)]).ok).toBe(false);
    expect(normaliseTags(Array.from({ length: 51 }, (_, i) => `t${i}`)).ok).toBe(false);
    expect(normaliseTags(['vip\u202e']).ok).toBe(false);
  });
});

describe('messages about a value', () => {
  it('quote only its start, whatever its size', () => {
    const huge = 'x'.repeat(100_000);
    for (const result of [
      normaliseTags([huge]),
      normaliseEmails([`${huge}@`]),
      normalisePhones([huge]),
    ]) {
      expect(result.ok).toBe(false);
      expect(value(result).length).toBeLessThan(200);
      expect(value(result)).toContain(`"${'x'.repeat(60)}…"`);
    }
    expect(excerpt('short')).toBe('short');
    // Cut by characters: an emoji stays whole.
    expect(excerpt('😀'.repeat(61))).toBe(`${'😀'.repeat(60)}…`);
    expect(excerpt('😀'.repeat(60))).toBe('😀'.repeat(60));
  });
});

describe('normaliseLine', () => {
  it('refuses invisible formatting that disguises a line, but keeps joiners words need', () => {
    for (const raw of ['invoice\u202efdp.exe', 'Ac\u200bme', 'a\u2028b', 'a\u2066b', 'x\u00ady']) {
      expect(value(normaliseLine(raw, 100)), JSON.stringify(raw)).toBe(
        'invalid: must not contain invisible formatting characters',
      );
    }
    expect(value(normaliseLine('Ac\u0000me', 100))).toBe(
      'invalid: must not contain control characters',
    );
    // Persian "mi-khâham" is spelled with a zero-width non-joiner; family emoji with joiners.
    expect(value(normaliseLine('می\u200cخواهم', 100))).toBe('می\u200cخواهم');
    expect(value(normaliseLine('👩\u200d👧', 100))).toBe('👩\u200d👧');
  });
});

describe('normaliseDomain', () => {
  it('takes the host out of a pasted address', () => {
    expect(value(normaliseDomain('https://www.Acme.co.uk/about#team'))).toBe('acme.co.uk');
    expect(value(normaliseDomain('acme.com?ref=x'))).toBe('acme.com');
    expect(normaliseDomain('acme').ok).toBe(false);
  });
});
