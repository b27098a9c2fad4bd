import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '@crm/grpc';
import { CreateAccountRequest, UpdateAccountRequest } from '@crm/proto/crm/accounts/v1/accounts';
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
  startAccountsStack,
  users,
  type AccountsStack,
} from './accounts-stack.test-support.js';

describe('timelines and notes over gRPC', () => {
  let stack: AccountsStack;
  let accountId: string;
  const timeline = () => stack.clients.timeline;
  const subject = () => ({ type: SubjectType.SUBJECT_TYPE_ACCOUNT, id: accountId });

  const addNote = async (body: string, caller: Caller = users.staff) =>
    (await call(timeline(), timeline().addNote, { subject: subject(), body }, caller)).entry!;
  const listAll = (limit: number) =>
    everyItem(limit, async (page) => {
      const request = ListTimelineRequest.fromPartial({ subject: subject(), page });
      const { entries, page: next } = await call(timeline(), timeline().listTimeline, request);
      return { items: entries, next };
    });

  beforeAll(async () => {
    stack = await startAccountsStack('timeline');
    const { account } = await call(
      stack.clients.accounts,
      stack.clients.accounts.createAccount,
      CreateAccountRequest.fromPartial({ name: uniqueName('Acme'), tags: ['a'] }),
    );
    accountId = account!.id;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('records changes as the system saw them, with the fields before and after', async () => {
    await call(
      stack.clients.accounts,
      stack.clients.accounts.updateAccount,
      UpdateAccountRequest.fromPartial({
        id: accountId,
        expectedVersion: '1',
        domain: 'acme.example',
        tags: { values: ['a', 'b'] },
      }),
    );
    const [updated, created] = await listAll(50);
    expect(created).toMatchObject({
      kind: TimelineEntryKind.TIMELINE_ENTRY_KIND_CREATED,
      actorUserId: users.staff.userId,
    });
    expect(updated).toMatchObject({
      kind: TimelineEntryKind.TIMELINE_ENTRY_KIND_UPDATED,
      body: 'Changed domain, tags',
      changes: [
        { field: 'domain', before: 'null', after: '"acme.example"' },
        { field: 'tags', before: '["a"]', after: '["a","b"]' },
      ],
    });
  });

  it('adds notes and pages through the timeline newest first, every entry once', async () => {
    const notes = [];
    for (let i = 0; i < 5; i += 1) notes.push(await addNote(`Note ${i}\nwith a second line`));
    expect(notes[0]).toMatchObject({
      kind: TimelineEntryKind.TIMELINE_ENTRY_KIND_NOTE,
      actorUserId: users.staff.userId,
      body: 'Note 0\nwith a second line',
      subject: subject(),
    });
    const whole = await listAll(200);
    const paged = await listAll(2);
    expect(paged).toEqual(whole);
    expect(whole.slice(0, 5).map((entry) => entry.id)).toEqual(
      [...notes].reverse().map((note) => note.id),
    );
    expect(new Set(paged.map((entry) => entry.id)).size).toBe(paged.length);
  });

  it('lets authors delete their notes, admins any note, and nobody what the system recorded', async () => {
    const note = await addNote('Mine');
    for (const caller of [users.otherStaff, users.manager]) {
      const denied = await failure(timeline(), timeline().deleteNote, { id: note.id }, caller);
      expect(denied.code).toBe('permission_denied');
    }
    await call(timeline(), timeline().deleteNote, { id: note.id });
    expect((await failure(timeline(), timeline().deleteNote, { id: note.id })).code).toBe(
      'not_found',
    );

    const managers = await addNote('By a manager', users.manager);
    await call(timeline(), timeline().deleteNote, { id: managers.id }, users.manager);
    const staffs = await addNote('By staff');
    await call(timeline(), timeline().deleteNote, { id: staffs.id }, users.admin);

    const created = (await listAll(200)).find(
      (entry) => entry.kind === TimelineEntryKind.TIMELINE_ENTRY_KIND_CREATED,
    )!;
    expect(
      (await failure(timeline(), timeline().deleteNote, { id: created.id }, users.admin)).code,
    ).toBe('not_found');
    expect((await listAll(200)).map((entry) => entry.id)).not.toContain(note.id);
  });

  it('refuses empty notes, unknown subjects and callers without the right', async () => {
    const empty = await failure(timeline(), timeline().addNote, { subject: subject(), body: ' ' });
    expect(empty.fieldErrors).toEqual([{ path: '/body', message: 'must not be empty' }]);
    const missing = await failure(timeline(), timeline().addNote, {
      subject: { type: SubjectType.SUBJECT_TYPE_CONTACT, id: accountId },
      body: 'x',
    });
    expect(missing.code).toBe('not_found');
    const untyped = await failure(timeline(), timeline().listTimeline, {
      subject: { type: SubjectType.SUBJECT_TYPE_UNSPECIFIED, id: accountId },
      page: undefined,
    });
    expect(untyped.fieldErrors.map((e) => e.path)).toEqual(['/subject/type']);
    const readOnly = { ...users.admin, scopes: ['read' as const] };
    expect(
      (await failure(timeline(), timeline().addNote, { subject: subject(), body: 'x' }, readOnly))
        .code,
    ).toBe('permission_denied');
    expect(
      (
        await failure(timeline(), timeline().listTimeline, {
          subject: subject(),
          page: { limit: 10, cursor: 'garbage' },
        })
      ).fieldErrors.map((e) => e.path),
    ).toEqual(['/cursor']);
  });
});
