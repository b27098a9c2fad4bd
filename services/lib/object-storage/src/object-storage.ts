import type { Readable } from 'node:stream';

/** User metadata: lower-case names (`[a-z][a-z0-9_]*`), any string values. */
export type ObjectMetadata = Record<string, string>;

export interface PutObjectOptions {
  /** A media type such as `application/pdf`; stored and returned by `get`/`head`. */
  contentType: string;
  /** When given, a body of any other length is refused (`ObjectSizeMismatchError`). */
  contentLength?: number;
  metadata?: ObjectMetadata;
  /** A body longer than this aborts the upload with `ObjectTooLargeError`; nothing is stored. */
  maxBytes?: number;
}

export interface PutObjectResult {
  key: string;
  size: number;
  etag?: string;
  /** Hex SHA-256 of the stored bytes, computed while streaming. */
  checksumSha256: string;
}

export interface ObjectInfo {
  key: string;
  size: number;
  contentType: string;
  metadata: ObjectMetadata;
  etag?: string;
  lastModified?: Date;
}

export interface ObjectDownload extends ObjectInfo {
  body: Readable;
}

export interface ObjectSummary {
  key: string;
  size: number;
  lastModified?: Date;
}

export interface ListObjectsOptions {
  /** The `nextCursor` of the previous page. */
  cursor?: string;
  /** At most this many objects (1–1000, default 1000); a page may hold fewer. */
  limit?: number;
}

export interface ListObjectsPage {
  objects: ObjectSummary[];
  /** Absent on the last page. */
  nextCursor?: string;
}

export type ObjectStorageKind = 'local' | 's3' | 'azure-blob';

export interface ObjectStorage {
  readonly kind: ObjectStorageKind;
  /** Streams `body` to `key`, replacing any object there. */
  put(
    key: string,
    body: Readable | Uint8Array,
    options: PutObjectOptions,
  ): Promise<PutObjectResult>;
  /** Throws `ObjectNotFoundError` when there is no object at `key`. */
  get(key: string): Promise<ObjectDownload>;
  /** Throws `ObjectNotFoundError` when there is no object at `key`. */
  head(key: string): Promise<ObjectInfo>;
  /** Succeeds whether or not the object exists. */
  delete(key: string): Promise<void>;
  /** Objects whose key starts with `prefix`, in key order. */
  list(prefix: string, options?: ListObjectsOptions): Promise<ListObjectsPage>;
  /** A URL anyone can GET the object from until it expires; only stores that can sign have it. */
  signedDownloadUrl?(key: string, expiresInSeconds: number): Promise<string>;
  /** Releases connections; the storage is unusable afterwards. */
  close(): Promise<void>;
}
