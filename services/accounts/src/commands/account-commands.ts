import type { Visibility } from '@crm/authz';
import { DomainError } from '@crm/errors';
import type { OrmEntityManager } from '@crm/db';
import type { Account as AccountMessage } from '@crm/proto/crm/accounts/v1/accounts';
import { AccountCreated, AccountDeleted, AccountUpdated } from '@crm/proto/crm/accounts/v1/events';
import { AccountRepository } from '../db/account-repository.js';
import { accountFieldsOf } from '../db/account-record.js';
import type { Account } from '../db/account.entity.js';
import { accountFieldNames } from '../domain/account-fields.js';
import type { AccountPatch, NewAccount } from '../domain/account.js';
import { changedFields } from '../domain/field-change.js';
import { accountSubjects } from '../events/account-events.js';
import { accountJson, toAccountMessage } from '../grpc/account-mapper.js';
import type { Journal } from './journal.js';
import { assertMayChangeOwner, assertOwn } from './ownership.js';
import { atExpectedVersion, type DeleteRequest } from './record-versions.js';
import { removeSubjectHistory } from './subjects.js';

/** The account as the API shows it, with its current contact count. */
export async function accountMessage(
  tx: OrmEntityManager,
  account: Account,
): Promise<AccountMessage> {
  return toAccountMessage(account, await new AccountRepository(tx).contactCount(account.id));
}

/** Accounts as error extensions name them (duplicates), with their contact counts. */
async function accountsJson(tx: OrmEntityManager, accounts: Account[]) {
  const counts = await new AccountRepository(tx).contactCounts(accounts.map((a) => a.id));
  return accounts.map((a) => accountJson(toAccountMessage(a, counts.get(a.id) ?? 0)));
}

/**
 * Refuses a domain another account has, naming those accounts. Changes to one domain take turns,
 * so two requests at once cannot both miss each other.
 */
async function refuseDuplicateDomain(
  tx: OrmEntityManager,
  domain: string,
  excludeId: string | null,
): Promise<void> {
  await tx.execute('select pg_advisory_xact_lock(hashtext(?))', [`crm:account-domain:${domain}`]);
  const duplicates = await new AccountRepository(tx).findDuplicates({ domain, excludeId });
  if (duplicates.length > 0) {
    throw DomainError.duplicates(
      `An account with the domain ${domain} already exists.`,
      await accountsJson(tx, duplicates),
    );
  }
}

/** Locks the account for a change at the version the caller read (if they name one). */
export async function lockAccountAt(
  tx: OrmEntityManager,
  id: string,
  expectedVersion: number | undefined,
  what = 'Account',
): Promise<Account> {
  const account = await new AccountRepository(tx).lock(id, 'update');
  return atExpectedVersion(account, expectedVersion, what, async (current) =>
    accountJson(await accountMessage(tx, current)),
  );
}

export async function createAccount(
  tx: OrmEntityManager,
  journal: Journal,
  fields: NewAccount,
  options: { allowDuplicate: boolean },
): Promise<AccountMessage> {
  if (fields.domain && !options.allowDuplicate)
    await refuseDuplicateDomain(tx, fields.domain, null);
  const account = new AccountRepository(tx).create(fields);
  const message = toAccountMessage(account, 0);
  journal.recordCreated({ type: 'account', id: account.id });
  journal.publish(accountSubjects.created, AccountCreated, {
    account: message,
    actor: journal.actor,
  });
  return message;
}

export async function updateAccount(
  tx: OrmEntityManager,
  journal: Journal,
  request: {
    id: string;
    expectedVersion: number;
    patch: AccountPatch;
    allowDuplicate: boolean;
    /** The caller's visibility for deleting accounts, which decides who may change the owner. */
    deleteVisibility: Visibility;
  },
): Promise<AccountMessage> {
  const account = await lockAccountAt(tx, request.id, request.expectedVersion);
  const previous = await accountMessage(tx, account);
  const before = accountFieldsOf(account);
  const after = { ...before, ...request.patch };
  const changes = changedFields(before, after, accountFieldNames);
  if (changes.length === 0) return previous;
  if (after.ownerId !== before.ownerId)
    assertMayChangeOwner(request.deleteVisibility, journal.caller, before.ownerId, 'accounts');
  if (after.domain && after.domain !== before.domain && !request.allowDuplicate)
    await refuseDuplicateDomain(tx, after.domain, account.id);

  new AccountRepository(tx).assign(account, after);
  await tx.flush();
  const message = toAccountMessage(account, previous.contactCount);
  journal.recordUpdated({ type: 'account', id: account.id }, changes);
  journal.publish(accountSubjects.updated, AccountUpdated, {
    account: message,
    previous,
    changedFields: changes.map((change) => change.field),
    actor: journal.actor,
  });
  return message;
}

/**
 * Deletes an account without contacts or files, with its timeline. Contacts must be merged or
 * moved first; files removed first, since only the gateway can delete their bytes.
 */
export async function deleteAccount(
  tx: OrmEntityManager,
  journal: Journal,
  request: DeleteRequest,
): Promise<void> {
  const account = await lockAccountAt(tx, request.id, request.expectedVersion);
  assertOwn(
    request.visibility,
    journal.caller,
    account.ownerId ?? null,
    'You may delete only accounts you own.',
  );
  const message = await accountMessage(tx, account);
  if (message.contactCount > 0) {
    throw new DomainError(
      'failed_precondition',
      `${account.name} still has ${message.contactCount} contact(s); merge the account into another or move its contacts first.`,
    );
  }
  await removeSubjectHistory(tx, { type: 'account', id: account.id }, account.name);
  new AccountRepository(tx).remove(account);
  journal.publish(accountSubjects.deleted, AccountDeleted, {
    account: message,
    actor: journal.actor,
  });
}
