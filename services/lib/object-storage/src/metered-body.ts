import { createHash } from 'node:crypto';
import { pipeline, Readable, Transform, type TransformCallback } from 'node:stream';
import { ObjectSizeMismatchError, ObjectTooLargeError } from './errors.js';

export interface MeteredBody {
  /** The body as it passes through the meter; adapters upload this. */
  readonly stream: Readable;
  /** The meter's own refusal (too large, wrong length) once it happened; adapters rethrow it. */
  failure(): Error | undefined;
  /** Size and SHA-256 once `stream` has ended. */
  digest(): { size: number; checksumSha256: string };
}

/**
 * Counts and hashes a body while it streams, failing it as soon as it passes `maxBytes` or its
 * declared length, so no store ever receives more than that.
 */
export function meterBody(
  key: string,
  body: Readable | Uint8Array,
  limits: { maxBytes?: number; contentLength?: number },
): MeteredBody {
  const hash = createHash('sha256');
  let size = 0;
  let checksum: string | undefined;
  let failure: Error | undefined;

  const refuse = (error: Error, callback: TransformCallback) => {
    failure = error;
    callback(error);
  };

  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (limits.maxBytes !== undefined && size > limits.maxBytes) {
        refuse(new ObjectTooLargeError(key, limits.maxBytes), callback);
        return;
      }
      if (limits.contentLength !== undefined && size > limits.contentLength) {
        refuse(new ObjectSizeMismatchError(key, limits.contentLength, size), callback);
        return;
      }
      hash.update(chunk);
      callback(null, chunk);
    },
    flush(callback) {
      if (limits.contentLength !== undefined && size !== limits.contentLength) {
        refuse(new ObjectSizeMismatchError(key, limits.contentLength, size), callback);
        return;
      }
      checksum = hash.digest('hex');
      callback();
    },
  });

  // A Uint8Array is one chunk; Readable.from would otherwise iterate it byte by byte.
  const source = body instanceof Uint8Array ? Readable.from([Buffer.from(body)]) : body;
  // Errors reach the consumer through `meter`; the callback only keeps them from going unhandled.
  pipeline(source, meter, () => undefined);

  return {
    stream: meter,
    failure: () => failure,
    digest: () => {
      if (checksum === undefined) throw new Error('the body has not been read to its end');
      return { size, checksumSha256: checksum };
    },
  };
}
