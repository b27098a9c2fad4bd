import { DomainError } from '@crm/errors';
import {
  decodeKeysetCursor,
  encodeKeysetCursor,
  invalidCursor,
  isExactTimestamp,
} from '@crm/paging';
import { ACCOUNT_NAME_MAX_LENGTH } from './account-fields.js';
import { isUuid } from './ids.js';
import { orderOf, sortValueKind } from './list-sort.js';

/**
 * Position after the last row of a page: the sort it belongs to, that row's sort value and its id
 * (the tie-breaker). A cursor only continues the sort it was issued for. For `relevance` the value
 * is the row's score as a decimal string, exactly as the database computed it; timestamps keep
 * the database's microseconds.
 */
export interface ListCursor<Sort extends string = string> {
  sort: Sort;
  value: string;
  id: string;
}

export function encodeCursor(cursor: ListCursor): string {
  return encodeKeysetCursor({ tag: cursor.sort, value: cursor.value, id: cursor.id });
}

/** Scores are small non-negative decimals (see the repositories' ranking). */
const RELEVANCE = /^\d{1,3}(?:\.\d{1,12})?$/;
/** The longest text a list sorts by: an account name. */
const TEXT_VALUE_MAX_LENGTH = ACCOUNT_NAME_MAX_LENGTH;

function plausible(sort: string, value: string): boolean {
  switch (sortValueKind(orderOf(sort).field)) {
    case 'relevance':
      return RELEVANCE.test(value);
    case 'timestamp':
      return isExactTimestamp(value);
    case 'text':
      // Values come from stored names, which are bounded (control characters: @crm/paging).
      return value.length <= TEXT_VALUE_MAX_LENGTH;
  }
}

/** The cursor a list request carries, for the sort it asked for (one of `sorts`). */
export function decodeCursor<Sort extends string>(
  raw: string,
  sort: Sort,
  sorts: readonly Sort[],
): ListCursor<Sort> {
  const { tag, value, id } = decodeKeysetCursor(raw);
  if (!(sorts as readonly string[]).includes(tag) || !isUuid(id) || !plausible(tag, value))
    throw invalidCursor();
  if (tag !== sort) {
    throw DomainError.validation([
      { path: '/cursor', message: `belongs to sort ${tag}, not ${sort}` },
    ]);
  }
  return { sort, value, id };
}
