import type { OrmEntityManager } from '@crm/db';
import type { Account as AccountMessage } from '@crm/proto/crm/accounts/v1/accounts';
import { AccountsMerged } from '@crm/proto/crm/accounts/v1/events';
import { AccountRepository } from '../db/account-repository.js';
import type { Account } from '../db/account.entity.js';
import { accountFieldsOf } from '../db/account-record.js';
import { ContactRepository } from '../db/contact-repository.js';
import { contactFieldsOf } from '../db/contact-record.js';
import { accountFieldNames } from '../domain/account-fields.js';
import { contactFieldNames } from '../domain/contact.js';
import { changedFields } from '../domain/field-change.js';
import { mergeAccountFields } from '../domain/merge.js';
import { accountSubjects } from '../events/account-events.js';
import { toAccountMessage } from '../grpc/account-mapper.js';
import { toContactMessage } from '../grpc/contact-mapper.js';
import { accountMessage, lockAccountAt } from './account-commands.js';
import { publishContactUpdated } from './contact-commands.js';
import type { Journal } from './journal.js';
import { lockMergePair, recordMerge, type MergeRequest } from './merge-records.js';
import { moveSubjectHistory } from './subjects.js';

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
  const { survivor, merged } = await lockMergePair('account', request, (id, version, what) =>
    lockAccountAt(tx, id, version, what),
  );
  const previous = await accountMessage(tx, survivor);
  const mergedMessage = await accountMessage(tx, merged);
  const before = accountFieldsOf(survivor);
  // Refuses a survivor that could not be saved, before anything moves.
  const after = mergeAccountFields(before, accountFieldsOf(merged));
  const changes = changedFields(before, after, accountFieldNames);

  const movedContacts = await moveContacts(tx, journal, merged, survivor);
  await moveSubjectHistory(tx, 'account', merged.id, survivor.id);

  const accounts = new AccountRepository(tx);
  // The contacts moved first, so the merged account has nothing left referring to it.
  accounts.remove(merged);
  await tx.flush();
  accounts.assign(survivor, after);
  // A merge changes the survivor even when no field does: its version moves on.
  survivor.updatedAt = new Date();
  await tx.flush();

  const message = toAccountMessage(survivor, previous.contactCount + movedContacts);
  recordMerge(journal, 'account', survivor.id, { id: merged.id, label: merged.name }, changes);
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
  const body = `Moved to ${to.name} when ${from.name} was merged into it`;
  moving.forEach((contact, index) => {
    const changes = changesOf[index]!;
    journal.recordUpdated({ type: 'contact', id: contact.id }, changes, body);
    publishContactUpdated(journal, toContactMessage(contact, to.name), previous[index], changes);
  });
  return moving.length;
}
