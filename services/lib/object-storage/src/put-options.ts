import {
  ContentTypeNotAllowedError,
  InvalidObjectMetadataError,
  ObjectTooLargeError,
} from './errors.js';
import type { ObjectMetadata, PutObjectOptions } from './object-storage.js';

// S3 limits user metadata to 2 KB in total; holding every store to it keeps them interchangeable.
const maxMetadataBytes = 2048;
// Lower case because S3 lower-cases header names; identifier-like because Azure requires it.
const metadataNamePattern = /^[a-z][a-z0-9_]{0,63}$/;
const mediaTypePattern =
  /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}(\s*;\s*[a-z0-9!#$&^_.+-]+=("[^"\r\n]*"|[a-z0-9!#$&^_.+-]+))*$/i;

export function assertValidPutOptions(key: string, options: PutObjectOptions): void {
  if (!mediaTypePattern.test(options.contentType)) {
    throw new ContentTypeNotAllowedError(options.contentType, undefined, 'not a media type');
  }
  const { maxBytes, contentLength } = options;
  if (maxBytes !== undefined && !(Number.isSafeInteger(maxBytes) && maxBytes >= 0)) {
    throw new RangeError('maxBytes must be a non-negative integer');
  }
  if (contentLength !== undefined) {
    if (!(Number.isSafeInteger(contentLength) && contentLength >= 0)) {
      throw new RangeError('contentLength must be a non-negative integer');
    }
    if (maxBytes !== undefined && contentLength > maxBytes) {
      throw new ObjectTooLargeError(key, maxBytes);
    }
  }
  assertValidMetadata(options.metadata ?? {});
}

function assertValidMetadata(metadata: ObjectMetadata): void {
  let bytes = 0;
  for (const [name, value] of Object.entries(metadata)) {
    if (!metadataNamePattern.test(name)) {
      throw new InvalidObjectMetadataError(
        `name ${JSON.stringify(name)} must be lower-case letters, digits and _ (64 at most)`,
      );
    }
    if (typeof value !== 'string') {
      throw new InvalidObjectMetadataError(`value of ${name} must be a string`);
    }
    bytes += name.length + encodeMetadataValue(value).length;
  }
  if (bytes > maxMetadataBytes) {
    throw new InvalidObjectMetadataError(`larger than ${maxMetadataBytes} bytes`);
  }
}

/*
 * Metadata travels as HTTP headers in S3 and Azure, which carry ASCII only and trim spaces:
 * percent-encoding makes any string round-trip unchanged.
 */
export function encodeMetadataValue(value: string): string {
  return encodeURIComponent(value);
}

export function encodeMetadata(metadata: ObjectMetadata | undefined): ObjectMetadata {
  return Object.fromEntries(
    Object.entries(metadata ?? {}).map(([name, value]) => [name, encodeMetadataValue(value)]),
  );
}

/** The inverse of `encodeMetadata`; a value someone else stored unencoded is returned as is. */
export function decodeMetadata(metadata: Record<string, string> | undefined): ObjectMetadata {
  return Object.fromEntries(
    Object.entries(metadata ?? {}).map(([name, value]) => {
      try {
        return [name.toLowerCase(), decodeURIComponent(value)];
      } catch {
        return [name.toLowerCase(), value];
      }
    }),
  );
}
