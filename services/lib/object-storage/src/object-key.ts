import { InvalidObjectKeyError } from './errors.js';

/*
 * One key grammar for every store: `/`-separated segments of letters, digits and `._-=+,@!()`.
 * It is the intersection of what S3, Azure Blob Storage and a local file system handle alike; in
 * particular `~` is left out so the local store can name its own files with it.
 */
const segmentPattern = /^[A-Za-z0-9._\-=+,@!()]+$/;
const maxKeyLength = 1024;
// Leaves room under the usual 255-byte file name limit for the local store's suffixes.
const maxSegmentLength = 200;

function segmentProblem(segment: string): string | undefined {
  if (segment === '') return 'empty path segment (leading, trailing or double "/")';
  if (segment === '.' || segment === '..') return 'relative path segment "." or ".."';
  if (segment.length > maxSegmentLength) {
    return `path segment longer than ${maxSegmentLength} characters`;
  }
  if (!segmentPattern.test(segment)) {
    return 'only letters, digits, "/" and ._-=+,@!() are allowed';
  }
  // Azure drops trailing dots from blob names, so such a key would not round-trip there.
  if (segment.endsWith('.')) return 'path segment ending with "."';
  return undefined;
}

/** Throws `InvalidObjectKeyError` unless `key` is a valid object key. */
export function assertValidObjectKey(key: string): void {
  if (key.length === 0) throw new InvalidObjectKeyError(key, 'empty key');
  if (key.length > maxKeyLength) {
    throw new InvalidObjectKeyError(key, `longer than ${maxKeyLength} characters`);
  }
  for (const segment of key.split('/')) {
    const problem = segmentProblem(segment);
    if (problem) throw new InvalidObjectKeyError(key, problem);
  }
}

/**
 * A list prefix is empty, or a key, or a key followed by `/`, or a key whose last segment is cut
 * short (`accounts/12` lists `accounts/123/…`).
 */
export function assertValidObjectPrefix(prefix: string): void {
  if (prefix === '') return;
  assertValidObjectKey(prefix.endsWith('/') ? prefix.slice(0, -1) : prefix);
}
