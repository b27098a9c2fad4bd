import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createObjectStorage, objectStorageEnvSchema } from './create-object-storage.js';
import type { ObjectStorage } from './object-storage.js';

describe('createObjectStorage', () => {
  let storage: ObjectStorage | undefined;
  afterEach(async () => {
    await storage?.close();
    storage = undefined;
  });

  it('stores files under $CRM_DATA_DIR/files when nothing else is configured', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'object-storage-'));
    try {
      storage = createObjectStorage(objectStorageEnvSchema.parse({ CRM_DATA_DIR: dataDir }));
      expect(storage.kind).toBe('local');
      await storage.put('a/b', new Uint8Array([1, 2, 3]), {
        contentType: 'application/octet-stream',
      });
      expect(await readdir(join(dataDir, 'files', 'a'))).toContain('b~data');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('picks S3 when S3_BUCKET is set, even beside Azure settings', () => {
    storage = createObjectStorage(
      objectStorageEnvSchema.parse({
        S3_BUCKET: 'crm-files',
        S3_ENDPOINT: 'http://127.0.0.1:9000',
        S3_FORCE_PATH_STYLE: 'true',
        AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
      }),
    );
    expect(storage.kind).toBe('s3');
    expect(storage.signedDownloadUrl).toBeTypeOf('function');
  });

  it('picks Azure Blob Storage when its connection string is set', () => {
    storage = createObjectStorage(
      objectStorageEnvSchema.parse({
        AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
      }),
    );
    expect(storage.kind).toBe('azure-blob');
  });
});

describe('objectStorageEnvSchema', () => {
  it('defaults the data directory and the Azure container', () => {
    expect(objectStorageEnvSchema.parse({})).toEqual({
      AZURE_STORAGE_CONTAINER: 'crm-files',
      CRM_DATA_DIR: './.crm-data',
    });
  });

  it.each([
    ['S3_BUCKET', 'Not_A_Bucket'],
    ['S3_ENDPOINT', 'not a url'],
    ['S3_FORCE_PATH_STYLE', 'maybe'],
    ['AZURE_STORAGE_CONTAINER', 'UPPER'],
  ])('refuses %s=%j', (name, value) => {
    const result = objectStorageEnvSchema.safeParse({ [name]: value });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([name]);
  });
});
