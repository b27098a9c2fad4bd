import { describe, expect, it } from 'vitest';
import { DomainError } from '@crm/errors';
import { lockMergePair } from './merge-records.js';

const LOW = '00000000-0000-7000-8000-000000000001';
const HIGH = '00000000-0000-7000-8000-000000000002';

describe('lockMergePair', () => {
  it('locks in id order whichever record survives, each at its own version', async () => {
    for (const [survivorId, mergedId] of [
      [LOW, HIGH],
      [HIGH, LOW],
    ] as const) {
      const locks: Array<{ id: string; version: number | undefined; what: string }> = [];
      const pair = await lockMergePair(
        'account',
        { survivorId, mergedId, survivorVersion: 3, mergedVersion: undefined },
        async (id, version, what) => {
          locks.push({ id, version, what });
          return { id };
        },
      );
      expect(locks.map((lock) => lock.id)).toEqual([LOW, HIGH]);
      expect(locks.find((lock) => lock.id === survivorId)).toEqual({
        id: survivorId,
        version: 3,
        what: 'Account',
      });
      expect(locks.find((lock) => lock.id === mergedId)).toEqual({
        id: mergedId,
        version: undefined,
        what: 'The account to merge',
      });
      expect(pair).toEqual({ survivor: { id: survivorId }, merged: { id: mergedId } });
    }
  });

  it('refuses to merge a record into itself before locking anything', async () => {
    let locked = false;
    const merging = lockMergePair(
      'contact',
      { survivorId: LOW, mergedId: LOW, survivorVersion: undefined, mergedVersion: undefined },
      async (id) => {
        locked = true;
        return { id };
      },
    );
    await expect(merging).rejects.toBeInstanceOf(DomainError);
    await expect(merging).rejects.toMatchObject({
      fieldErrors: [{ path: '/mergedId', message: 'must be another contact' }],
    });
    expect(locked).toBe(false);
  });
});
