import type { Visibility } from '@crm/authz';
import { DomainError } from '@crm/errors';
import type { OrmEntityManager } from '@crm/db';
import { AttachmentRepository } from '../db/attachment-repository.js';
import type { Attachment } from '../db/attachment.entity.js';
import type { NewAttachment } from '../domain/attachment.js';
import type { Journal } from './journal.js';
import { assertOwn } from './ownership.js';
import { lockSubject } from './subjects.js';

/** Records a stored file on its account or contact, and says so in that record's timeline. */
export async function registerAttachment(
  tx: OrmEntityManager,
  journal: Journal,
  input: NewAttachment,
): Promise<Attachment> {
  await lockSubject(tx, input.subject);
  // Registrations of one object take turns, so the second sees the first rather than colliding.
  await tx.execute('select pg_advisory_xact_lock(hashtext(?))', [
    `crm:attachment-object:${input.objectKey}`,
  ]);
  const attachments = new AttachmentRepository(tx);
  if (await attachments.findByObjectKey(input.objectKey)) {
    throw new DomainError('already_exists', 'That stored object is already an attachment.');
  }
  const attachment = attachments.create(input, journal.userId);
  journal.record({
    subject: input.subject,
    kind: 'attachment_added',
    body: `Attached ${attachment.fileName}`,
    related: { type: 'attachment', id: attachment.id, label: attachment.fileName },
  });
  return attachment;
}

/**
 * Forgets an attachment and answers where its bytes are, for the caller to delete them;
 * `own` means the uploader.
 */
export async function deleteAttachment(
  tx: OrmEntityManager,
  journal: Journal,
  request: { id: string; visibility: Exclude<Visibility, 'none'> },
): Promise<string> {
  const attachments = new AttachmentRepository(tx);
  // Locked and read afresh: of two deletions at once, the second finds it gone.
  const attachment = await attachments.lock(request.id);
  if (!attachment) throw DomainError.notFound('Attachment');
  assertOwn(
    request.visibility,
    journal.caller,
    attachment.uploadedBy ?? null,
    'You may delete only files you uploaded.',
  );
  // As the locked row names it: a merge that moved the file is seen, and none can move it now.
  const subject = { type: attachment.subjectType, id: attachment.subjectId };
  await lockSubject(tx, subject);
  attachments.remove(attachment);
  journal.record({
    subject,
    kind: 'attachment_removed',
    body: `Removed ${attachment.fileName}`,
    related: { type: 'attachment', id: attachment.id, label: attachment.fileName },
  });
  return attachment.objectKey;
}
