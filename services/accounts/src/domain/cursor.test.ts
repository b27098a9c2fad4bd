import { describe, expect, it } from 'vitest';
import { DomainError } from '@crm/errors';
import { pageSize } from '@crm/paging';
import { accountSorts } from './account-order.js';
import { decodeCursor, encodeCursor } from './cursor.js';

const id = '0193a1b2-0000-7000-8000-000000000001';

describe('cursor', () => {
  it('round-trips for its sort', () => {
    const cursor = { sort: '-createdAt' as const, value: '2026-11-24T10:00:00.123Z', id };
    expect(decodeCursor(encodeCursor(cursor), '-createdAt', accountSorts)).toEqual(cursor);
  });

  it('round-trips a relevance score', () => {
    const cursor = { sort: 'relevance' as const, value: '6.825000', id };
    expect(decodeCursor(encodeCursor(cursor), 'relevance', accountSorts)).toEqual(cursor);
  });

  it('rejects tampered cursors as a validation error on /cursor', () => {
    const forged = [
      'nope',
      '',
      Buffer.from('[1,2]').toString('base64url'),
      Buffer.from(JSON.stringify(['-createdAt', '2026-01-01T00:00:00Z', 'zzz'])).toString(
        'base64url',
      ),
      Buffer.from(JSON.stringify(['-createdAt', 'yesterday', id])).toString('base64url'),
      Buffer.from(JSON.stringify(['colour', 'x', id])).toString('base64url'),
    ];
    for (const raw of forged) {
      let caught: unknown;
      try {
        decodeCursor(raw, '-createdAt', accountSorts);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(DomainError);
      expect((caught as DomainError).fieldErrors[0]?.path).toBe('/cursor');
    }
  });

  it('keeps the microseconds of database timestamps', () => {
    const cursor = { sort: '-updatedAt' as const, value: '2026-11-24T10:00:00.123456Z', id };
    expect(decodeCursor(encodeCursor(cursor), '-updatedAt', accountSorts)).toEqual(cursor);
    const whole = { sort: 'createdAt' as const, value: '2026-11-24T10:00:00Z', id };
    expect(decodeCursor(encodeCursor(whole), 'createdAt', accountSorts)).toEqual(whole);
    const impossible = encodeCursor({ sort: 'createdAt', value: '2026-13-45T10:00:00Z', id });
    expect(() => decodeCursor(impossible, 'createdAt', accountSorts)).toThrow(DomainError);
  });

  it('refuses moments PostgreSQL would not read as written', () => {
    for (const value of [
      '2026-02-30T10:00:00Z',
      '2026-01-01T24:00:00.000000Z',
      '0000-01-01T00:00:00Z',
      '2026-11-24T10:00:60Z',
    ]) {
      const raw = encodeCursor({ sort: 'createdAt', value, id });
      expect(() => decodeCursor(raw, 'createdAt', accountSorts), value).toThrow(DomainError);
    }
    const first = { sort: 'createdAt' as const, value: '0001-01-01T00:00:00.000001Z', id };
    expect(decodeCursor(encodeCursor(first), 'createdAt', accountSorts)).toEqual(first);
  });

  it('refuses names with control characters or longer than any stored one', () => {
    for (const value of ['Ac\u0000me', 'x'.repeat(201)]) {
      let caught: unknown;
      try {
        decodeCursor(encodeCursor({ sort: 'name', value, id }), 'name', accountSorts);
      } catch (error) {
        caught = error;
      }
      expect((caught as DomainError).fieldErrors[0]?.path).toBe('/cursor');
    }
    const name = { sort: 'name' as const, value: 'x'.repeat(200), id };
    expect(decodeCursor(encodeCursor(name), 'name', accountSorts)).toEqual(name);
  });

  it('accepts only sorts of its own list', () => {
    const timeline = encodeCursor({ sort: '-occurredAt', value: '2026-11-24T10:00:00Z', id });
    expect(() => decodeCursor(timeline, '-createdAt', accountSorts)).toThrow(DomainError);
    expect(decodeCursor(timeline, '-occurredAt', ['-occurredAt']).sort).toBe('-occurredAt');
  });

  it('accepts only decimal scores for relevance', () => {
    for (const value of ['1; drop table', '-1', '1e9', 'NaN', '', '1.']) {
      const raw = Buffer.from(JSON.stringify(['relevance', value, id])).toString('base64url');
      let caught: unknown;
      try {
        decodeCursor(raw, 'relevance', accountSorts);
      } catch (error) {
        caught = error;
      }
      expect((caught as DomainError).fieldErrors).toEqual([
        { path: '/cursor', message: 'is not a cursor this API returned' },
      ]);
    }
  });

  it('refuses a cursor from another sort', () => {
    const cursor = encodeCursor({ sort: 'name', value: 'Acme', id });
    let caught: unknown;
    try {
      decodeCursor(cursor, '-createdAt', accountSorts);
    } catch (error) {
      caught = error;
    }
    expect((caught as DomainError).fieldErrors).toEqual([
      { path: '/cursor', message: 'belongs to sort name, not -createdAt' },
    ]);
  });

  it('bounds the page size', () => {
    expect(pageSize(0)).toBe(50);
    expect(pageSize(200)).toBe(200);
    expect(() => pageSize(201)).toThrow(DomainError);
  });
});
