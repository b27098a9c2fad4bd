import type { Visibility } from '@crm/authz';
import { DomainError } from '@crm/errors';
import type { OrmEntityManager } from '@crm/db';
import { TimelineRepository } from '../db/timeline-repository.js';
import type { TimelineEntry } from '../db/timeline-entry.entity.js';
import type { Subject } from '../domain/subject.js';
import type { Journal } from './journal.js';
import { assertOwn } from './ownership.js';
import { lockSubject } from './subjects.js';

export async function addNote(
  tx: OrmEntityManager,
  journal: Journal,
  subject: Subject,
  body: string,
): Promise<TimelineEntry> {
  await lockSubject(tx, subject);
  return journal.record({ subject, kind: 'note', body });
}

/** Deletes a note; what the system recorded stays, and `own` means the note's author. */
export async function deleteNote(
  tx: OrmEntityManager,
  journal: Journal,
  request: { id: string; visibility: Exclude<Visibility, 'none'> },
): Promise<void> {
  const timeline = new TimelineRepository(tx);
  const entry = await timeline.findById(request.id);
  if (!entry || entry.kind !== 'note') throw DomainError.notFound('Note');
  assertOwn(
    request.visibility,
    journal.caller,
    entry.actorUserId ?? null,
    'You may delete only notes you wrote.',
  );
  timeline.remove(entry);
}
