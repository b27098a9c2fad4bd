import type { OrmEntityManager } from '@crm/db';
import { AccountRepository } from '../db/account-repository.js';
import { ContactRepository } from '../db/contact-repository.js';
import { subjectNotFound, type Subject } from '../domain/subject.js';

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
