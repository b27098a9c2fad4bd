import { CsvSyntaxError, parseCsv, type CsvRecord } from '@crm/csv';
import { DomainError } from '@crm/errors';
import {
  assertValidObjectKey,
  InvalidObjectKeyError,
  ObjectNotFoundError,
  type ObjectStorage,
} from '@crm/object-storage';

/** Where the gateway stores uploaded import files; the service reads nothing else. */
export const IMPORT_OBJECT_PREFIX = 'imports/';

/** Refuses keys outside the uploads prefix, so an import cannot read attachments or reports. */
export function checkImportObjectKey(key: string): void {
  const invalid = () =>
    DomainError.validation([
      { path: '/objectKey', message: `must be an object key under ${IMPORT_OBJECT_PREFIX}` },
    ]);
  if (!key.startsWith(IMPORT_OBJECT_PREFIX)) throw invalid();
  try {
    assertValidObjectKey(key);
  } catch (error) {
    if (error instanceof InvalidObjectKeyError) throw invalid();
    throw error;
  }
}

/**
 * The file's records as they stream from storage: exports' formula-escaping undone, so an export
 * imports back to the same values. The body is released when the consumer stops early; `signal`
 * ends the stream (with its reason) while the consumer waits for more.
 */
export async function* fileRecords(
  storage: ObjectStorage,
  key: string,
  signal?: AbortSignal,
): AsyncGenerator<CsvRecord, void, undefined> {
  signal?.throwIfAborted();
  const { body } = await storage.get(key);
  const abort = () =>
    body.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
  signal?.addEventListener('abort', abort, { once: true });
  try {
    yield* parseCsv(body, { unescapeFormulas: true });
  } finally {
    signal?.removeEventListener('abort', abort);
    body.destroy();
  }
}

/** The header line of an uploaded file, read without downloading the rest. */
export async function readHeader(storage: ObjectStorage, key: string): Promise<string[]> {
  try {
    for await (const { record } of fileRecords(storage, key)) return record;
  } catch (error) {
    if (error instanceof ObjectNotFoundError) {
      throw DomainError.validation([
        { path: '/objectKey', message: 'no uploaded file is stored here' },
      ]);
    }
    if (error instanceof CsvSyntaxError) {
      throw DomainError.validation([{ path: '/file', message: error.message }]);
    }
    throw error;
  }
  throw DomainError.validation([{ path: '/file', message: 'is empty: it needs a header line' }]);
}
