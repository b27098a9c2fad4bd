import { DomainError } from '@crm/errors';
import type { MergeAccountsRequest } from '@crm/proto/crm/accounts/v1/accounts';
import type { MergeContactsRequest } from '@crm/proto/crm/accounts/v1/contacts';
import type { PageInfo, PageRequest } from '@crm/proto/crm/common/v1/paging';
import type { MergeRequest } from '../commands/merge-records.js';
import { decodeCursor, encodeCursor, type ListCursor } from '../domain/cursor.js';
import { isUuid } from '../domain/ids.js';
import { parseExpectedVersion } from '../domain/version.js';

/** Ids are opaque to callers; anything that is not one of ours simply does not exist. */
export function recordIdOf(raw: string, what: string): string {
  if (!isUuid(raw)) throw DomainError.notFound(what);
  return raw.toLowerCase();
}

/** The record a lookup leaves out (the one being edited); no UUID leaves none out. */
export function excludedIdOf(raw: string): string | null {
  return isUuid(raw) ? raw.toLowerCase() : null;
}

/** Where the requested page starts: after the cursor of the previous one, if it names one. */
export function cursorAfter<Sort extends string>(
  page: PageRequest | undefined,
  sort: Sort,
  sorts: readonly Sort[],
): ListCursor<Sort> | undefined {
  return page?.cursor ? decodeCursor(page.cursor, sort, sorts) : undefined;
}

/** The page part of an answer: where the next page starts, empty after the last. */
export function pageInfoOf(next: ListCursor | undefined): PageInfo {
  return { nextCursor: next ? encodeCursor(next) : '' };
}

/**
 * A merge as the commands take it: both ids name records (else `what` is not found), and each
 * version is the one the caller read, or any.
 */
export function mergeRequestOf(
  request: MergeAccountsRequest | MergeContactsRequest,
  what: string,
): MergeRequest {
  return {
    survivorId: recordIdOf(request.survivorId, what),
    mergedId: recordIdOf(request.mergedId, what),
    survivorVersion: parseExpectedVersion(request.survivorVersion),
    mergedVersion: parseExpectedVersion(request.mergedVersion, '/mergedVersion'),
  };
}
