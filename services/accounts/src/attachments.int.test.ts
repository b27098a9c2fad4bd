import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainError } from '@crm/errors';
import type { Caller } from '@crm/grpc';
import { CreateAccountRequest } from '@crm/proto/crm/accounts/v1/accounts';
import { RegisterAttachmentRequest } from '@crm/proto/crm/accounts/v1/attachments';
import {
  ListTimelineRequest,
  SubjectType,
  TimelineEntryKind,
} from '@crm/proto/crm/accounts/v1/timeline';
import { createOrm } from '@crm/db';
import { quietLogger, uniqueName, waitFor } from '@crm/testing';
import {
  call,
  everyItem,
  failure,
  startAccountsStack,
  users,
  type AccountsStack,
} from './accounts-stack.test-support.js';
import { accountsEntities } from './db/entities.js';
import { accountsMigrations } from './db/migrations/index.js';

describe('attachments over gRPC', () => {
  let stack: AccountsStack;
  let accountId: string;
  const client = () => stack.clients.attachments;
  const subject = () => ({ type: SubjectType.SUBJECT_TYPE_ACCOUNT, id: accountId });

  const register = async (fileName: string, caller: Caller = users.staff) =>
    (
      await call(
        client(),
        client().registerAttachment,
        RegisterAttachmentRequest.fromPartial({
          subject: subject(),
          fileName,
          contentType: 'application/pdf',
          sizeBytes: '2048',
          sha256: 'ab'.repeat(32),
          objectKey: `attachments/${accountId}/${uniqueName('file')}`,
        }),
        caller,
      )
    ).attachment!;
  const listAll = (limit: number) =>
    everyItem(limit, async (page) => {
      const request = { subject: subject(), page };
      const { attachments, page: next } = await call(client(), client().listAttachments, request);
      return { items: attachments, next };
    });

  beforeAll(async () => {
    stack = await startAccountsStack('attachments');
    const { account } = await call(
      stack.clients.accounts,
      stack.clients.accounts.createAccount,
      CreateAccountRequest.fromPartial({ name: uniqueName('Acme') }),
    );
    accountId = account!.id;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('registers files on an account, noted in its timeline, listed newest first', async () => {
    const offer = await register('Offer.pdf');
    expect(offer).toMatchObject({
      subject: subject(),
      fileName: 'Offer.pdf',
      contentType: 'application/pdf',
      sizeBytes: '2048',
      uploadedBy: users.staff.userId,
    });
    const { attachment } = await call(client(), client().getAttachment, { id: offer.id });
    expect(attachment).toEqual(offer);
    const later = [await register('Two.pdf'), await register('Three.pdf')];
    const paged = await listAll(1);
    expect(paged).toEqual(await listAll(50));
    expect(paged.map((a) => a.id)).toEqual([later[1]!.id, later[0]!.id, offer.id]);

    const { entries } = await call(
      stack.clients.timeline,
      stack.clients.timeline.listTimeline,
      ListTimelineRequest.fromPartial({ subject: subject() }),
    );
    expect(entries[2]).toMatchObject({
      kind: TimelineEntryKind.TIMELINE_ENTRY_KIND_ATTACHMENT_ADDED,
      related: { type: 'attachment', id: offer.id, label: 'Offer.pdf' },
    });
  });

  it('refuses a stored object twice, and metadata that does not describe a file', async () => {
    const first = await register('Once.pdf');
    const again = await failure(
      client(),
      client().registerAttachment,
      RegisterAttachmentRequest.fromPartial({
        subject: subject(),
        fileName: 'Copy.pdf',
        contentType: first.contentType,
        sizeBytes: first.sizeBytes,
        sha256: first.sha256,
        objectKey: first.objectKey,
      }),
    );
    expect(again.code).toBe('already_exists');
    const invalid = await failure(
      client(),
      client().registerAttachment,
      RegisterAttachmentRequest.fromPartial({
        subject: subject(),
        fileName: 'a/b.pdf',
        contentType: 'pdf',
        sizeBytes: '-1',
        sha256: 'nope',
        objectKey: '',
      }),
    );
    expect(invalid.fieldErrors.map((e) => e.path)).toEqual([
      '/fileName',
      '/contentType',
      '/sizeBytes',
      '/sha256',
      '/objectKey',
    ]);
  });

  it('lets staff delete their own uploads and answers the object to remove', async () => {
    const theirs = await register('Theirs.pdf', users.otherStaff);
    const denied = await failure(client(), client().deleteAttachment, { id: theirs.id });
    expect(denied.code).toBe('permission_denied');
    const { objectKey } = await call(
      client(),
      client().deleteAttachment,
      { id: theirs.id },
      users.manager,
    );
    expect(objectKey).toBe(theirs.objectKey);
    expect((await failure(client(), client().getAttachment, { id: theirs.id })).code).toBe(
      'not_found',
    );
    const { entries } = await call(
      stack.clients.timeline,
      stack.clients.timeline.listTimeline,
      ListTimelineRequest.fromPartial({ subject: subject() }),
    );
    expect(entries[0]).toMatchObject({
      kind: TimelineEntryKind.TIMELINE_ENTRY_KIND_ATTACHMENT_REMOVED,
      related: { id: theirs.id, label: 'Theirs.pdf' },
      actorUserId: users.manager.userId,
    });
  });

  /**
   * Runs `calls` while the account is locked against them, and lets them go together once each
   * waits for it: they then race for the same attachment.
   */
  const racing = async <T>(calls: Array<() => Promise<T>>) => {
    const orm = await createOrm({
      clientUrl: stack.database.url,
      schema: 'accounts',
      entities: accountsEntities,
      migrations: accountsMigrations,
      logger: quietLogger('accounts'),
    });
    const lockWaits = async () => {
      const [row] = await orm.em
        .fork()
        .execute<Array<{ waiting: number }>>(
          "select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
        );
      return row?.waiting ?? 0;
    };
    try {
      let outcomes: Promise<Array<PromiseSettledResult<T>>> | undefined;
      await orm.em.fork().transactional(async (tx) => {
        await tx.execute('select 1 from accounts.accounts where id = ? for update', [accountId]);
        outcomes = Promise.allSettled(calls.map((run) => run()));
        await waitFor(async () => (await lockWaits()) >= calls.length, {
          what: 'every call to wait for the account',
        });
      });
      return await outcomes!;
    } finally {
      await orm.close();
    }
  };
  const codesOf = <T>(outcomes: Array<PromiseSettledResult<T>>) =>
    outcomes
      .map((outcome) =>
        outcome.status === 'fulfilled' ? 'ok' : (outcome.reason as DomainError).code,
      )
      .sort();

  it('registers an object once when two registrations race', async () => {
    const objectKey = `attachments/${accountId}/${uniqueName('race')}`;
    const outcomes = await racing(
      ['One.pdf', 'Two.pdf'].map(
        (fileName) => () =>
          call(
            client(),
            client().registerAttachment,
            RegisterAttachmentRequest.fromPartial({
              subject: subject(),
              fileName,
              contentType: 'application/pdf',
              sizeBytes: '1',
              sha256: 'ef'.repeat(32),
              objectKey,
            }),
          ),
      ),
    );
    expect(codesOf(outcomes)).toEqual(['already_exists', 'ok']);
  });

  it('deletes a file once when two deletions race; the second finds it gone', async () => {
    const file = await register('Twice.pdf');
    const outcomes = await racing(
      [users.staff, users.manager].map(
        (caller) => () => call(client(), client().deleteAttachment, { id: file.id }, caller),
      ),
    );
    expect(codesOf(outcomes)).toEqual(['not_found', 'ok']);
    const { entries } = await call(
      stack.clients.timeline,
      stack.clients.timeline.listTimeline,
      ListTimelineRequest.fromPartial({ subject: subject() }),
    );
    expect(entries.filter((entry) => entry.related?.id === file.id).map((e) => e.kind)).toEqual([
      TimelineEntryKind.TIMELINE_ENTRY_KIND_ATTACHMENT_REMOVED,
      TimelineEntryKind.TIMELINE_ENTRY_KIND_ATTACHMENT_ADDED,
    ]);
  });

  it('keeps an account with files from being deleted, since their bytes would stay behind', async () => {
    const refused = await failure(stack.clients.accounts, stack.clients.accounts.deleteAccount, {
      id: accountId,
      expectedVersion: '0',
    });
    expect(refused.code).toBe('failed_precondition');
    expect(refused.message).toContain('attachment');
  });
});
