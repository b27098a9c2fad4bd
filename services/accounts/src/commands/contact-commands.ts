import type { Visibility } from '@crm/authz';
import { DomainError } from '@crm/errors';
import type { OrmEntityManager } from '@crm/db';
import type { Contact as ContactMessage } from '@crm/proto/crm/accounts/v1/contacts';
import { ContactCreated, ContactDeleted, ContactUpdated } from '@crm/proto/crm/accounts/v1/events';
import { AccountRepository } from '../db/account-repository.js';
import type { Account } from '../db/account.entity.js';
import { ContactRepository } from '../db/contact-repository.js';
import { contactFieldsOf, contactLabel } from '../db/contact-record.js';
import type { Contact } from '../db/contact.entity.js';
import {
  applyContactPatch,
  contactFieldNames,
  type ContactFields,
  type ContactPatch,
  type NewContact,
} from '../domain/contact.js';
import { changedFields, type FieldChange } from '../domain/field-change.js';
import { contactSubjects } from '../events/contact-events.js';
import { contactJson, toContactMessage } from '../grpc/contact-mapper.js';
import type { Journal } from './journal.js';
import { assertMayChangeOwner, assertOwn } from './ownership.js';
import { atExpectedVersion, type DeleteRequest } from './record-versions.js';
import { removeSubjectHistory } from './subjects.js';

/** The contact as the API shows it, with its account's current name. */
export async function contactMessage(
  tx: OrmEntityManager,
  contact: Contact,
): Promise<ContactMessage> {
  const names = await new ContactRepository(tx).accountNames([contact.accountId]);
  return toContactMessage(contact, names.get(contact.accountId ?? ''));
}

/** Locks the contact for a change at the version the caller read (if they name one). */
export async function lockContactAt(
  tx: OrmEntityManager,
  id: string,
  expectedVersion: number | undefined,
  what = 'Contact',
): Promise<Contact> {
  const contact = await new ContactRepository(tx).lock(id, 'update');
  return atExpectedVersion(contact, expectedVersion, what, async (current) =>
    contactJson(await contactMessage(tx, current)),
  );
}

/** The account a contact joins, kept from being deleted until the transaction ends. */
export async function requireAccount(tx: OrmEntityManager, accountId: string): Promise<Account> {
  const account = await new AccountRepository(tx).lock(accountId, 'share');
  if (!account)
    throw DomainError.validation([{ path: '/accountId', message: 'is not an account' }]);
  return account;
}

/**
 * Refuses email addresses other contacts have, naming those contacts. Changes to one address take
 * turns (locks in sorted order), so two requests at once cannot both miss each other.
 */
async function refuseDuplicateEmails(
  tx: OrmEntityManager,
  emails: string[],
  excludeId: string | null,
): Promise<void> {
  if (emails.length === 0) return;
  for (const email of [...emails].sort())
    await tx.execute('select pg_advisory_xact_lock(hashtext(?))', [`crm:contact-email:${email}`]);
  const contacts = new ContactRepository(tx);
  const duplicates = await contacts.findByEmails(emails, excludeId);
  if (duplicates.length === 0) return;
  const names = await contacts.accountNames(duplicates.map((contact) => contact.accountId));
  const taken = emails.filter((email) =>
    duplicates.some((contact) => contact.email === email || contact.otherEmails.includes(email)),
  );
  throw DomainError.duplicates(
    `A contact with the email ${taken.join(', ')} already exists.`,
    duplicates.map((contact) =>
      contactJson(toContactMessage(contact, names.get(contact.accountId ?? ''))),
    ),
  );
}

/** contact.updated, naming the fields `changes` changed. */
export function publishContactUpdated(
  journal: Journal,
  contact: ContactMessage,
  previous: ContactMessage | undefined,
  changes: readonly FieldChange[],
): void {
  journal.publish(contactSubjects.updated, ContactUpdated, {
    contact,
    previous,
    changedFields: changes.map((change) => change.field),
    actor: journal.actor,
  });
}

const emailsOf = (fields: ContactFields) =>
  [fields.email, ...fields.otherEmails].filter((email): email is string => email !== null);

/**
 * Waits for this transaction's turn to change who is the account's primary contact: until the
 * other changes of it commit, which may have made another contact primary.
 */
export async function awaitPrimaryTurn(tx: OrmEntityManager, accountId: string): Promise<void> {
  await tx.execute('select pg_advisory_xact_lock(hashtext(?))', [
    `crm:account-primary:${accountId}`,
  ]);
}

/**
 * Makes room for a new primary contact of an account: its current one (but `exceptId`) stops
 * being primary, as a change of its own. Primary changes of one account take turns.
 */
async function demotePrimary(
  tx: OrmEntityManager,
  journal: Journal,
  account: Account,
  exceptId: string | null,
): Promise<void> {
  await awaitPrimaryTurn(tx, account.id);
  const contacts = new ContactRepository(tx);
  const current = await contacts.lockPrimaryOf(account.id, exceptId ?? undefined);
  if (!current) return;
  const previous = toContactMessage(current, account.name);
  const before = contactFieldsOf(current);
  contacts.assign(current, { ...before, primary: false });
  await tx.flush();
  const changes = changedFields(before, contactFieldsOf(current), contactFieldNames);
  const body = `No longer the primary contact of ${account.name}`;
  journal.recordUpdated({ type: 'contact', id: current.id }, changes, body);
  publishContactUpdated(journal, toContactMessage(current, account.name), previous, changes);
}

