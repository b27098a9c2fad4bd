import { describe, expect, it } from 'vitest';
import { DomainError } from '@crm/errors';
import { decodeKeysetCursor, encodeKeysetCursor, pageSize } from './keyset.js';

describe('keyset cursors', () => {
  it('round-trip', () => {
    const cursor = { tag: 'users', value: 'Ada', id: 'u-1' };
    expect(decodeKeysetCursor(encodeKeysetCursor(cursor))).toEqual(cursor);
  });

  it('refuse anything this API did not issue, on /cursor', () => {
    for (const raw of [
      '',
      'nope',
      Buffer.from('[1,2,3]').toString('base64url'),
      Buffer.from('["a","b"]').toString('base64url'),
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
});
