import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAzureBlobObjectStorage } from './azure-blob-object-storage.js';
import {
  InvalidObjectKeyError,
  ObjectNotFoundError,
  ObjectSizeMismatchError,
  ObjectTooLargeError,
} from './errors.js';
import { createLocalObjectStorage } from './local-object-storage.js';
import type { ObjectStorage } from './object-storage.js';
import { createS3ObjectStorage } from './s3-object-storage.js';
import {
  azuriteConnectionString,
  s3rverCredentials,
  startAzurite,
  startS3rver,
} from './test-support/test-servers.js';

interface Subject {
  storage: ObjectStorage;
  /** Files a failed upload could have left behind, where the store lets us see them. */
  leftovers(): Promise<string[]>;
  stop(): Promise<void>;
}

const MiB = 1024 * 1024;

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

const subjects: Record<string, () => Promise<Subject>> = {
  local: async () => {
    const root = await mkdtemp(join(tmpdir(), 'object-storage-local-'));
    return {
      storage: createLocalObjectStorage({ root }),
      leftovers: async () => (await walk(root)).filter((path) => path.includes('.~tmp-')),
      stop: () => rm(root, { recursive: true, force: true }),
    };
  },
  s3: async () => {
    const dir = await mkdtemp(join(tmpdir(), 'object-storage-s3rver-'));
    const server = await startS3rver(dir);
    const bucket = 'crm-test';
    const admin = new S3Client({
      endpoint: server.url,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: s3rverCredentials,
    });
    await admin.send(new CreateBucketCommand({ Bucket: bucket }));
    admin.destroy();
    const storage = createS3ObjectStorage({
      bucket,
      endpoint: server.url,
      forcePathStyle: true,
      credentials: s3rverCredentials,
    });
    return {
      storage,
      /*
       * s3rver does not implement AbortMultipartUpload, so parts of an aborted upload stay in its
       * directory; only what S3 itself shows (head, list) can be checked against it.
       */
      leftovers: async () => [],
      stop: async () => {
        await storage.close();
        await server.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  },
  azure: async () => {
    const dir = await mkdtemp(join(tmpdir(), 'object-storage-azurite-'));
    const server = await startAzurite(dir);
    const connectionString = azuriteConnectionString(server.url);
    const container = 'crm-test';
    await BlobServiceClient.fromConnectionString(connectionString)
      .getContainerClient(container)
      .create();
    const storage = createAzureBlobObjectStorage({ connectionString, container });
    return {
      storage,
      // Uncommitted blocks are no object: they are invisible to every read and list.
      leftovers: async () => [],
      stop: async () => {
        await storage.close();
        await server.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  },
};

/** A deterministic pseudo-random body produced chunk by chunk, never held whole in memory. */
function generatedBody(totalBytes: number, chunkBytes = 256 * 1024) {
  const hash = createHash('sha256');
  const seed = randomBytes(16);
  let produced = 0;
  let counter = 0;
  const stream = Readable.from(
    (function* () {
      while (produced < totalBytes) {
        const size = Math.min(chunkBytes, totalBytes - produced);
        const chunk = Buffer.alloc(size);
        for (let offset = 0; offset < size; offset += 32) {
          createHash('sha256').update(seed).update(String(counter++)).digest().copy(chunk, offset);
        }
        hash.update(chunk);
        produced += size;
        yield chunk;
      }
    })(),
  );
  return { stream, expectedSha256: () => hash.digest('hex'), produced: () => produced };
}

async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

async function sha256Of(body: Readable): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of body) {
    const bytes = chunk as Uint8Array;
    hash.update(bytes);
    size += bytes.length;
  }
  return { sha256: hash.digest('hex'), size };
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

describe.each(Object.keys(subjects))('ObjectStorage contract: %s', (name) => {
  let subject: Subject;
  let storage: ObjectStorage;
  // Each test writes under its own prefix, so tests cannot see each other's objects.
  const prefix = (test: string) => `contract/${test}-${randomBytes(4).toString('hex')}/`;

  beforeAll(async () => {
    const start = subjects[name];
    if (!start) throw new Error(`no subject ${name}`);
    subject = await start();
    storage = subject.storage;
  });

  afterAll(async () => {
    await subject?.stop();
  });

  it('round-trips bytes, content type, metadata, size and SHA-256', async () => {
    const key = `${prefix('round-trip')}report.pdf`;
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(10_000)]);
    const metadata = { original_name: ' Отчёт 2024 (final).pdf ', uploaded_by: 'user-1' };

    const result = await storage.put(key, bytes, { contentType: 'application/pdf', metadata });
    expect(result).toMatchObject({ key, size: bytes.length, checksumSha256: sha256(bytes) });

    const download = await storage.get(key);
    expect(download).toMatchObject({
      key,
      size: bytes.length,
      contentType: 'application/pdf',
      metadata,
    });
    expect((await readAll(download.body)).equals(bytes)).toBe(true);

    const info = await storage.head(key);
    expect(info).toMatchObject({
      key,
      size: bytes.length,
      contentType: 'application/pdf',
      metadata,
    });
    expect(info.lastModified).toBeInstanceOf(Date);
  });

  it('stores a streamed body and an empty one', async () => {
    const base = prefix('stream');
    const streamed = await storage.put(`${base}notes.txt`, Readable.from(['hello ', 'world']), {
      contentType: 'text/plain; charset=utf-8',
    });
    expect(streamed).toMatchObject({
      size: 11,
      checksumSha256: sha256(Buffer.from('hello world')),
    });
    const download = await storage.get(`${base}notes.txt`);
    expect(download.contentType).toBe('text/plain; charset=utf-8');
    expect((await readAll(download.body)).toString()).toBe('hello world');

    const empty = await storage.put(`${base}empty`, new Uint8Array(), {
      contentType: 'application/octet-stream',
      contentLength: 0,
    });
    expect(empty.size).toBe(0);
    expect((await readAll((await storage.get(`${base}empty`)).body)).length).toBe(0);
  });

  it('replaces an object put again under the same key', async () => {
    const key = `${prefix('replace')}file`;
    await storage.put(key, Buffer.from('first'), {
      contentType: 'text/plain',
      metadata: { v: '1' },
    });
    await storage.put(key, Buffer.from('second!'), { contentType: 'text/csv' });
    const download = await storage.get(key);
    expect(download).toMatchObject({ size: 7, contentType: 'text/csv', metadata: {} });
    expect((await readAll(download.body)).toString()).toBe('second!');
  });

  it('streams a 20 MiB body through without holding it', async () => {
    const key = `${prefix('large')}export.bin`;
    const body = generatedBody(20 * MiB);
    const result = await storage.put(key, body.stream, { contentType: 'application/octet-stream' });
    expect(result.size).toBe(20 * MiB);
    expect(result.checksumSha256).toBe(body.expectedSha256());

    const download = await storage.get(key);
    expect(download.size).toBe(20 * MiB);
    expect(await sha256Of(download.body)).toEqual({
      sha256: result.checksumSha256,
      size: 20 * MiB,
    });
  });

  it('aborts a body over maxBytes and leaves nothing behind', async () => {
    const base = prefix('too-large');
    const body = generatedBody(8 * MiB);
    await expect(
      storage.put(`${base}big`, body.stream, {
        contentType: 'application/octet-stream',
        maxBytes: 6 * MiB,
      }),
    ).rejects.toBeInstanceOf(ObjectTooLargeError);
    // The source is abandoned once the limit is passed, not drained.
    expect(body.produced()).toBeLessThan(8 * MiB);
    await expect(storage.head(`${base}big`)).rejects.toBeInstanceOf(ObjectNotFoundError);
    expect((await storage.list(base)).objects).toEqual([]);
    expect(await subject.leftovers()).toEqual([]);
  });

  it('keeps the previous object when a replacement is refused', async () => {
    const key = `${prefix('keep')}file`;
    await storage.put(key, Buffer.from('original'), { contentType: 'text/plain' });
    await expect(
      storage.put(key, randomBytes(2048), { contentType: 'text/plain', maxBytes: 1024 }),
    ).rejects.toBeInstanceOf(ObjectTooLargeError);
    expect((await readAll((await storage.get(key)).body)).toString()).toBe('original');
  });

  it('refuses a body whose length differs from contentLength, or a declared length over maxBytes', async () => {
    const base = prefix('length');
    await expect(
      storage.put(`${base}short`, Buffer.from('abc'), {
        contentType: 'text/plain',
        contentLength: 4,
      }),
    ).rejects.toBeInstanceOf(ObjectSizeMismatchError);
    await expect(
      storage.put(`${base}long`, Buffer.from('abcde'), {
        contentType: 'text/plain',
        contentLength: 4,
      }),
    ).rejects.toBeInstanceOf(ObjectSizeMismatchError);
    await expect(
      storage.put(`${base}declared`, Buffer.from('abc'), {
        contentType: 'text/plain',
        contentLength: 3,
        maxBytes: 2,
      }),
    ).rejects.toBeInstanceOf(ObjectTooLargeError);
    expect((await storage.list(base)).objects).toEqual([]);
  });

  it('reports missing objects as ObjectNotFoundError and deletes idempotently', async () => {
    const key = `${prefix('delete')}file`;
    await expect(storage.get(key)).rejects.toBeInstanceOf(ObjectNotFoundError);
    await expect(storage.head(key)).rejects.toBeInstanceOf(ObjectNotFoundError);
    await storage.delete(key);

    await storage.put(key, Buffer.from('x'), { contentType: 'text/plain' });
    await storage.delete(key);
    await storage.delete(key);
    await expect(storage.get(key)).rejects.toMatchObject({ name: 'ObjectNotFoundError', key });
  });

  it('lists by prefix in key order, page by page', async () => {
    const base = prefix('list');
    const inA = ['a/1', 'a/2', 'a/3/deep', 'a/4', 'a/5'].map((key) => base + key);
    const others = [`${base}ab`, `${base}b/1`];
    for (const key of [...others, ...inA].reverse()) {
      await storage.put(key, Buffer.from(key), { contentType: 'text/plain' });
    }

    const collected: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await storage.list(`${base}a/`, { limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.objects.length).toBeLessThanOrEqual(2);
      collected.push(...page.objects.map((object) => object.key));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(collected).toEqual(inA);
    expect(pages).toBeGreaterThanOrEqual(3);

    const partial = await storage.list(`${base}a`);
    expect(partial.objects.map((object) => object.key)).toEqual([...inA, `${base}ab`]);
    expect(partial.nextCursor).toBeUndefined();
    const first = partial.objects[0];
    expect(first?.size).toBe(Buffer.byteLength(inA[0] ?? ''));

    expect((await storage.list(`${base}zzz`)).objects).toEqual([]);
  });

  it.each(['../escape', '/absolute', 'a//b', 'a/../b', 'trailing/', 'back\\slash', 'tilde~x'])(
    'refuses the key %j',
    async (key) => {
      await expect(
        storage.put(key, Buffer.from('x'), { contentType: 'text/plain' }),
      ).rejects.toBeInstanceOf(InvalidObjectKeyError);
      await expect(storage.get(key)).rejects.toBeInstanceOf(InvalidObjectKeyError);
      await expect(storage.head(key)).rejects.toBeInstanceOf(InvalidObjectKeyError);
      await expect(storage.delete(key)).rejects.toBeInstanceOf(InvalidObjectKeyError);
    },
  );

  it('refuses an invalid list prefix', async () => {
    await expect(storage.list('../')).rejects.toBeInstanceOf(InvalidObjectKeyError);
  });

  it('serves a signed download URL where the store supports one', async (context) => {
    if (!storage.signedDownloadUrl) {
      context.skip();
      return;
    }
    const key = `${prefix('signed')}file.png`;
    const bytes = randomBytes(4096);
    await storage.put(key, bytes, { contentType: 'image/png' });
    const response = await fetch(await storage.signedDownloadUrl(key, 60));
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
    await expect(storage.signedDownloadUrl(key, 0)).rejects.toBeInstanceOf(RangeError);
  });
});
