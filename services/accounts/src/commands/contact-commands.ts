import type { Visibility } from '@crm/authz';
import { DomainError } from '@crm/errors';
import type { OrmEntityManager } from '@crm/db';
import type { Contact as ContactMessage } from '@crm/proto/crm/accounts/v1/contacts';
import { ContactCreated, ContactDeleted, ContactUpdated } from '@crm/proto/crm/accounts/v1/events';
import { AccountRepository } from '../db/account-repository.js';
import type { Account } from '../db/account.entity.js';
import { AttachmentRepository } from '../db/attachment-repository.js';
import { ContactRepository } from '../db/contact-repository.js';
import { contactFieldsOf, contactLabel } from '../db/contact-record.js';
import type { Contact } from '../db/contact.entity.js';
import { TimelineRepository } from '../db/timeline-repository.js';
import {
  applyContactPatch,
  contactFieldNames,
  type ContactFields,
  type ContactPatch,
  type NewContact,
} from '../domain/contact.js';
import { changedFields, describeChanges } from '../domain/field-change.js';
import { contactSubjects } from '../events/contact-events.js';
import { contactJson, toContactMessage } from '../grpc/contact-mapper.js';
import type { Journal } from './journal.js';
import { assertMayChangeOwner, assertOwn } from './ownership.js';

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
  if (!contact) throw DomainError.notFound(what);
  if (expectedVersion !== undefined && contact.version !== expectedVersion) {
    throw DomainError.staleVersion(
      what,
      contact.version,
      contactJson(await contactMessage(tx, contact)),
    );
  }
  return contact;
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
  journal.record({
    subject: { type: 'contact', id: current.id },
    kind: 'updated',
    body: `No longer the primary contact of ${account.name}`,
    changes,
  });
  journal.publish(contactSubjects.updated, ContactUpdated, {
    contact: toContactMessage(current, account.name),
    previous,
    changedFields: changes.map((change) => change.field),
    actor: journal.actor,
  });
}

/** Timeline entries on an account for a contact joining or leaving it. */
export function recordMembership(
  journal: Journal,
  entry: {
    accountId: string;
    kind: 'contact_added' | 'contact_removed';
    contact: { id: string; label: string };
    body: string;
  },
): void {
  journal.record({
    subject: { type: 'account', id: entry.accountId },
    kind: entry.kind,
    body: entry.body,
    related: { type: 'contact', id: entry.contact.id, label: entry.contact.label },
  });
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
  const label = contactLabel(fields);
  journal.record({
    subject: { type: 'contact', id: contact.id },
    kind: 'created',
    body: 'Created',
  });
  if (account) {
    recordMembership(journal, {
      accountId: account.id,
      kind: 'contact_added',
      contact: { id: contact.id, label },
      body: `Added ${label}`,
    });
  }
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
  const changedNames = changes.map((change) => change.field);
  journal.record({
    subject: { type: 'contact', id: contact.id },
    kind: 'updated',
    body: describeChanges(changes),
    changes,
  });
  if (after.accountId !== before.accountId) {
    const label = contactLabel(after);
    if (before.accountId) {
      recordMembership(journal, {
        accountId: before.accountId,
        kind: 'contact_removed',
        contact: { id: contact.id, label },
        body: account ? `${label} moved to ${account.name}` : `${label} left the account`,
      });
    }
    if (account) {
      recordMembership(journal, {
        accountId: account.id,
        kind: 'contact_added',
        contact: { id: contact.id, label },
        body: `Added ${label}`,
      });
    }
  }
  journal.publish(contactSubjects.updated, ContactUpdated, {
    contact: message,
    previous,
    changedFields: changedNames,
    actor: journal.actor,
  });
  return message;
}

/** Deletes a contact without files, with its timeline; its account's timeline notes the removal. */
export async function deleteContact(
  tx: OrmEntityManager,
  journal: Journal,
  request: {
    id: string;
    expectedVersion: number | undefined;
    visibility: Exclude<Visibility, 'none'>;
  },
): Promise<void> {
  const contact = await lockContactAt(tx, request.id, request.expectedVersion);
  assertOwn(
    request.visibility,
    journal.caller,
    contact.ownerId ?? null,
    'You may delete only contacts you own.',
  );
  const subject = { type: 'contact', id: contact.id } as const;
  const fields = contactFieldsOf(contact);
  const files = await new AttachmentRepository(tx).countFor(subject);
  if (files > 0) {
    throw new DomainError(
      'failed_precondition',
      `${contactLabel(fields)} still has ${files} attachment(s); delete them first.`,
    );
  }
  const message = await contactMessage(tx, contact);
  await new TimelineRepository(tx).removeSubject(subject);
  new ContactRepository(tx).remove(contact);
  if (fields.accountId) {
    const label = contactLabel(fields);
    recordMembership(journal, {
      accountId: fields.accountId,
      kind: 'contact_removed',
      contact: { id: contact.id, label },
      body: `Deleted ${label}`,
    });
  }
  journal.publish(contactSubjects.deleted, ContactDeleted, {
    contact: message,
    actor: journal.actor,
  });
}
