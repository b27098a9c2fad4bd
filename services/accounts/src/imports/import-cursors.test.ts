import { describe, expect, it } from 'vitest';
import { DomainError } from '@crm/errors';
import { encodeKeysetCursor } from '@crm/paging';
import {
  decodeErrorCursor,
  decodeJobCursor,
  encodeErrorCursor,
  encodeJobCursor,
} from './import-cursors.js';

const id = '0193a1b2-0000-7000-8000-000000000001';

describe('import cursors', () => {
  it('round-trip', () => {
    const job = { createdAt: '2026-12-20T10:00:00.123Z', id };
    expect(decodeJobCursor(encodeJobCursor(job))).toEqual(job);
    expect(decodeErrorCursor(encodeErrorCursor({ row: 12, seq: 3 }))).toEqual({ row: 12, seq: 3 });
  });

  it('refuse job positions PostgreSQL would not read as written, on /cursor', () => {
    for (const value of [
      '2026-02-30T10:00:00.000Z',
      '0000-01-01T00:00:00.000Z',
      'Sun, 20 Dec 2026 10:00:00 GMT',
      '2026-12-20',
    ]) {
      let caught: unknown;
      try {
        decodeJobCursor(encodeKeysetCursor({ tag: 'imports', value, id }));
      } catch (error) {
        caught = error;
      }
      expect(caught, value).toBeInstanceOf(DomainError);
      expect((caught as DomainError).fieldErrors[0]?.path).toBe('/cursor');
    }
  });
});
