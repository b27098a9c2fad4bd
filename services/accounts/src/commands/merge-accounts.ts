import { DomainError } from '@crm/errors';
import type { OrmEntityManager } from '@crm/db';
import type { Account as AccountMessage } from '@crm/proto/crm/accounts/v1/accounts';
import { AccountsMerged, ContactUpdated } from '@crm/proto/crm/accounts/v1/events';
import { AccountRepository } from '../db/account-repository.js';
import type { Account } from '../db/account.entity.js';
import { accountFieldsOf } from '../db/account-record.js';
import { AttachmentRepository } from '../db/attachment-repository.js';
import { ContactRepository } from '../db/contact-repository.js';
import { contactFieldsOf } from '../db/contact-record.js';
import { TimelineRepository } from '../db/timeline-repository.js';
import { accountFieldNames } from '../domain/account-fields.js';
import { contactFieldNames } from '../domain/contact.js';
import { changedFields, describeChanges } from '../domain/field-change.js';
import { mergeAccountFields } from '../domain/merge.js';
import { accountSubjects } from '../events/account-events.js';
import { contactSubjects } from '../events/contact-events.js';
import { toAccountMessage } from '../grpc/account-mapper.js';
import { toContactMessage } from '../grpc/contact-mapper.js';
import { accountMessage, lockAccountAt } from './account-commands.js';
import type { Journal } from './journal.js';

export interface MergeRequest {
  survivorId: string;
  mergedId: string;
  survivorVersion: number | undefined;
  mergedVersion: number | undefined;
}

/**
 * Folds one account into another. Everything this service relates to the merged account moves to
 * the survivor: its contacts (each with a contact.updated event), its timeline and its files.
 * Deals, tasks and time entries live in other services, which move theirs when they receive the
 * account.merged event. Empty survivor fields take the merged account's values, tags are united,
 * the survivor's timeline records the merge, and the merged account is deleted.
 */
export async function mergeAccounts(
  tx: OrmEntityManager,
  journal: Journal,
  request: MergeRequest,
): Promise<AccountMessage> {
  if (request.survivorId === request.mergedId) {
    throw DomainError.validation([{ path: '/mergedId', message: 'must be another account' }]);
  }
  // Locks in id order, so two merges of the same pair cannot deadlock.
  const byId = [
    { id: request.survivorId, version: request.survivorVersion, what: 'Account' },
    { id: request.mergedId, version: request.mergedVersion, what: 'The account to merge' },
  ].sort((a, b) => (a.id < b.id ? -1 : 1));
  const [first, second] = [
    await lockAccountAt(tx, byId[0]!.id, byId[0]!.version, byId[0]!.what),
    await lockAccountAt(tx, byId[1]!.id, byId[1]!.version, byId[1]!.what),
  ];
  const survivor = first.id === request.survivorId ? first : second;
  const merged = first.id === request.survivorId ? second : first;
  const previous = await accountMessage(tx, survivor);
  const mergedMessage = await accountMessage(tx, merged);
  const before = accountFieldsOf(survivor);
  // Refuses a survivor that could not be saved, before anything moves.
  const after = mergeAccountFields(before, accountFieldsOf(merged));
  const changes = changedFields(before, after, accountFieldNames);

  const movedContacts = await moveContacts(tx, journal, merged, survivor);
  const from = { type: 'account', id: merged.id } as const;
  const timeline = new TimelineRepository(tx);
  await timeline.moveSubject(from, survivor.id);
  await timeline.relinkRelated(from, survivor.id);
  await new AttachmentRepository(tx).moveSubject(from, survivor.id);

  const accounts = new AccountRepository(tx);
  // The contacts moved first, so the merged account has nothing left referring to it.
  accounts.remove(merged);
  await tx.flush();
  accounts.assign(survivor, after);
  // A merge changes the survivor even when no field does: its version moves on.
  survivor.updatedAt = new Date();
  await tx.flush();

  const message = toAccountMessage(survivor, previous.contactCount + movedContacts);
  journal.record({
    subject: { type: 'account', id: survivor.id },
    kind: 'merged',
    body: [
      `Merged ${merged.name} into this account`,
      ...(changes.length ? [describeChanges(changes)] : []),
    ].join('. '),
    changes,
    related: { type: 'account', id: merged.id, label: merged.name },
  });
  journal.publish(accountSubjects.merged, AccountsMerged, {
    survivor: message,
    merged: mergedMessage,
    previous,
    actor: journal.actor,
  });
  return message;
}

/**
 * Moves every contact of one account to another. The survivor keeps its primary contact; a
 * moved primary contact stays primary only if the survivor had none.
 */
async function moveContacts(
  tx: OrmEntityManager,
  journal: Journal,
  from: Account,
  to: Account,
): Promise<number> {
  const contacts = new ContactRepository(tx);
  const moving = await contacts.lockByAccount(from.id);
  if (moving.length === 0) return 0;
  const survivorHasPrimary = (await contacts.lockPrimaryOf(to.id)) !== null;
  const previous = moving.map((contact) => toContactMessage(contact, from.name));
  const changesOf = moving.map((contact) => {
    const before = contactFieldsOf(contact);
    const after = {
      ...before,
      accountId: to.id,
      primary: before.primary && !survivorHasPrimary,
    };
    contacts.assign(contact, after);
    return changedFields(before, after, contactFieldNames);
  });
  await tx.flush();
  moving.forEach((contact, index) => {
    const changes = changesOf[index]!;
    journal.record({
      subject: { type: 'contact', id: contact.id },
      kind: 'updated',
      body: `Moved to ${to.name} when ${from.name} was merged into it`,
      changes,
    });
    journal.publish(contactSubjects.updated, ContactUpdated, {
      contact: toContactMessage(contact, to.name),
      previous: previous[index],
      changedFields: changes.map((change) => change.field),
      actor: journal.actor,
    });
  });
  return moving.length;
}
