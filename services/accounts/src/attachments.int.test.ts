import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '@crm/grpc';
import { CreateAccountRequest } from '@crm/proto/crm/accounts/v1/accounts';
import { RegisterAttachmentRequest, type Attachment } from '@crm/proto/crm/accounts/v1/attachments';
import {
  ListTimelineRequest,
  SubjectType,
  TimelineEntryKind,
} from '@crm/proto/crm/accounts/v1/timeline';
import { uniqueName } from '@crm/testing';
import {
  call,
  failure,
  startAccountsStack,
  users,
  type AccountsStack,
} from './accounts-stack.test-support.js';

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
  const listAll = async (limit: number) => {
    const seen: Attachment[] = [];
    let cursor = '';
    do {
      const { attachments, page } = await call(client(), client().listAttachments, {
        subject: subject(),
        page: { limit, cursor },
      });
      seen.push(...attachments);
      cursor = page?.nextCursor ?? '';
    } while (cursor);
    return seen;
  };

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

  it('keeps an account with files from being deleted, since their bytes would stay behind', async () => {
    const refused = await failure(stack.clients.accounts, stack.clients.accounts.deleteAccount, {
      id: accountId,
      expectedVersion: '0',
    });
    expect(refused.code).toBe('failed_precondition');
    expect(refused.message).toContain('attachment');
  });
});
