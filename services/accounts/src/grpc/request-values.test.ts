import { describe, expect, it } from 'vitest';
import { encodeCursor } from '../domain/cursor.js';
import {
  cursorAfter,
  excludedIdOf,
  mergeRequestOf,
  pageInfoOf,
  recordIdOf,
} from './request-values.js';

const ID = '0193a1b2-0000-7000-8000-00000000000A';

/** The outcome of `action` as a promise, to match what it throws. */
const outcome = (action: () => unknown) => Promise.resolve().then(action);

describe('request values', () => {
  it('lower-cases record ids; anything else names no record', async () => {
    expect(recordIdOf(ID, 'Account')).toBe(ID.toLowerCase());
    await expect(outcome(() => recordIdOf('42', 'Account'))).rejects.toMatchObject({
      code: 'not_found',
      message: 'Account was not found.',
    });
  });

  it('leaves nothing out for an excluded id that is no UUID', () => {
    expect(excludedIdOf(ID)).toBe(ID.toLowerCase());
    expect(excludedIdOf('')).toBeNull();
  });

  it('reads merges: both ids, and versions where 0 means any', async () => {
    expect(
      mergeRequestOf(
        { survivorId: ID, mergedId: ID, survivorVersion: '3', mergedVersion: '0' },
        'Contact',
      ),
    ).toEqual({
      survivorId: ID.toLowerCase(),
      mergedId: ID.toLowerCase(),
      survivorVersion: 3,
      mergedVersion: undefined,
    });
    const badVersion = { survivorId: ID, mergedId: ID, survivorVersion: '1', mergedVersion: 'x' };
    await expect(outcome(() => mergeRequestOf(badVersion, 'Contact'))).rejects.toMatchObject({
      fieldErrors: [{ path: '/mergedVersion' }],
    });
  });

  it('continues after the cursor of the previous page, and ends with an empty one', () => {
    const cursor = {
      sort: '-createdAt',
      value: '2026-01-02T03:04:05.123456Z',
      id: ID.toLowerCase(),
    };
    expect(cursorAfter({ limit: 2, cursor: '' }, '-createdAt', ['-createdAt'])).toBeUndefined();
    expect(cursorAfter(undefined, '-createdAt', ['-createdAt'])).toBeUndefined();
    expect(
      cursorAfter({ limit: 2, cursor: encodeCursor(cursor) }, '-createdAt', ['-createdAt']),
    ).toEqual(cursor);
    expect(pageInfoOf(cursor)).toEqual({ nextCursor: encodeCursor(cursor) });
    expect(pageInfoOf(undefined)).toEqual({ nextCursor: '' });
  });
});
