import { Readable } from 'node:stream';
import {
  BlobSASPermissions,
  BlobServiceClient,
  isRestError,
  StorageSharedKeyCredential,
  type BlobDownloadResponseParsed,
  type BlobGetPropertiesResponse,
} from '@azure/storage-blob';
import { ObjectNotFoundError } from './errors.js';
import { unquoteEtag } from './etag.js';
import { meterBody } from './metered-body.js';
import { assertValidObjectKey, assertValidObjectPrefix } from './object-key.js';
import type {
  ListObjectsOptions,
  ListObjectsPage,
  ObjectDownload,
  ObjectInfo,
  ObjectStorage,
  PutObjectOptions,
  PutObjectResult,
} from './object-storage.js';
import { pageLimit } from './paging.js';
import { assertValidPutOptions, decodeMetadata, encodeMetadata } from './put-options.js';
import { assertValidExpiry } from './signed-url.js';

export interface AzureBlobObjectStorageOptions {
  connectionString: string;
  /** Must exist already: creating containers is a deployment's job, not the CRM's. */
  container: string;
}

// Two 4 MiB blocks in flight bound an upload's memory to about 8 MiB.
const blockSize = 4 * 1024 * 1024;
const concurrency = 2;

function isNotFound(error: unknown): boolean {
  return isRestError(error) && error.statusCode === 404;
}

/** Blob properties and downloads describe the blob alike. */
function objectInfo(
  key: string,
  result: BlobGetPropertiesResponse | BlobDownloadResponseParsed,
): ObjectInfo {
  const etag = unquoteEtag(result.etag);
  return {
    key,
    size: result.contentLength ?? 0,
    contentType: result.contentType ?? 'application/octet-stream',
    metadata: decodeMetadata(result.metadata),
    ...(etag ? { etag } : {}),
    ...(result.lastModified ? { lastModified: result.lastModified } : {}),
  };
}

export function createAzureBlobObjectStorage(
  options: AzureBlobObjectStorageOptions,
): ObjectStorage {
  const containerClient = BlobServiceClient.fromConnectionString(
    options.connectionString,
  ).getContainerClient(options.container);
  // Only an account key can sign a SAS; a connection string holding a SAS token cannot.
  const canSign = containerClient.credential instanceof StorageSharedKeyCredential;

  async function put(
    key: string,
    body: Readable | Uint8Array,
    putOptions: PutObjectOptions,
  ): Promise<PutObjectResult> {
    assertValidObjectKey(key);
    assertValidPutOptions(key, putOptions);
    const metered = meterBody(key, body, putOptions);
    try {
      // Blocks stay uncommitted (invisible, collected by Azure) unless the whole body arrives.
      const result = await containerClient
        .getBlockBlobClient(key)
        .uploadStream(metered.stream, blockSize, concurrency, {
          blobHTTPHeaders: { blobContentType: putOptions.contentType },
          metadata: encodeMetadata(putOptions.metadata),
        });
      const etag = unquoteEtag(result.etag);
      return { key, ...metered.digest(), ...(etag ? { etag } : {}) };
    } catch (error) {
      metered.stream.destroy();
      throw metered.failure() ?? error;
    }
  }

  async function head(key: string): Promise<ObjectInfo> {
    assertValidObjectKey(key);
    try {
      const result = await containerClient.getBlobClient(key).getProperties();
      return objectInfo(key, result);
    } catch (error) {
      if (isNotFound(error)) throw new ObjectNotFoundError(key, { cause: error });
      throw error;
    }
  }

  async function get(key: string): Promise<ObjectDownload> {
    assertValidObjectKey(key);
    try {
      const result = await containerClient.getBlobClient(key).download();
      const stream = result.readableStreamBody;
      if (!stream) throw new Error('the Azure client returned no body stream');
      return {
        ...objectInfo(key, result),
        body: stream instanceof Readable ? stream : Readable.from(stream),
      };
    } catch (error) {
      if (isNotFound(error)) throw new ObjectNotFoundError(key, { cause: error });
      throw error;
    }
  }

  async function deleteObject(key: string): Promise<void> {
    assertValidObjectKey(key);
    await containerClient.getBlobClient(key).deleteIfExists({ deleteSnapshots: 'include' });
  }

  async function list(
    prefix: string,
    listOptions: ListObjectsOptions = {},
  ): Promise<ListObjectsPage> {
    assertValidObjectPrefix(prefix);
    const pages = containerClient.listBlobsFlat({ prefix }).byPage({
      maxPageSize: pageLimit(listOptions.limit),
      ...(listOptions.cursor ? { continuationToken: listOptions.cursor } : {}),
    });
    const page = await pages.next();
    if (page.done) return { objects: [] };
    const objects = page.value.segment.blobItems.map((item) => ({
      key: item.name,
      size: item.properties.contentLength ?? 0,
      lastModified: item.properties.lastModified,
    }));
    const next = page.value.continuationToken;
    return next ? { objects, nextCursor: next } : { objects };
  }

  async function signedDownloadUrl(key: string, expiresInSeconds: number): Promise<string> {
    assertValidObjectKey(key);
    assertValidExpiry(expiresInSeconds);
    return containerClient.getBlobClient(key).generateSasUrl({
      permissions: BlobSASPermissions.parse('r'),
      expiresOn: new Date(Date.now() + expiresInSeconds * 1000),
    });
  }

  return {
    kind: 'azure-blob',
    put,
    get,
    head,
    delete: deleteObject,
    list,
    ...(canSign ? { signedDownloadUrl } : {}),
    close: async () => undefined,
  };
}
