import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './api-error.js';
import { attachmentSchema, uploadAttachment } from './attachments.js';
import { setCsrfToken } from './http.js';

/** What the fake XMLHttpRequest was asked to send, and a way to answer it. */
interface SentUpload {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: FormData;
  progress(loaded: number, total: number): void;
  respond(status: number, body: unknown, contentType?: string): void;
}

function stubXhr(): SentUpload[] {
  const sent: SentUpload[] = [];
  class FakeXhr extends EventTarget {
    readonly upload = new EventTarget();
    status = 0;
    statusText = '';
    responseText = '';
    private method = '';
    private url = '';
    private readonly headers: Record<string, string> = {};
    private responseHeaders: Record<string, string> = {};

    open(method: string, url: string) {
      this.method = method;
      this.url = url;
    }
    setRequestHeader(name: string, value: string) {
      this.headers[name.toLowerCase()] = value;
    }
    getResponseHeader(name: string): string | null {
      return this.responseHeaders[name.toLowerCase()] ?? null;
    }
    abort() {
      this.dispatchEvent(new Event('abort'));
    }
    send(body: FormData) {
      sent.push({
        method: this.method,
        url: this.url,
        headers: this.headers,
        body,
        progress: (loaded, total) =>
          this.upload.dispatchEvent(
            new ProgressEvent('progress', { lengthComputable: true, loaded, total }),
          ),
        respond: (status, responseBody, contentType = 'application/json') => {
          this.status = status;
          this.responseText = JSON.stringify(responseBody);
          this.responseHeaders = { 'content-type': contentType };
          this.dispatchEvent(new Event('load'));
        },
      });
    }
  }
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  return sent;
}

const attachment = attachmentSchema.parse({
  id: 'att1',
  subjectType: 'account',
  subjectId: 'a1',
  fileName: 'contract.pdf',
  contentType: 'application/pdf',
  sizeBytes: '2048',
  sha256: 'ab'.repeat(32),
  uploadedBy: 'u1',
  createdAt: '2025-03-04T10:00:00Z',
});

describe('uploads with progress', () => {
  beforeEach(() => setCsrfToken('csrf-1'));

  it('posts the file as multipart with the CSRF token and reports progress', async () => {
    const sent = stubXhr();
    const progress: number[] = [];
    const file = new File(['%PDF-1.7'], 'contract.pdf', { type: 'application/pdf' });

    const uploading = uploadAttachment({
      subject: { type: 'account', id: 'a/1' },
      file,
      onProgress: (fraction) => progress.push(fraction),
    });
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    const [request] = sent;
    if (!request) throw new Error('nothing was sent');
    request.progress(512, 2048);
    request.progress(2048, 2048);
    request.respond(201, attachment);

    await expect(uploading).resolves.toEqual(attachment);
    expect(attachment.sizeBytes).toBe(2048);
    expect(progress).toEqual([0.25, 1]);
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/api/v1/accounts/a%2F1/attachments');
    expect(request.headers['x-csrf-token']).toBe('csrf-1');
    expect(request.headers['content-type']).toBeUndefined();
    expect((request.body.get('file') as File).name).toBe('contract.pdf');
  });

  it('rejects with the problem the gateway answered, e.g. a file over the limit', async () => {
    const sent = stubXhr();
    const uploading = uploadAttachment({
      subject: { type: 'contact', id: 'c1' },
      file: new File(['x'], 'big.bin'),
      onProgress: () => undefined,
    });
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    sent[0]?.respond(
      413,
      { title: 'Content Too Large', status: 413, detail: 'Files may be at most 25 MiB.' },
      'application/problem+json',
    );

    const error: unknown = await uploading.catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 413, detail: 'Files may be at most 25 MiB.' });
  });

  it('stops when aborted', async () => {
    const sent = stubXhr();
    const controller = new AbortController();
    const uploading = uploadAttachment({
      subject: { type: 'contact', id: 'c1' },
      file: new File(['x'], 'a.txt'),
      onProgress: () => undefined,
      signal: controller.signal,
    });
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    controller.abort();

    await expect(uploading).rejects.toMatchObject({ name: 'AbortError' });
  });
});
