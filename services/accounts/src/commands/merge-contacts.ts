import type { OrmEntityManager } from '@crm/db';
import type { Contact as ContactMessage } from '@crm/proto/crm/accounts/v1/contacts';
import { ContactsMerged } from '@crm/proto/crm/accounts/v1/events';
import { ContactRepository } from '../db/contact-repository.js';
import { contactFieldsOf, contactLabel } from '../db/contact-record.js';
import { contactFieldNames } from '../domain/contact.js';
import { changedFields } from '../domain/field-change.js';
import { mergeContactFields } from '../domain/merge.js';
import { contactSubjects } from '../events/contact-events.js';
import { toContactMessage } from '../grpc/contact-mapper.js';
import {
  awaitPrimaryTurn,
  contactMessage,
  lockContactAt,
  recordContactAdded,
  recordContactRemoved,
  requireAccount,
} from './contact-commands.js';
import type { Journal } from './journal.js';
import { lockMergePair, recordMerge, type MergeRequest } from './merge-records.js';
import { moveSubjectHistory } from './subjects.js';

/**
 * Folds one contact into another: the merged contact's timeline and files move to the survivor
 * (deals and tasks referring to it live in other services, which move them on the contact.merged
 * event). Empty survivor fields take the merged contact's values, email addresses and phone
 * numbers are united, the survivor's timeline records the merge, and the merged contact is
 * deleted.
 */
export async function mergeContacts(
  tx: OrmEntityManager,
  journal: Journal,
  request: MergeRequest,
): Promise<ContactMessage> {
  const { survivor, merged } = await lockMergePair('contact', request, (id, version, what) =>
    lockContactAt(tx, id, version, what),
  );
  const previous = await contactMessage(tx, survivor);
  const mergedMessage = await contactMessage(tx, merged);
  const before = contactFieldsOf(survivor);
  const mergedFields = contactFieldsOf(merged);
  // Refuses a survivor that could not be saved, before anything moves.
  const after = mergeContactFields(before, mergedFields);
  const changes = changedFields(before, after, contactFieldNames);
  const becomesPrimary = after.primary && (!before.primary || after.accountId !== before.accountId);
  if (becomesPrimary && after.accountId) {
    // Like any contact becoming primary, in turn: a contact made primary meanwhile would collide.
    await requireAccount(tx, after.accountId);
    await awaitPrimaryTurn(tx, after.accountId);
  }

  await moveSubjectHistory(tx, 'contact', merged.id, survivor.id);

  const contacts = new ContactRepository(tx);
  // Gone first: the survivor may take over its place as its account's primary contact.
  contacts.remove(merged);
  await tx.flush();
  contacts.assign(survivor, after);
  survivor.updatedAt = new Date();
  await tx.flush();

  const names = await contacts.accountNames([after.accountId, mergedFields.accountId]);
  const message = toContactMessage(survivor, names.get(after.accountId ?? ''));
  const mergedRef = { id: merged.id, label: contactLabel(mergedFields) };
  const survivorRef = { id: survivor.id, label: contactLabel(after) };
  recordMerge(journal, 'contact', survivor.id, mergedRef, changes);
  if (mergedFields.accountId) {
    const body = `${mergedRef.label} merged into ${survivorRef.label}`;
    recordContactRemoved(journal, mergedFields.accountId, mergedRef, body);
  }
  if (after.accountId && after.accountId !== before.accountId) {
    recordContactAdded(journal, after.accountId, survivorRef);
  }
  journal.publish(contactSubjects.merged, ContactsMerged, {
    survivor: message,
    merged: mergedMessage,
    previous,
    actor: journal.actor,
  });
  return message;
}
