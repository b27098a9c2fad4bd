import { describe, expect, it } from 'vitest';
import { DomainError } from '@crm/errors';
import { decodeCursor, encodeCursor, pageSize } from './cursor.js';

describe('cursor', () => {
  it('round-trips', () => {
    const cursor = { createdAt: new Date('2026-11-24T10:00:00.123Z'), id: 'a-1' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it('rejects tampered cursors as a validation error on /cursor', () => {
    for (const raw of ['nope', Buffer.from('[1,2]').toString('base64url'), '']) {
      expect(() => decodeCursor(raw)).toThrow(DomainError);
    }
  });

  it('bounds the page size', () => {
    expect(pageSize(0)).toBe(50);
    expect(pageSize(200)).toBe(200);
    expect(() => pageSize(201)).toThrow(DomainError);
  });
});
