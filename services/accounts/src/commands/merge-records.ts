import { DomainError } from '@crm/errors';
import { describeChanges, type FieldChange } from '../domain/field-change.js';
import type { SubjectType } from '../domain/subject.js';
import type { Journal } from './journal.js';

export interface MergeRequest {
  survivorId: string;
  mergedId: string;
  survivorVersion: number | undefined;
  mergedVersion: number | undefined;
}

/** Locks a record for a change at a version (see `lockAccountAt`), naming it `what` in errors. */
type LockAt<Record> = (id: string, version: number | undefined, what: string) => Promise<Record>;

/**
 * The two records of a merge, each locked at the version the caller read. They are locked in id
 * order, so two merges of the same pair cannot deadlock.
 */
export async function lockMergePair<Record extends { id: string }>(
  type: SubjectType,
  request: MergeRequest,
  lockAt: LockAt<Record>,
): Promise<{ survivor: Record; merged: Record }> {
  if (request.survivorId === request.mergedId) {
    throw DomainError.validation([{ path: '/mergedId', message: `must be another ${type}` }]);
  }
  const survivor = {
    id: request.survivorId,
    version: request.survivorVersion,
    what: type === 'account' ? 'Account' : 'Contact',
  };
  const merged = {
    id: request.mergedId,
    version: request.mergedVersion,
    what: `The ${type} to merge`,
  };
  const [first, second] = survivor.id < merged.id ? [survivor, merged] : [merged, survivor];
  const firstLocked = await lockAt(first.id, first.version, first.what);
  const secondLocked = await lockAt(second.id, second.version, second.what);
  return first === survivor
    ? { survivor: firstLocked, merged: secondLocked }
    : { survivor: secondLocked, merged: firstLocked };
}

/** The `merged` entry in the survivor's timeline, naming the merged record and what changed. */
export function recordMerge(
  journal: Journal,
  type: SubjectType,
  survivorId: string,
  merged: { id: string; label: string },
  changes: FieldChange[],
): void {
  journal.record({
    subject: { type, id: survivorId },
    kind: 'merged',
    body: [
      `Merged ${merged.label} into this ${type}`,
      ...(changes.length ? [describeChanges(changes)] : []),
    ].join('. '),
    changes,
    related: { type, id: merged.id, label: merged.label },
  });
}
