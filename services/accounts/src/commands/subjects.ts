import { DomainError } from '@crm/errors';
import type { OrmEntityManager } from '@crm/db';
import { AccountRepository } from '../db/account-repository.js';
import { AttachmentRepository } from '../db/attachment-repository.js';
import { ContactRepository } from '../db/contact-repository.js';
import { TimelineRepository } from '../db/timeline-repository.js';
import { subjectNotFound, type Subject, type SubjectType } from '../domain/subject.js';

/**
 * The account or contact a note or file belongs to, kept from being deleted or merged away until
 * the transaction ends. Missing subjects are not found.
 */
export async function lockSubject(tx: OrmEntityManager, subject: Subject): Promise<void> {
  const found =
    subject.type === 'account'
      ? await new AccountRepository(tx).lock(subject.id, 'share')
      : await new ContactRepository(tx).lock(subject.id, 'share');
  if (!found) throw subjectNotFound(subject.type);
}

/** Whether the account or contact exists (for reads). */
export async function subjectExists(tx: OrmEntityManager, subject: Subject): Promise<boolean> {
  return subject.type === 'account'
    ? (await new AccountRepository(tx).findById(subject.id)) !== null
    : (await new ContactRepository(tx).findById(subject.id)) !== null;
}

/**
 * Before a record is deleted: its timeline goes with it, but not while files are attached, since
 * only the gateway can delete their bytes. `label` names the record in the refusal.
 */
export async function removeSubjectHistory(
  tx: OrmEntityManager,
  subject: Subject,
  label: string,
): Promise<void> {
  const files = await new AttachmentRepository(tx).countFor(subject);
  if (files > 0) {
    throw new DomainError(
      'failed_precondition',
      `${label} still has ${files} attachment(s); delete them first.`,
    );
  }
  await new TimelineRepository(tx).removeSubject(subject);
}

/** The merged record's timeline and files go to the survivor, and entries naming it follow. */
export async function moveSubjectHistory(
  tx: OrmEntityManager,
  type: SubjectType,
  mergedId: string,
  survivorId: string,
): Promise<void> {
  const from = { type, id: mergedId };
  const timeline = new TimelineRepository(tx);
  await timeline.moveSubject(from, survivorId);
  await timeline.relinkRelated(from, survivorId);
  await new AttachmentRepository(tx).moveSubject(from, survivorId);
}
