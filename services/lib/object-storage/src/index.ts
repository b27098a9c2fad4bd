export type {
  ListObjectsOptions,
  ListObjectsPage,
  ObjectDownload,
  ObjectInfo,
  ObjectMetadata,
  ObjectStorage,
  ObjectStorageKind,
  ObjectSummary,
  PutObjectOptions,
  PutObjectResult,
} from './object-storage.js';
export {
  ContentTypeNotAllowedError,
  InvalidObjectKeyError,
  InvalidObjectMetadataError,
  ObjectNotFoundError,
  ObjectSizeMismatchError,
  ObjectTooLargeError,
} from './errors.js';
export { assertValidObjectKey, assertValidObjectPrefix } from './object-key.js';
export { createLocalObjectStorage } from './local-object-storage.js';
export { createS3ObjectStorage, type S3ObjectStorageOptions } from './s3-object-storage.js';
export {
  createAzureBlobObjectStorage,
  type AzureBlobObjectStorageOptions,
} from './azure-blob-object-storage.js';
export {
  createObjectStorage,
  objectStorageEnv,
  objectStorageEnvSchema,
  type ObjectStorageConfig,
} from './create-object-storage.js';
export {
  assertAllowedContent,
  detectContentType,
  looksExecutable,
  normalizeContentType,
  readFirstBytes,
  withoutInvisibleCharacters,
} from './content-type.js';
