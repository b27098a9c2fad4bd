import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
  type GetObjectCommandOutput,
  type HeadObjectCommandOutput,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
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

export interface S3ObjectStorageOptions {
  bucket: string;
  /** Defaults to the SDK's resolution (`AWS_REGION`, profile), or `us-east-1` with an endpoint. */
  region?: string;
  /** An S3-compatible store's URL, e.g. `http://127.0.0.1:9000`. */
  endpoint?: string;
  forcePathStyle?: boolean;
  /** Defaults to the SDK's credential chain (`AWS_ACCESS_KEY_ID`, profiles, instance roles). */
  credentials?: S3ClientConfig['credentials'];
}

// The smallest part S3 accepts; two in flight bound an upload's memory to about 10 MiB.
const partSize = 5 * 1024 * 1024;
const queueSize = 2;

function isNotFound(error: unknown): boolean {
  return (
    error instanceof S3ServiceException &&
    (error.name === 'NoSuchKey' ||
      (error.name === 'NotFound' && error.$metadata.httpStatusCode === 404))
  );
}

/** HeadObject and GetObject describe the object alike. */
function objectInfo(
  key: string,
  result: HeadObjectCommandOutput | GetObjectCommandOutput,
): ObjectInfo {
  const etag = unquoteEtag(result.ETag);
  return {
    key,
    size: result.ContentLength ?? 0,
    contentType: result.ContentType ?? 'application/octet-stream',
    metadata: decodeMetadata(result.Metadata),
    ...(etag ? { etag } : {}),
    ...(result.LastModified ? { lastModified: result.LastModified } : {}),
  };
}

export function createS3ObjectStorage(options: S3ObjectStorageOptions): ObjectStorage {
  const { bucket } = options;
  const client = new S3Client({
    ...(options.region
      ? { region: options.region }
      : options.endpoint
        ? { region: 'us-east-1' }
        : {}),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.forcePathStyle !== undefined ? { forcePathStyle: options.forcePathStyle } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    /*
     * The SDK's default CRC checksums stream bodies as `aws-chunked` with trailers, which many
     * S3-compatible stores do not understand; outside AWS send checksums only where S3 demands them.
     */
    ...(options.endpoint
      ? { requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' }
      : {}),
  });

  async function put(
    key: string,
    body: Readable | Uint8Array,
    putOptions: PutObjectOptions,
  ): Promise<PutObjectResult> {
    assertValidObjectKey(key);
    assertValidPutOptions(key, putOptions);
    const metered = meterBody(key, body, putOptions);
    const upload = new Upload({
      client,
      params: {
        Bucket: bucket,
        Key: key,
        Body: metered.stream,
        ContentType: putOptions.contentType,
        Metadata: encodeMetadata(putOptions.metadata),
        ...(putOptions.contentLength !== undefined
          ? { ContentLength: putOptions.contentLength }
          : {}),
      },
      partSize,
      queueSize,
      // A failed multipart upload is aborted, so its parts neither linger nor cost storage.
      leavePartsOnError: false,
    });
    try {
      const result = await upload.done();
      const etag = unquoteEtag(result.ETag);
      return { key, ...metered.digest(), ...(etag ? { etag } : {}) };
    } catch (error) {
      metered.stream.destroy();
      throw metered.failure() ?? error;
    }
  }

  async function head(key: string): Promise<ObjectInfo> {
    assertValidObjectKey(key);
    try {
      const result = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return objectInfo(key, result);
    } catch (error) {
      if (isNotFound(error)) throw new ObjectNotFoundError(key, { cause: error });
      throw error;
    }
  }

  async function get(key: string): Promise<ObjectDownload> {
    assertValidObjectKey(key);
    try {
      const result = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      if (!(result.Body instanceof Readable)) {
        throw new Error('the S3 client returned a body that is not a Node.js stream');
      }
      return { ...objectInfo(key, result), body: result.Body };
    } catch (error) {
      if (isNotFound(error)) throw new ObjectNotFoundError(key, { cause: error });
      throw error;
    }
  }

  async function deleteObject(key: string): Promise<void> {
    assertValidObjectKey(key);
    // S3 answers 204 whether or not the key existed.
    await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
  }

  async function list(
    prefix: string,
    listOptions: ListObjectsOptions = {},
  ): Promise<ListObjectsPage> {
    assertValidObjectPrefix(prefix);
    const result = await client.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: prefix,
        MaxKeys: pageLimit(listOptions.limit),
        ...(listOptions.cursor ? { ContinuationToken: listOptions.cursor } : {}),
      }),
    );
    const objects = (result.Contents ?? []).flatMap((item) =>
      item.Key === undefined
        ? []
        : [
            {
              key: item.Key,
              size: item.Size ?? 0,
              ...(item.LastModified ? { lastModified: item.LastModified } : {}),
            },
          ],
    );
    return result.IsTruncated && result.NextContinuationToken
      ? { objects, nextCursor: result.NextContinuationToken }
      : { objects };
  }

  async function signedDownloadUrl(key: string, expiresInSeconds: number): Promise<string> {
    assertValidObjectKey(key);
    assertValidExpiry(expiresInSeconds);
    return getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: key }), {
      expiresIn: expiresInSeconds,
    });
  }

  return {
    kind: 's3',
    put,
    get,
    head,
    delete: deleteObject,
    list,
    signedDownloadUrl,
    close: async () => client.destroy(),
  };
}
