import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fastifyMultipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '@crm/errors';
import { createLocalObjectStorage, type ObjectStorage } from '@crm/object-storage';
import { HttpRefusal } from './http-refusal.js';
import { readForm, registerUpload, storeUpload } from './multipart-form.js';
import { attachmentContentTypes } from './upload-content.js';

const MAX_BYTES = 1024;

/** A form as a browser would send it: the body bytes and the content type with its boundary. */
async function encode(form: FormData): Promise<{ payload: Buffer; contentType: string }> {
  const response = new Response(form);
  return {
    payload: Buffer.from(await response.arrayBuffer()),
    contentType: response.headers.get('content-type') ?? '',
  };
}

function fileForm(content: string | Uint8Array, type: string, fields: Record<string, string> = {}) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), 'upload.txt');
  return form;
}

describe('multipart uploads', () => {
  let root: string;
  let storage: ObjectStorage;
  let app: FastifyInstance;
  let nextKey = 0;

  const post = async (url: string, form: FormData) => {
    const { payload, contentType } = await encode(form);
    return app.inject({ method: 'POST', url, payload, headers: { 'content-type': contentType } });
  };
  const stored = async () => (await storage.list('uploads/')).objects.map((object) => object.key);

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'gateway-multipart-'));
    storage = createLocalObjectStorage({ root });
    app = Fastify();
    await app.register(fastifyMultipart, { throwFileSizeLimit: false });
    app.setErrorHandler((error, _request, reply) => {
      if (error instanceof HttpRefusal)
        return reply.code(error.status).send({ status: error.status });
      if (error instanceof DomainError)
        return reply.code(400).send({ paths: error.fieldErrors.map((e) => e.path) });
      return reply.code(500).send({ message: error instanceof Error ? error.message : '' });
    });
    app.post('/store', async (request) => {
      const key = `uploads/${(nextKey += 1)}`;
      const { file, fields } = await storeUpload(request, {
        storage,
        key,
        maxBytes: MAX_BYTES,
        allowedTypes: attachmentContentTypes,
      });
      // Registration fails when asked to: the stored file must go with it.
      await registerUpload(request, storage, key, async () => {
        if (fields.fail === 'yes') throw DomainError.notFound('The subject');
      });
      return { file, fields };
    });
    app.post('/fields', async (request) => {
      const { file, fields } = await readForm(
        request,
        { maxFileBytes: MAX_BYTES },
        async (part) => {
          let size = 0;
          for await (const chunk of part.stream) size += (chunk as Buffer).length;
          return size;
        },
      );
      return { size: file, fields };
    });
  });

  afterAll(async () => {
    await app?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('stores the file with its size and checksum, and reads fields on either side of it', async () => {
    const form = new FormData();
    form.append('before', '1');
    form.append('file', new Blob(['hello'], { type: 'text/plain' }), 'C:\\fakepath\\hi.txt');
    form.append('after', '2');
    const response = await post('/store', form);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      file: {
        key: expect.stringMatching(/^uploads\//),
        fileName: 'hi.txt',
        contentType: 'text/plain',
        sizeBytes: 5,
        sha256: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824',
      },
      fields: { before: '1', after: '2' },
    });
  });

  it('keeps nothing of a file over the limit (413) or of the wrong type (415)', async () => {
    const before = await stored();
    expect(
      (await post('/store', fileForm('x'.repeat(MAX_BYTES + 1), 'text/plain'))).statusCode,
    ).toBe(413);
    expect(
      (
        await post(
          '/store',
          fileForm(new Uint8Array([0x7f, 0x45, 0x4c, 0x46]), 'application/octet-stream'),
        )
      ).statusCode,
    ).toBe(415);
    expect((await post('/store', fileForm('x'.repeat(MAX_BYTES), 'text/plain'))).statusCode).toBe(
      200,
    );
    expect(await stored()).toHaveLength(before.length + 1);
  });

  it('removes the stored file when registering it fails', async () => {
    const before = await stored();
    const response = await post('/store', fileForm('hello', 'text/plain', { fail: 'yes' }));
    expect(response.statusCode).toBe(400);
    expect(await stored()).toEqual(before);
  });

  it('names the form problems: no file, a file under another name, a field given twice', async () => {
    const noFile = new FormData();
    noFile.append('entity', 'accounts');
    expect((await post('/fields', noFile)).json()).toEqual({ paths: ['/file'] });

    const misnamed = new FormData();
    misnamed.append('upload', new Blob(['x'], { type: 'text/plain' }), 'x.txt');
    expect((await post('/fields', misnamed)).json()).toEqual({ paths: ['/upload'] });

    const twice = fileForm('x', 'text/plain', { entity: 'accounts' });
    twice.append('entity', 'contacts');
    expect((await post('/fields', twice)).json()).toEqual({ paths: ['/entity'] });

    const json = await app.inject({ method: 'POST', url: '/fields', payload: { file: 'x' } });
    expect(json.statusCode).toBe(415);
  });
});
