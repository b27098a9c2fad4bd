import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quietLogger, uniqueName } from '@crm/testing';
import {
  startCrmStack,
  type CrmStack,
  type HttpSession,
  type Problem,
} from './crm-stack.test-support.js';
import { windowsProgram } from './http/upload-content.test-support.js';

interface Attachment {
  id: string;
  subjectType: string;
  subjectId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
}

const MAX_BYTES = 64 * 1024;

const pdf = Buffer.concat([
  Buffer.from('%PDF-1.7\n'),
  Buffer.alloc(3000, 'x'),
  Buffer.from('\n%%EOF\n'),
]);
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49]);

function form(bytes: Uint8Array, fileName: string, type: string, part = 'file'): FormData {
  const body = new FormData();
  body.set(part, new Blob([new Uint8Array(bytes)], { type }), fileName);
  return body;
}

describe('attachments through the gateway', () => {
  const logger = quietLogger('gateway');
  let stack: CrmStack;
  let admin: HttpSession;
  let accountId: string;
  let contactId: string;

  const storedKeys = async () =>
    (await stack.storage.list('attachments/')).objects.map((object) => object.key);
  const upload = (path: string, body: FormData) =>
    admin.request<Attachment & Problem>('POST', path, body);
  /** Downloads as bytes; the session helper would read them as text. */
  const download = (id: string) =>
    fetch(`${stack.url}/api/v1/attachments/${id}/content`, {
      headers: { cookie: admin.cookie ?? '' },
    });

  beforeAll(async () => {
    stack = await startCrmStack(logger, {
      gatewayEnv: { ATTACHMENT_MAX_BYTES: String(MAX_BYTES) },
    });
    admin = await stack.signedInAdmin();
    const account = await admin.request<{ id: string }>('POST', '/api/v1/accounts', {
      name: uniqueName('Files'),
    });
    accountId = account.body.id;
    const contact = await admin.request<{ id: string }>('POST', '/api/v1/contacts', {
      firstName: 'File',
      lastName: uniqueName('Keeper'),
      accountId,
    });
    contactId = contact.body.id;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('stores an upload, lists it, serves it back as a download and deletes it', async () => {
    const created = await upload(
      `/api/v1/accounts/${accountId}/attachments`,
      form(pdf, 'Angebot März.pdf', 'application/pdf'),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const attachment = created.body;
    expect(attachment).toMatchObject({
      subjectType: 'account',
      subjectId: accountId,
      fileName: 'Angebot März.pdf',
      contentType: 'application/pdf',
      sizeBytes: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      uploadedBy: admin.userId,
    });
    expect(created.headers.get('location')).toBe(`/api/v1/attachments/${attachment.id}`);
    expect(await storedKeys()).toHaveLength(1);

    const listed = await admin.request<{ items: Attachment[] }>(
      'GET',
      `/api/v1/accounts/${accountId}/attachments`,
    );
    expect(listed.body.items).toEqual([attachment]);
    expect(
      (await admin.request<Attachment>('GET', `/api/v1/attachments/${attachment.id}`)).body,
    ).toEqual(attachment);

    const content = await download(attachment.id);
    expect(content.status).toBe(200);
    expect(Buffer.from(await content.arrayBuffer()).equals(pdf)).toBe(true);
    expect(content.headers.get('content-type')).toBe('application/pdf');
    expect(content.headers.get('content-disposition')).toBe(
      `attachment; filename="Angebot M_rz.pdf"; filename*=UTF-8''Angebot%20M%C3%A4rz.pdf`,
    );
    expect(content.headers.get('x-content-type-options')).toBe('nosniff');
    expect(content.headers.get('content-security-policy')).toContain('sandbox');

    const timeline = await admin.request<{ items: Array<{ kind: string }> }>(
      'GET',
      `/api/v1/accounts/${accountId}/timeline`,
    );
    expect(timeline.body.items.map((entry) => entry.kind)).toContain('attachment_added');

    expect((await admin.request('DELETE', `/api/v1/attachments/${attachment.id}`)).status).toBe(
      204,
    );
    expect((await download(attachment.id)).status).toBe(404);
    expect(await storedKeys()).toEqual([]);
  });

  it('attaches files to contacts too', async () => {
    const created = await upload(
      `/api/v1/contacts/${contactId}/attachments`,
      form(Buffer.from('name,phone\nAda,1\n'), 'card.csv', 'text/csv'),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ subjectType: 'contact', subjectId: contactId });
    const listed = await admin.request<{ items: Attachment[] }>(
      'GET',
      `/api/v1/contacts/${contactId}/attachments?format=csv`,
    );
    expect(String(listed.body).split('\r\n')[0]).toBe(
      'id,subjectType,subjectId,fileName,contentType,sizeBytes,sha256,uploadedBy,createdAt',
    );
    expect((await admin.request('DELETE', `/api/v1/attachments/${created.body.id}`)).status).toBe(
      204,
    );
  });

  it('refuses a file over the limit with 413 and keeps nothing of it', async () => {
    const before = await storedKeys();
    const tooLarge = await upload(
      `/api/v1/accounts/${accountId}/attachments`,
      form(Buffer.alloc(MAX_BYTES + 1, 'a'), 'big.txt', 'text/plain'),
    );
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers.get('content-type')).toContain('application/problem+json');
    expect(tooLarge.body.errors?.[0]?.path).toBe('/file');
    // Far over the limit, the client still gets the answer rather than a reset connection.
    const huge = await upload(
      `/api/v1/accounts/${accountId}/attachments`,
      form(Buffer.alloc(MAX_BYTES * 256, 'a'), 'huge.txt', 'text/plain'),
    );
    expect(huge.status).toBe(413);
    expect(await storedKeys()).toEqual(before);

    const exactly = await upload(
      `/api/v1/accounts/${accountId}/attachments`,
      form(Buffer.alloc(MAX_BYTES, 'a'), 'limit.txt', 'text/plain'),
    );
    expect(exactly.status).toBe(201);
    expect((await admin.request('DELETE', `/api/v1/attachments/${exactly.body.id}`)).status).toBe(
      204,
    );
  });

  it('refuses programs and files whose content contradicts their type with 415', async () => {
    const before = await storedKeys();
    const cases: Array<[FormData, string]> = [
      [form(windowsProgram(), 'invoice.pdf', 'application/octet-stream'), 'program'],
      [form(Buffer.from('echo hi'), 'run.sh', 'text/plain'), 'script by name'],
      [form(png, 'offer.pdf', 'application/pdf'), 'png declared as pdf'],
      [form(Buffer.from('<script>alert(1)</script>'), 'page.html', 'text/html'), 'html'],
    ];
    for (const [body, what] of cases) {
      const refused = await upload(`/api/v1/accounts/${accountId}/attachments`, body);
      expect(refused.status, what).toBe(415);
      expect(refused.body.type, what).toBe('urn:crm:problem:http-415');
    }
    expect(await storedKeys()).toEqual(before);
  });

  it('removes the stored bytes when the service does not register them', async () => {
    const before = await storedKeys();
    const missing = await upload(
      '/api/v1/accounts/00000000-0000-4000-8000-000000000000/attachments',
      form(pdf, 'lost.pdf', 'application/pdf'),
    );
    expect(missing.status).toBe(404);
    expect(await storedKeys()).toEqual(before);
  });

  it('wants multipart with one part named file', async () => {
    const json = await admin.request<Problem>('POST', `/api/v1/accounts/${accountId}/attachments`, {
      file: 'not a file',
    });
    expect(json.status).toBe(415);
    const misnamed = await upload(
      `/api/v1/accounts/${accountId}/attachments`,
      form(pdf, 'a.pdf', 'application/pdf', 'document'),
    );
    expect(misnamed.status).toBe(400);
    expect(misnamed.body.errors?.[0]?.path).toBe('/document');
    const empty = new FormData();
    empty.set('note', 'no file here');
    const withoutFile = await upload(`/api/v1/accounts/${accountId}/attachments`, empty);
    expect(withoutFile.status).toBe(400);
    expect(withoutFile.body.errors?.map((error) => error.path)).toEqual(['/file']);
  });
});
