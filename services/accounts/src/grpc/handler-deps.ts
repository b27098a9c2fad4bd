import { DeadlockException, UniqueConstraintViolationException } from '@mikro-orm/core';
import { withRequestContext, type Orm, type OrmEntityManager } from '@crm/db';
import { DomainError } from '@crm/errors';
import type { Caller } from '@crm/grpc';
import { Journal } from '../commands/journal.js';

export interface HandlerDeps {
  orm: Orm;
  /** Wakes the outbox relay after a commit so events leave promptly. */
  onEventsCommitted: () => void;
}

/** Attempts at a change that PostgreSQL aborted to break a deadlock. */
const DEADLOCK_ATTEMPTS = 3;

/**
 * Runs a change in one transaction with the journal of its timeline entries and events, then
 * wakes the outbox relay. Changes lock several rows (a merge: both records, then the contacts; a
 * contact edit: the contact, then its account), so two of them can deadlock; PostgreSQL aborts
 * one, which is then run again from the start: nothing of it was committed or sent. A unique
 * index refusing the change means another change got there first: a conflict, not a fault.
 */
export async function changing<T>(
  deps: HandlerDeps,
  caller: Caller,
  change: (tx: OrmEntityManager, journal: Journal) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const result = await withRequestContext(deps.orm, (em) =>
        em.transactional((tx) => change(tx, new Journal(tx, caller))),
      );
      deps.onEventsCommitted();
      return result;
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw new DomainError(
          'conflict',
          'Another change made at the same time got there first; reload and try again.',
          { cause: error },
        );
      }
      if (!(error instanceof DeadlockException) || attempt >= DEADLOCK_ATTEMPTS) throw error;
    }
  }
}

/** Runs reads on the call's own entity manager. */
export function reading<T>(
  deps: HandlerDeps,
  read: (em: OrmEntityManager) => Promise<T>,
): Promise<T> {
  return withRequestContext(deps.orm, read);
}
