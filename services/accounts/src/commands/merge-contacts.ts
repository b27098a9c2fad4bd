import { DomainError } from '@crm/errors';
import type { OrmEntityManager } from '@crm/db';
import type { Contact as ContactMessage } from '@crm/proto/crm/accounts/v1/contacts';
import { ContactsMerged } from '@crm/proto/crm/accounts/v1/events';
import { AttachmentRepository } from '../db/attachment-repository.js';
import { ContactRepository } from '../db/contact-repository.js';
import { contactFieldsOf, contactLabel } from '../db/contact-record.js';
import { TimelineRepository } from '../db/timeline-repository.js';
import { contactFieldNames } from '../domain/contact.js';
import { changedFields, describeChanges } from '../domain/field-change.js';
import { mergeContactFields } from '../domain/merge.js';
import { contactSubjects } from '../events/contact-events.js';
import { toContactMessage } from '../grpc/contact-mapper.js';
import {
  awaitPrimaryTurn,
  contactMessage,
  lockContactAt,
  recordMembership,
  requireAccount,
} from './contact-commands.js';
import type { Journal } from './journal.js';
import type { MergeRequest } from './merge-accounts.js';

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
  if (request.survivorId === request.mergedId) {
    throw DomainError.validation([{ path: '/mergedId', message: 'must be another contact' }]);
  }
  const byId = [
    { id: request.survivorId, version: request.survivorVersion, what: 'Contact' },
    { id: request.mergedId, version: request.mergedVersion, what: 'The contact to merge' },
  ].sort((a, b) => (a.id < b.id ? -1 : 1));
  const [first, second] = [
    await lockContactAt(tx, byId[0]!.id, byId[0]!.version, byId[0]!.what),
    await lockContactAt(tx, byId[1]!.id, byId[1]!.version, byId[1]!.what),
  ];
  const survivor = first.id === request.survivorId ? first : second;
  const merged = first.id === request.survivorId ? second : first;
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

  const from = { type: 'contact', id: merged.id } as const;
  const timeline = new TimelineRepository(tx);
  await timeline.moveSubject(from, survivor.id);
  await timeline.relinkRelated(from, survivor.id);
  await new AttachmentRepository(tx).moveSubject(from, survivor.id);

  const contacts = new ContactRepository(tx);
  // Gone first: the survivor may take over its place as its account's primary contact.
  contacts.remove(merged);
  await tx.flush();
  contacts.assign(survivor, after);
  survivor.updatedAt = new Date();
  await tx.flush();

  const names = await contacts.accountNames([after.accountId, mergedFields.accountId]);
  const message = toContactMessage(survivor, names.get(after.accountId ?? ''));
  const mergedLabel = contactLabel(mergedFields);
  const survivorLabel = contactLabel(after);
  journal.record({
    subject: { type: 'contact', id: survivor.id },
    kind: 'merged',
    body: [
      `Merged ${mergedLabel} into this contact`,
      ...(changes.length ? [describeChanges(changes)] : []),
    ].join('. '),
    changes,
    related: { type: 'contact', id: merged.id, label: mergedLabel },
  });
  if (mergedFields.accountId) {
    recordMembership(journal, {
      accountId: mergedFields.accountId,
      kind: 'contact_removed',
      contact: { id: merged.id, label: mergedLabel },
      body: `${mergedLabel} merged into ${survivorLabel}`,
    });
  }
  if (after.accountId && after.accountId !== before.accountId) {
    recordMembership(journal, {
      accountId: after.accountId,
      kind: 'contact_added',
      contact: { id: survivor.id, label: survivorLabel },
      body: `Added ${survivorLabel}`,
    });
  }
  journal.publish(contactSubjects.merged, ContactsMerged, {
    survivor: message,
    merged: mergedMessage,
    previous,
    actor: journal.actor,
  });
  return message;
}
