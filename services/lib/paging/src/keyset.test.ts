import { describe, expect, it } from 'vitest';
import { DomainError } from '@crm/errors';
import { decodeKeysetCursor, encodeKeysetCursor, isExactTimestamp, pageSize } from './keyset.js';

describe('keyset cursors', () => {
  it('round-trip', () => {
    const cursor = { tag: 'users', value: 'Ada', id: 'u-1' };
    expect(decodeKeysetCursor(encodeKeysetCursor(cursor))).toEqual(cursor);
    const unusual = { tag: 'name', value: 'Zoë "Ω" \\ 名前 \u00a0😀', id: 'u-2' };
    expect(decodeKeysetCursor(encodeKeysetCursor(unusual))).toEqual(unusual);
  });

  it('refuse anything this API did not issue, on /cursor', () => {
    for (const raw of [
      '',
      'nope',
      Buffer.from('[1,2,3]').toString('base64url'),
      Buffer.from('["a","b"]').toString('base64url'),
      encodeKeysetCursor({ tag: 'users', value: 'Ann\u0000', id: 'u-1' }),
      encodeKeysetCursor({ tag: 'users', value: 'Ann', id: 'u-1\u009f' }),
      encodeKeysetCursor({ tag: 'us\u001bers', value: 'Ann', id: 'u-1' }),
    ]) {
      let caught: unknown;
      try {
        decodeKeysetCursor(raw);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(DomainError);
      expect((caught as DomainError).fieldErrors[0]?.path).toBe('/cursor');
    }
  });
});

describe('pageSize', () => {
  it('defaults 0 to 50 and bounds the rest to 1..200', () => {
    expect(pageSize(0)).toBe(50);
    expect(pageSize(200)).toBe(200);
    expect(() => pageSize(201)).toThrow(DomainError);
    expect(() => pageSize(-1)).toThrow(DomainError);
  });

  it('takes timestamps as PostgreSQL writes them, and only moments that exist', () => {
    expect(isExactTimestamp('2026-11-24T10:00:00Z')).toBe(true);
    expect(isExactTimestamp('2026-11-24T10:00:00.123456Z')).toBe(true);
    expect(isExactTimestamp('2026-02-30T00:00:00Z')).toBe(false);
    expect(isExactTimestamp('0000-01-01T00:00:00Z')).toBe(false);
    expect(isExactTimestamp('2026-11-24 10:00:00')).toBe(false);
  });
});
