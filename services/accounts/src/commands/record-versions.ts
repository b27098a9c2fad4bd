import type { Visibility } from '@crm/authz';
import { DomainError, type JsonObject } from '@crm/errors';

/**
 * A deletion of an account or contact: at the version the caller read (undefined: whatever is
 * current), by a caller whose right to delete reaches `visibility`.
 */
export interface DeleteRequest {
  id: string;
  expectedVersion: number | undefined;
  visibility: Exclude<Visibility, 'none'>;
}

/**
 * A record locked for a change, checked to be at the version the caller read (if they name one):
 * a stale version answers with the current record, as `currentJson` renders it.
 */
export async function atExpectedVersion<Record extends { version: number }>(
  record: Record | null,
  expectedVersion: number | undefined,
  what: string,
  currentJson: (record: Record) => Promise<JsonObject>,
): Promise<Record> {
  if (!record) throw DomainError.notFound(what);
  if (expectedVersion !== undefined && record.version !== expectedVersion) {
    throw DomainError.staleVersion(what, record.version, await currentJson(record));
  }
  return record;
}