/** A contact as the timelines of its accounts name it. */
export interface ContactRef {
  id: string;
  label: string;
}

function recordMembership(
  journal: Journal,
  accountId: string,
  kind: 'contact_added' | 'contact_removed',
  contact: ContactRef,
  body: string,
): void {
  journal.record({
    subject: { type: 'account', id: accountId },
    kind,
    body,
    related: { type: 'contact', id: contact.id, label: contact.label },
  });
}

/** The entry on an account for a contact joining it. */
export function recordContactAdded(journal: Journal, accountId: string, contact: ContactRef): void {
  recordMembership(journal, accountId, 'contact_added', contact, `Added ${contact.label}`);
}

/** The entry on an account for a contact leaving it; `body` says how. */
export function recordContactRemoved(
  journal: Journal,
  accountId: string,
  contact: ContactRef,
  body: string,
): void {
  recordMembership(journal, accountId, 'contact_removed', contact, body);
}

export async function createContact(
  tx: OrmEntityManager,
  journal: Journal,
  fields: NewContact,
  options: { allowDuplicate: boolean },
): Promise<ContactMessage> {
  const account = fields.accountId ? await requireAccount(tx, fields.accountId) : null;
  if (!options.allowDuplicate) await refuseDuplicateEmails(tx, emailsOf(fields), null);
  if (account && fields.primary) await demotePrimary(tx, journal, account, null);
  const contact = new ContactRepository(tx).create(fields);
  const message = toContactMessage(contact, account?.name);
  journal.recordCreated({ type: 'contact', id: contact.id });
  if (account)
    recordContactAdded(journal, account.id, { id: contact.id, label: contactLabel(fields) });
  journal.publish(contactSubjects.created, ContactCreated, {
    contact: message,
    actor: journal.actor,
  });
  return message;
}

export async function updateContact(
  tx: OrmEntityManager,
  journal: Journal,
  request: {
    id: string;
    expectedVersion: number;
    patch: ContactPatch;
    allowDuplicate: boolean;
    /** The caller's visibility for deleting contacts, which decides who may change the owner. */
    deleteVisibility: Visibility;
  },
): Promise<ContactMessage> {
  const contact = await lockContactAt(tx, request.id, request.expectedVersion);
  const previous = await contactMessage(tx, contact);
  const before = contactFieldsOf(contact);
  const after = applyContactPatch(before, request.patch);
  const changes = changedFields(before, after, contactFieldNames);
  if (changes.length === 0) return previous;
  if (after.ownerId !== before.ownerId)
    assertMayChangeOwner(request.deleteVisibility, journal.caller, before.ownerId, 'contacts');

  const account = after.accountId ? await requireAccount(tx, after.accountId) : null;
  const newEmails = emailsOf(after).filter((email) => !emailsOf(before).includes(email));
  if (!request.allowDuplicate) await refuseDuplicateEmails(tx, newEmails, contact.id);
  const becomesPrimary = after.primary && (!before.primary || after.accountId !== before.accountId);
  if (account && becomesPrimary) await demotePrimary(tx, journal, account, contact.id);

  new ContactRepository(tx).assign(contact, after);
  await tx.flush();
  const message = toContactMessage(contact, account?.name);
  journal.recordUpdated({ type: 'contact', id: contact.id }, changes);
  if (after.accountId !== before.accountId) {
    const ref = { id: contact.id, label: contactLabel(after) };
    if (before.accountId) {
      const body = account
        ? `${ref.label} moved to ${account.name}`
        : `${ref.label} left the account`;
      recordContactRemoved(journal, before.accountId, ref, body);
    }
    if (account) recordContactAdded(journal, account.id, ref);
  }
  publishContactUpdated(journal, message, previous, changes);
  return message;
}

/** Deletes a contact without files, with its timeline; its account's timeline notes the removal. */
export async function deleteContact(
  tx: OrmEntityManager,
  journal: Journal,
  request: DeleteRequest,
): Promise<void> {
  const contact = await lockContactAt(tx, request.id, request.expectedVersion);
  assertOwn(
    request.visibility,
    journal.caller,
    contact.ownerId ?? null,
    'You may delete only contacts you own.',
  );
  const fields = contactFieldsOf(contact);
  const label = contactLabel(fields);
  const message = await contactMessage(tx, contact);
  await removeSubjectHistory(tx, { type: 'contact', id: contact.id }, label);
  new ContactRepository(tx).remove(contact);
  if (fields.accountId) {
    recordContactRemoved(journal, fields.accountId, { id: contact.id, label }, `Deleted ${label}`);
  }
  journal.publish(contactSubjects.deleted, ContactDeleted, {
    contact: message,
    actor: journal.actor,
  });
}
