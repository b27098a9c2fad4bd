import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '@crm/grpc';
import {
  AccountStatus,
  CreateAccountRequest,
  type Account,
} from '@crm/proto/crm/accounts/v1/accounts';
import { RegisterAttachmentRequest } from '@crm/proto/crm/accounts/v1/attachments';
import { CreateContactRequest, ListContactsRequest } from '@crm/proto/crm/accounts/v1/contacts';
import {
  ListTimelineRequest,
  SubjectType,
  TimelineEntryKind,
  type Subject,
} from '@crm/proto/crm/accounts/v1/timeline';
import { createOrm } from '@crm/db';
import { quietLogger, uniqueName, waitFor } from '@crm/testing';
import {
  call,
  failure,
  recordEvents,
  startAccountsStack,
  users,
  type AccountsStack,
  type EventLog,
} from './accounts-stack.test-support.js';
import { accountsEntities } from './db/entities.js';
import { accountsMigrations } from './db/migrations/index.js';
import { accountSubjects, decodeAccountsMerged } from './events/account-events.js';
import {
  contactSubjects,
  decodeContactsMerged,
  decodeContactUpdated,
} from './events/contact-events.js';

describe('merging accounts and contacts over gRPC', () => {
  let stack: AccountsStack;
  let events: EventLog;

  const createAccount = async (fields: Partial<CreateAccountRequest>) =>
    (
      await call(
        stack.clients.accounts,
        stack.clients.accounts.createAccount,
        CreateAccountRequest.fromPartial(fields),
      )
    ).account!;
  const createContact = async (fields: Partial<CreateContactRequest>) =>
    (
      await call(
        stack.clients.contacts,
        stack.clients.contacts.createContact,
        CreateContactRequest.fromPartial(fields),
      )
    ).contact!;
  const addNote = async (subject: Subject, body: string) =>
    (await call(stack.clients.timeline, stack.clients.timeline.addNote, { subject, body })).entry!;
  const attach = async (subject: Subject, fileName: string) =>
    (
      await call(
        stack.clients.attachments,
        stack.clients.attachments.registerAttachment,
        RegisterAttachmentRequest.fromPartial({
          subject,
          fileName,
          contentType: 'text/plain',
          sizeBytes: '3',
          sha256: 'cd'.repeat(32),
          objectKey: `attachments/${uniqueName('merge')}`,
        }),
      )
    ).attachment!;
  const timelineOf = async (subject: Subject) =>
    (
      await call(
        stack.clients.timeline,
        stack.clients.timeline.listTimeline,
        ListTimelineRequest.fromPartial({ subject, page: { limit: 200, cursor: '' } }),
      )
    ).entries;
  const attachmentsOf = async (subject: Subject) =>
    (
      await call(stack.clients.attachments, stack.clients.attachments.listAttachments, {
        subject,
        page: undefined,
      })
    ).attachments;

  /** A connection pool of the test's own, to hold locks the service then meets. */
  const openOrm = () =>
    createOrm({
      clientUrl: stack.database.url,
      schema: 'accounts',
      entities: accountsEntities,
      migrations: accountsMigrations,
      logger: quietLogger('accounts'),
    });

  beforeAll(async () => {
    stack = await startAccountsStack('merge');
    events = recordEvents(stack.bus, [
      accountSubjects.merged,
      contactSubjects.merged,
      contactSubjects.updated,
    ]);
  });

  afterAll(async () => {
    await events?.stop();
    await stack?.stop();
  });

  describe('accounts', () => {
    let survivor: Account;
    let merged: Account;
    const account = (id: string): Subject => ({ type: SubjectType.SUBJECT_TYPE_ACCOUNT, id });

    beforeAll(async () => {
      survivor = await createAccount({ name: uniqueName('Acme'), tags: ['vip'], notes: 'Ours.' });
      merged = await createAccount({
        name: uniqueName('ACME Ltd'),
        domain: `${uniqueName('acme').replaceAll('_', '-')}.example`,
        industry: 'Retail',
        status: AccountStatus.ACCOUNT_STATUS_CUSTOMER,
        tags: ['retail', 'vip'],
      });
    });

    const merge = (caller: Caller, versions: { survivor?: string; merged?: string } = {}) =>
      call(
        stack.clients.accounts,
        stack.clients.accounts.mergeAccounts,
        {
          survivorId: survivor.id,
          mergedId: merged.id,
          survivorVersion: versions.survivor ?? '0',
          mergedVersion: versions.merged ?? '0',
        },
        caller,
      );

    it('is for managers and admins, at the versions they read', async () => {
      const denied = await failure(
        stack.clients.accounts,
        stack.clients.accounts.mergeAccounts,
        { survivorId: survivor.id, mergedId: merged.id, survivorVersion: '0', mergedVersion: '0' },
        users.staff,
      );
      expect(denied.code).toBe('permission_denied');
      const stale = await merge(users.manager, { merged: '9' }).catch((e: unknown) => e);
      expect(stale).toMatchObject({
        code: 'conflict',
        extensions: { currentVersion: 1, current: { id: merged.id } },
      });
      const self = await failure(
        stack.clients.accounts,
        stack.clients.accounts.mergeAccounts,
        {
          survivorId: survivor.id,
          mergedId: survivor.id,
          survivorVersion: '0',
          mergedVersion: '0',
        },
        users.manager,
      );
      expect(self.fieldErrors.map((e) => e.path)).toEqual(['/mergedId']);
    });

    it('moves every contact, note and file, fills empty fields and records the merge', async () => {
      const keeper = await createContact({
        accountId: survivor.id,
        lastName: 'Keeper',
        primary: true,
      });
      const theirPrimary = await createContact({
        accountId: merged.id,
        lastName: 'Lead',
        primary: true,
      });
      const theirOther = await createContact({ accountId: merged.id, lastName: 'Other' });
      const note = await addNote(account(merged.id), 'Signed the NDA.');
      const file = await attach(account(merged.id), 'nda.txt');

      const { account: result } = await merge(users.manager, { survivor: '1', merged: '1' });
      expect(result).toMatchObject({
        id: survivor.id,
        name: survivor.name,
        domain: merged.domain,
        industry: 'Retail',
        // The survivor's own values win.
        status: AccountStatus.ACCOUNT_STATUS_PROSPECT,
        tags: ['retail', 'vip'],
        notes: 'Ours.',
        contactCount: 3,
        version: '2',
      });
      expect(
        (
          await failure(stack.clients.accounts, stack.clients.accounts.getAccount, {
            id: merged.id,
          })
        ).code,
      ).toBe('not_found');

      const { contacts } = await call(
        stack.clients.contacts,
        stack.clients.contacts.listContacts,
        ListContactsRequest.fromPartial({ accountIds: [survivor.id], sort: 'lastName' }),
      );
      expect(contacts.map((c) => [c.lastName, c.primary, c.accountName])).toEqual([
        ['Keeper', true, survivor.name],
        // The survivor keeps its primary contact; the merged one's stops being primary.
        ['Lead', false, survivor.name],
        ['Other', false, survivor.name],
      ]);

      const entries = await timelineOf(account(survivor.id));
      expect(entries[0]).toMatchObject({
        kind: TimelineEntryKind.TIMELINE_ENTRY_KIND_MERGED,
        actorUserId: users.manager.userId,
        related: { type: 'account', id: merged.id, label: merged.name },
      });
      expect(entries[0]?.changes.map((change) => change.field)).toEqual([
        'domain',
        'industry',
        'tags',
      ]);
      expect(entries.map((entry) => entry.id)).toContain(note.id);
      expect((await attachmentsOf(account(survivor.id))).map((a) => a.id)).toEqual([file.id]);

      const event = await events.next(
        accountSubjects.merged,
        decodeAccountsMerged,
        (e) => e.survivor?.id === survivor.id,
      );
      expect(event.survivor).toEqual(result);
      expect(event.merged).toMatchObject({ id: merged.id, version: '1', contactCount: 2 });
      expect(event.previous).toMatchObject({ id: survivor.id, version: '1', domain: undefined });
      expect(event.actor?.userId).toBe(users.manager.userId);
      for (const moved of [theirPrimary, theirOther]) {
        const update = await events.next(
          contactSubjects.updated,
          decodeContactUpdated,
          (e) => e.contact?.id === moved.id,
        );
        expect(update.contact?.accountId).toBe(survivor.id);
        expect(update.previous?.accountName).toBe(merged.name);
        expect(update.changedFields).toContain('accountId');
      }
      expect(keeper.primary).toBe(true);
    });
  });

  it('runs a merge again when PostgreSQL aborts it to break a deadlock', async () => {
    const survivor = await createAccount({ name: uniqueName('Survivor') });
    const merged = await createAccount({ name: uniqueName('Merged') });
    const contact = await createContact({ accountId: merged.id, lastName: 'Locked' });
    const orm = await openOrm();
    const lockWaits = async () => {
      const [row] = await orm.em
        .fork()
        .execute<Array<{ waiting: number }>>(
          "select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
        );
      return row?.waiting ?? 0;
    };
    try {
      let merging: Promise<unknown> | undefined;
      // Holds the contact the merge must move, then wants the merged account the merge holds:
      // each waits for the other until PostgreSQL aborts the merge, which waited first.
      await orm.em.fork().transactional(async (tx) => {
        await tx.execute('select 1 from accounts.contacts where id = ? for update', [contact.id]);
        merging = call(
          stack.clients.accounts,
          stack.clients.accounts.mergeAccounts,
          {
            survivorId: survivor.id,
            mergedId: merged.id,
            survivorVersion: '0',
            mergedVersion: '0',
          },
          users.admin,
        );
        await waitFor(async () => (await lockWaits()) > 0, { what: 'the merge to wait' });
        await tx.execute('select 1 from accounts.accounts where id = ? for share', [merged.id]);
      });
      await expect(merging).resolves.toMatchObject({
        account: { id: survivor.id, contactCount: 1 },
      });
    } finally {
      await orm.close();
    }
  });

  it('refuses a merge whose survivor would break a limit, changing nothing', async () => {
    const tags = (prefix: string) => Array.from({ length: 30 }, (_, i) => `${prefix}-${i}`);
    const survivor = await createAccount({ name: uniqueName('Tagged'), tags: tags('ours') });
    const merged = await createAccount({ name: uniqueName('Tagged too'), tags: tags('theirs') });
    const moving = await createContact({ accountId: merged.id, lastName: 'Stays' });
    const refused = await failure(
      stack.clients.accounts,
      stack.clients.accounts.mergeAccounts,
      { survivorId: survivor.id, mergedId: merged.id, survivorVersion: '0', mergedVersion: '0' },
      users.admin,
    );
    expect(refused).toMatchObject({
      code: 'failed_precondition',
      fieldErrors: [{ path: '/tags' }],
    });
    expect(refused.message).toContain('remove 10 tags');
    const { account: still } = await call(
      stack.clients.accounts,
      stack.clients.accounts.getAccount,
      { id: merged.id },
    );
    expect(still).toMatchObject({ version: '1', contactCount: 1 });
    const { contact } = await call(stack.clients.contacts, stack.clients.contacts.getContact, {
      id: moving.id,
    });
    expect(contact).toMatchObject({ accountId: merged.id, version: '1' });
  });

  describe('contacts', () => {
    it('takes over as primary only in its turn, as any contact becoming primary', async () => {
      const acme = await createAccount({ name: uniqueName('Turns') });
      const survivor = await createContact({ lastName: 'Survivor' });
      const merged = await createContact({ accountId: acme.id, lastName: 'Lead', primary: true });
      const orm = await openOrm();
      const turnWaits = async () => {
        const [row] = await orm.em.fork().execute<Array<{ waiting: number }>>(
          `select count(*)::int as waiting from pg_locks
           where locktype = 'advisory' and not granted
             and database = (select oid from pg_database where datname = current_database())`,
        );
        return row?.waiting ?? 0;
      };
      try {
        let merging: Promise<unknown> | undefined;
        // Holds the turn a contact becoming the account's primary holds until it commits: the
        // merge must wait for it, or it would make a second primary contact.
        await orm.em.fork().transactional(async (tx) => {
          await tx.execute('select pg_advisory_xact_lock(hashtext(?))', [
            `crm:account-primary:${acme.id}`,
          ]);
          merging = call(
            stack.clients.contacts,
            stack.clients.contacts.mergeContacts,
            {
              survivorId: survivor.id,
              mergedId: merged.id,
              survivorVersion: '0',
              mergedVersion: '0',
            },
            users.admin,
          );
          await waitFor(async () => (await turnWaits()) > 0, {
            what: 'the merge to wait its turn',
          });
        });
        await expect(merging).resolves.toMatchObject({
          contact: { id: survivor.id, accountId: acme.id, primary: true },
        });
      } finally {
        await orm.close();
      }
    });

    it('unites addresses, moves notes and files, takes over as primary and records it', async () => {
      const acme = await createAccount({ name: uniqueName('Acme') });
      const survivor = await createContact({
        firstName: 'Ada',
        email: `${uniqueName('ada')}@a.example`,
      });
      const merged = await createContact({
        accountId: acme.id,
        firstName: 'Ada',
        lastName: 'Lovelace',
        email: `${uniqueName('ada')}@b.example`,
        otherEmails: [survivor.email!],
        phone: '555 0100',
        primary: true,
        allowDuplicate: true,
      });
      const contact = (id: string): Subject => ({ type: SubjectType.SUBJECT_TYPE_CONTACT, id });
      const note = await addNote(contact(merged.id), 'Prefers email.');
      const file = await attach(contact(merged.id), 'card.txt');

      const staffDenied = await failure(
        stack.clients.contacts,
        stack.clients.contacts.mergeContacts,
        { survivorId: survivor.id, mergedId: merged.id, survivorVersion: '0', mergedVersion: '0' },
      );
      expect(staffDenied.code).toBe('permission_denied');
      const { contact: result } = await call(
        stack.clients.contacts,
        stack.clients.contacts.mergeContacts,
        { survivorId: survivor.id, mergedId: merged.id, survivorVersion: '1', mergedVersion: '1' },
        users.admin,
      );
      expect(result).toMatchObject({
        id: survivor.id,
        firstName: 'Ada',
        lastName: 'Lovelace',
        email: survivor.email,
        otherEmails: [merged.email],
        phone: '555 0100',
        accountId: acme.id,
        accountName: acme.name,
        primary: true,
        version: '2',
      });
      expect(
        (
          await failure(stack.clients.contacts, stack.clients.contacts.getContact, {
            id: merged.id,
          })
        ).code,
      ).toBe('not_found');

      const entries = await timelineOf(contact(survivor.id));
      expect(entries[0]).toMatchObject({
        kind: TimelineEntryKind.TIMELINE_ENTRY_KIND_MERGED,
        related: { type: 'contact', id: merged.id, label: 'Ada Lovelace' },
      });
      expect(entries.map((entry) => entry.id)).toContain(note.id);
      expect((await attachmentsOf(contact(survivor.id))).map((a) => a.id)).toEqual([file.id]);
      const accountEntries = await timelineOf({
        type: SubjectType.SUBJECT_TYPE_ACCOUNT,
        id: acme.id,
      });
      expect(accountEntries.slice(0, 2).map((entry) => [entry.kind, entry.related?.id])).toEqual([
        [TimelineEntryKind.TIMELINE_ENTRY_KIND_CONTACT_ADDED, survivor.id],
        [TimelineEntryKind.TIMELINE_ENTRY_KIND_CONTACT_REMOVED, merged.id],
      ]);
      // Earlier entries naming the merged contact now lead to the survivor; only the merge's own
      // record names the contact that is gone.
      expect(
        accountEntries
          .filter((entry) => entry.kind === TimelineEntryKind.TIMELINE_ENTRY_KIND_CONTACT_ADDED)
          .map((entry) => entry.related),
      ).toEqual([
        { type: 'contact', id: survivor.id, label: 'Ada Lovelace' },
        { type: 'contact', id: survivor.id, label: 'Ada Lovelace' },
      ]);
      expect(
        accountEntries.filter((entry) => entry.related?.id === merged.id).map((e) => e.kind),
      ).toEqual([TimelineEntryKind.TIMELINE_ENTRY_KIND_CONTACT_REMOVED]);

      const event = await events.next(
        contactSubjects.merged,
        decodeContactsMerged,
        (e) => e.survivor?.id === survivor.id,
      );
      expect(event).toMatchObject({
        survivor: result,
        merged: { id: merged.id, primary: true },
        previous: { id: survivor.id, version: '1', otherEmails: [] },
        actor: { userId: users.admin.userId },
      });
    });
  });
});
