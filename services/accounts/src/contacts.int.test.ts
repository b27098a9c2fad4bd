import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '@crm/grpc';
import { CreateAccountRequest } from '@crm/proto/crm/accounts/v1/accounts';
import {
  Contact,
  CreateContactRequest,
  ListContactsRequest,
  UpdateContactRequest,
} from '@crm/proto/crm/accounts/v1/contacts';
import {
  ListTimelineRequest,
  SubjectType,
  TimelineEntryKind,
} from '@crm/proto/crm/accounts/v1/timeline';
import { uniqueName } from '@crm/testing';
import {
  call,
  everyItem,
  failure,
  recordEvents,
  startAccountsStack,
  users,
  type AccountsStack,
  type EventLog,
} from './accounts-stack.test-support.js';
import {
  contactSubjects,
  decodeContactCreated,
  decodeContactDeleted,
  decodeContactUpdated,
} from './events/contact-events.js';

describe('contacts over gRPC', () => {
  let stack: AccountsStack;
  let events: EventLog;
  const client = () => stack.clients.contacts;

  const createAccount = async (name: string) =>
    (
      await call(
        stack.clients.accounts,
        stack.clients.accounts.createAccount,
        CreateAccountRequest.fromPartial({ name }),
      )
    ).account!;
  const create = async (fields: Partial<CreateContactRequest>, caller: Caller = users.staff) =>
    (await call(client(), client().createContact, CreateContactRequest.fromPartial(fields), caller))
      .contact!;
  const update = async (fields: Partial<UpdateContactRequest>) =>
    (await call(client(), client().updateContact, UpdateContactRequest.fromPartial(fields)))
      .contact!;
  const listAll = (request: Partial<ListContactsRequest>, limit = 2) =>
    everyItem(limit, async (page) => {
      const listRequest = ListContactsRequest.fromPartial({ ...request, page });
      const { contacts, page: next } = await call(client(), client().listContacts, listRequest);
      return { items: contacts, next };
    });
  const timelineOf = async (type: SubjectType, id: string) =>
    (
      await call(
        stack.clients.timeline,
        stack.clients.timeline.listTimeline,
        ListTimelineRequest.fromPartial({ subject: { type, id } }),
      )
    ).entries;

  beforeAll(async () => {
    stack = await startAccountsStack('contacts');
    events = recordEvents(stack.bus, Object.values(contactSubjects));
  });

  afterAll(async () => {
    await events?.stop();
    await stack?.stop();
  });

  it('creates a contact at an account, counted there, in both timelines and announced', async () => {
    const account = await createAccount(uniqueName('Acme'));
    const contact = await create({
      accountId: account.id,
      firstName: ' Ada ',
      lastName: 'Lovelace',
      email: 'ADA@Acme.example',
      otherEmails: ['countess@acme.example'],
      phone: '+44 20 7946 0958',
      title: 'Analyst',
      primary: true,
    });
    expect(contact).toMatchObject({
      accountId: account.id,
      accountName: account.name,
      firstName: 'Ada',
      email: 'ada@acme.example',
      otherEmails: ['countess@acme.example'],
      primary: true,
      version: '1',
      ownerId: users.staff.userId,
    });
    const { contact: fetched } = await call(client(), client().getContact, { id: contact.id });
    expect(fetched).toEqual(contact);
    const { account: counted } = await call(
      stack.clients.accounts,
      stack.clients.accounts.getAccount,
      { id: account.id },
    );
    expect(counted?.contactCount).toBe(1);

    expect(
      (await timelineOf(SubjectType.SUBJECT_TYPE_CONTACT, contact.id)).map((e) => e.kind),
    ).toEqual([TimelineEntryKind.TIMELINE_ENTRY_KIND_CREATED]);
    const [added] = await timelineOf(SubjectType.SUBJECT_TYPE_ACCOUNT, account.id);
    expect(added).toMatchObject({
      kind: TimelineEntryKind.TIMELINE_ENTRY_KIND_CONTACT_ADDED,
      actorUserId: users.staff.userId,
      related: { type: 'contact', id: contact.id, label: 'Ada Lovelace' },
    });
    const event = await events.next(
      contactSubjects.created,
      decodeContactCreated,
      (e) => e.contact?.id === contact.id,
    );
    expect(event.contact).toEqual(contact);
  });

  describe('search', () => {
    const tag = uniqueName('search');
    beforeAll(async () => {
      await create({
        firstName: 'Grace',
        lastName: `Hopper ${tag}`,
        email: `grace.hopper@${tag.replaceAll('_', '-')}.example`,
      });
      await create({
        firstName: 'Alan',
        lastName: 'Turing',
        email: 'alan.turing@bletchley.example',
        otherEmails: ['prof@kings.example'],
      });
      await create({ firstName: 'Katherine', lastName: 'Johnson', email: 'kj@nasa.example' });
    });
    const names = async (query: string) =>
      (await listAll({ query }, 10)).map((c) => `${c.firstName} ${c.lastName}`);

    it('finds names and addresses despite typos, and other addresses exactly', async () => {
      expect(await names('Alan Turnig')).toContain('Alan Turing');
      expect(await names('katherin jonson')).toContain('Katherine Johnson');
      expect(await names('alan.turnig@bletchley.example')).toContain('Alan Turing');
      expect((await names('prof@kings.example'))[0]).toBe('Alan Turing');
      expect(await names('bletchley')).toContain('Alan Turing');
      expect(await names('zzqqxx')).toEqual([]);
    });

    it('finds a mistyped part of an address, whatever the name', async () => {
      const nameless = await create({
        email: 'alan.turing@bletchley.example',
        allowDuplicate: true,
      });
      const found = await listAll({ query: 'alan.turnig' }, 50);
      expect(found.map((c) => c.id)).toContain(nameless.id);
    });

    it('refuses control characters in a search or a duplicate check', async () => {
      const search = await failure(
        client(),
        client().listContacts,
        ListContactsRequest.fromPartial({ query: 'al\u0000an' }),
      );
      expect(search.fieldErrors.map((e) => e.path)).toEqual(['/query']);
      const duplicates = await failure(client(), client().findDuplicateContacts, {
        emails: ['ada@example.com', 'ada\u0000@example.com'],
        excludeId: '',
      });
      expect(duplicates.fieldErrors.map((e) => e.path)).toEqual(['/email']);
    });

    it('ranks the exact name first and pages through every match once', async () => {
      expect((await names('Katherine Johnson'))[0]).toBe('Katherine Johnson');
      const whole = await listAll({ query: 'hopper' }, 200);
      const paged = await listAll({ query: 'hopper' }, 1);
      expect(paged.map((c) => c.id)).toEqual(whole.map((c) => c.id));
      expect(whole.some((c) => c.lastName === `Hopper ${tag}`)).toBe(true);
    });
  });

  describe('lists', () => {
    it('filter by account and owner, sorted by last name or last change, page by page', async () => {
      const account = await createAccount(uniqueName('Lists'));
      const ids: Record<string, string> = {};
      for (const lastName of ['Cole', 'Abbott', 'Baker']) {
        ids[lastName] = (await create({ accountId: account.id, lastName })).id;
      }
      const managersOwn = await create({ accountId: account.id, lastName: 'Drake' }, users.manager);
      const byName = await listAll({ accountIds: [account.id], sort: 'lastName' }, 1);
      expect(byName.map((c) => c.lastName)).toEqual(['Abbott', 'Baker', 'Cole', 'Drake']);
      expect(byName.every((c) => c.accountName === account.name)).toBe(true);
      const reversed = await listAll({ accountIds: [account.id], sort: '-lastName' }, 3);
      expect(reversed.map((c) => c.lastName)).toEqual(['Drake', 'Cole', 'Baker', 'Abbott']);
      const mine = await listAll({ accountIds: [account.id], ownerIds: [users.manager.userId] });
      expect(mine.map((c) => c.id)).toEqual([managersOwn.id]);

      await update({ id: ids.Abbott!, expectedVersion: '1', title: 'CEO' });
      const changed = await listAll({ accountIds: [account.id], sort: '-updatedAt' }, 1);
      expect(changed[0]?.lastName).toBe('Abbott');
      const created = await listAll({ accountIds: [account.id], sort: 'createdAt' }, 2);
      expect(created.map((c) => c.lastName)).toEqual(['Cole', 'Abbott', 'Baker', 'Drake']);
    });
  });

  describe('duplicates', () => {
    it('refuses a known address (primary or other) naming the contacts, unless allowed', async () => {
      const email = `${uniqueName('dup')}@example.com`;
      const first = await create({ lastName: 'First', otherEmails: [email] });
      const refused = await failure(
        client(),
        client().createContact,
        CreateContactRequest.fromPartial({ lastName: 'Second', email: email.toUpperCase() }),
      );
      expect(refused).toMatchObject({ code: 'already_exists', problemType: 'duplicate' });
      expect(
        (refused.extensions.duplicates as unknown[]).map((json) => Contact.fromJSON(json).id),
      ).toEqual([first.id]);
      const second = await create({ lastName: 'Second', email, allowDuplicate: true });

      const { contacts } = await call(client(), client().findDuplicateContacts, {
        emails: [email, 'unfinished@'],
        excludeId: second.id,
      });
      expect(contacts.map((c) => c.id)).toEqual([first.id]);

      const third = await create({ lastName: 'Third' });
      const taking = UpdateContactRequest.fromPartial({
        id: third.id,
        expectedVersion: '1',
        otherEmails: { values: [email] },
      });
      expect((await failure(client(), client().updateContact, taking)).problemType).toBe(
        'duplicate',
      );
      // Without a primary address of its own, the contact's first other one becomes primary.
      expect(await update({ ...taking, allowDuplicate: true })).toMatchObject({
        email,
        otherEmails: [],
      });
    });
  });

  describe('updates', () => {
    it('makes a new primary contact the only one, the old one told', async () => {
      const account = await createAccount(uniqueName('Primary'));
      const old = await create({ accountId: account.id, lastName: 'Old', primary: true });
      const fresh = await create({ accountId: account.id, lastName: 'New' });
      const promoted = await update({ id: fresh.id, expectedVersion: '1', primary: true });
      expect(promoted.primary).toBe(true);
      const { contact: demoted } = await call(client(), client().getContact, { id: old.id });
      expect(demoted).toMatchObject({ primary: false, version: '2' });
      const event = await events.next(
        contactSubjects.updated,
        decodeContactUpdated,
        (e) => e.contact?.id === old.id,
      );
      expect(event).toMatchObject({ changedFields: ['primary'], previous: { primary: true } });
    });

    it('refuses a stale version with the current one, and records moves between accounts', async () => {
      const from = await createAccount(uniqueName('From'));
      const to = await createAccount(uniqueName('To'));
      const contact = await create({ accountId: from.id, firstName: 'Mo', lastName: 'Ver' });
      const moved = await update({ id: contact.id, expectedVersion: '1', accountId: to.id });
      expect(moved).toMatchObject({ accountId: to.id, accountName: to.name, version: '2' });

      const stale = await failure(
        client(),
        client().updateContact,
        UpdateContactRequest.fromPartial({ id: contact.id, expectedVersion: '1', title: 'x' }),
      );
      expect(stale).toMatchObject({ code: 'conflict', extensions: { currentVersion: 2 } });
      expect(Contact.fromJSON(stale.extensions.current)).toEqual(moved);

      const [removed] = await timelineOf(SubjectType.SUBJECT_TYPE_ACCOUNT, from.id);
      expect(removed).toMatchObject({
        kind: TimelineEntryKind.TIMELINE_ENTRY_KIND_CONTACT_REMOVED,
        related: { id: contact.id, label: 'Mo Ver' },
      });
      const [added] = await timelineOf(SubjectType.SUBJECT_TYPE_ACCOUNT, to.id);
      expect(added?.kind).toBe(TimelineEntryKind.TIMELINE_ENTRY_KIND_CONTACT_ADDED);
      const [change] = await timelineOf(SubjectType.SUBJECT_TYPE_CONTACT, contact.id);
      expect(change).toMatchObject({
        kind: TimelineEntryKind.TIMELINE_ENTRY_KIND_UPDATED,
        changes: [
          { field: 'accountId', before: JSON.stringify(from.id), after: JSON.stringify(to.id) },
        ],
      });
      const event = await events.next(
        contactSubjects.updated,
        decodeContactUpdated,
        (e) => e.contact?.id === contact.id,
      );
      expect(event).toMatchObject({
        changedFields: ['accountId'],
        previous: { accountId: from.id, accountName: from.name, version: '1' },
      });

      const unknownAccount = await failure(
        client(),
        client().updateContact,
        UpdateContactRequest.fromPartial({
          id: contact.id,
          expectedVersion: '2',
          accountId: '00000000-0000-4000-8000-000000000000',
        }),
      );
      expect(unknownAccount.fieldErrors).toEqual([
        { path: '/accountId', message: 'is not an account' },
      ]);
    });
  });

  describe('owners', () => {
    it('change only by the owner or someone who may delete any contact', async () => {
      const theirs = await create({ lastName: 'Theirs' }, users.otherStaff);
      const takeover = await failure(
        client(),
        client().updateContact,
        UpdateContactRequest.fromPartial({
          id: theirs.id,
          expectedVersion: '1',
          ownerId: users.staff.userId,
        }),
      );
      expect(takeover).toMatchObject({
        code: 'permission_denied',
        fieldErrors: [{ path: '/ownerId', message: 'may be changed only by the owner' }],
      });
      const handedOn = await call(
        client(),
        client().updateContact,
        UpdateContactRequest.fromPartial({
          id: theirs.id,
          expectedVersion: '1',
          ownerId: users.staff.userId,
        }),
        users.otherStaff,
      );
      expect(handedOn.contact?.ownerId).toBe(users.staff.userId);
      const byManager = await call(
        client(),
        client().updateContact,
        UpdateContactRequest.fromPartial({ id: theirs.id, expectedVersion: '2', ownerId: '' }),
        users.manager,
      );
      expect(byManager.contact?.ownerId).toBeUndefined();
    });
  });

  describe('deletes', () => {
    it('lets staff delete their own contacts, noting it on the account and announcing it', async () => {
      const account = await createAccount(uniqueName('Gone'));
      const theirs = await create({ accountId: account.id, lastName: 'Theirs' }, users.otherStaff);
      expect(
        (await failure(client(), client().deleteContact, { id: theirs.id, expectedVersion: '0' }))
          .code,
      ).toBe('permission_denied');
      const mine = await create({ accountId: account.id, lastName: 'Mine' });
      await call(client(), client().deleteContact, { id: mine.id, expectedVersion: '1' });
      expect((await failure(client(), client().getContact, { id: mine.id })).code).toBe(
        'not_found',
      );
      const [removed] = await timelineOf(SubjectType.SUBJECT_TYPE_ACCOUNT, account.id);
      expect(removed).toMatchObject({
        kind: TimelineEntryKind.TIMELINE_ENTRY_KIND_CONTACT_REMOVED,
        related: { id: mine.id },
      });
      const event = await events.next(
        contactSubjects.deleted,
        decodeContactDeleted,
        (e) => e.contact?.id === mine.id,
      );
      expect(event.contact).toEqual(mine);
      // The history of a deleted contact goes with it.
      expect(
        (
          await failure(
            stack.clients.timeline,
            stack.clients.timeline.listTimeline,
            ListTimelineRequest.fromPartial({
              subject: { type: SubjectType.SUBJECT_TYPE_CONTACT, id: mine.id },
            }),
          )
        ).code,
      ).toBe('not_found');
    });
  });
});
