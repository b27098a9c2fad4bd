import { describe, expect, it } from 'vitest';
import { DomainError } from '@crm/errors';
import { pageSize } from '@crm/paging';
import { decodeCursor, encodeCursor } from './cursor.js';

const id = '0193a1b2-0000-7000-8000-000000000001';

describe('cursor', () => {
  it('round-trips for its list', () => {
    const cursor = { value: '2026-11-24T10:00:00.123Z', id };
    expect(decodeCursor(encodeCursor('audit-events', cursor), 'audit-events')).toEqual(cursor);
  });

  it('rejects tampered cursors and cursors of another list on /cursor', () => {
    const forged = [
      'nope',
      Buffer.from('[1,2]').toString('base64url'),
      Buffer.from(JSON.stringify(['audit-events', 'yesterday', id])).toString('base64url'),
      Buffer.from(JSON.stringify(['users', 'Ann', 'zzz'])).toString('base64url'),
      encodeCursor('users', { value: '2026-11-24T10:00:00.123Z', id }),
    ];
    for (const raw of forged) {
      let caught: unknown;
      try {
        decodeCursor(raw, 'audit-events');
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(DomainError);
      expect((caught as DomainError).fieldErrors[0]?.path).toBe('/cursor');
    }
  });

  it('refuses values PostgreSQL would refuse, in every list', () => {
    const refused = (kind: 'users' | 'directory' | 'audit-events', value: string) =>
      expect(() => decodeCursor(encodeCursor(kind, { value, id }), kind)).toThrow(DomainError);
    refused('audit-events', '2026-02-30T00:00:00.000Z');
    refused('audit-events', '2026-11-24T10:00:00Z');
    refused('users', 'Ann\u0000');
    refused('directory', 'x'.repeat(201));
    expect(decodeCursor(encodeCursor('directory', { value: 'Ann Lee', id }), 'directory')).toEqual({
      value: 'Ann Lee',
      id,
    });
  });

  it('bounds the page size', () => {
    expect(pageSize(0)).toBe(50);
    expect(pageSize(200)).toBe(200);
    expect(() => pageSize(201)).toThrow(DomainError);
  });
});
