import { describe, expect, it } from 'vitest';
import { endOfLocalDay, toCreateApiTokenInput, validateExpiresOn } from './api-token-form.js';

describe('endOfLocalDay', () => {
  it('is the last millisecond of a real calendar day', () => {
    expect(endOfLocalDay('2025-02-28')).toEqual(new Date(2025, 1, 28, 23, 59, 59, 999));
    expect(endOfLocalDay('2025-02-30')).toBeNull();
    expect(endOfLocalDay('28/02/2025')).toBeNull();
  });
});

describe('validateExpiresOn', () => {
  const now = new Date(2025, 5, 15, 12, 0);

  it('allows no expiry, today and later days', () => {
    expect(validateExpiresOn('', now)).toBeNull();
    expect(validateExpiresOn('2025-06-15', now)).toBeNull();
    expect(validateExpiresOn('2026-01-01', now)).toBeNull();
  });

  it('refuses past days and non-dates', () => {
    expect(validateExpiresOn('2025-06-14', now)).toBe('Choose a date from today on');
    expect(validateExpiresOn('2025-13-01', now)).toBe('Enter a date');
  });
});

describe('toCreateApiTokenInput', () => {
  it('trims the name, orders the scopes and leaves out a missing expiry', () => {
    expect(
      toCreateApiTokenInput({ name: ' CI ', scopes: ['admin', 'read'], expiresOn: '' }),
    ).toEqual({ name: 'CI', scopes: ['read', 'admin'] });
  });
});
