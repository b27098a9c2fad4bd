import { DomainError } from '@crm/errors';
import { decodeKeysetCursor, encodeKeysetCursor, invalidCursor } from '@crm/paging';
import { accountSorts, type AccountSort } from './account-order.js';
import { isAccountId } from './account.js';

/**
 * Position after the last row of a page: the sort it belongs to, that row's sort value and its id
 * (the tie-breaker). A cursor only continues the sort it was issued for. For `relevance` the value
 * is the row's score as a decimal string, exactly as the database computed it.
 */
export interface AccountCursor {
  sort: AccountSort;
  value: string;
  id: string;
}

export function encodeCursor(cursor: AccountCursor): string {
  return encodeKeysetCursor({ tag: cursor.sort, value: cursor.value, id: cursor.id });
}

/** Scores are small non-negative decimals (see the repository's ranking). */
const RELEVANCE = /^\d{1,3}(?:\.\d{1,12})?$/;

export function decodeCursor(raw: string, sort: AccountSort): AccountCursor {
  const { tag, value, id } = decodeKeysetCursor(raw);
  if (!(accountSorts as readonly string[]).includes(tag) || !isAccountId(id)) throw invalidCursor();
  if (tag.replace('-', '') === 'createdAt' && Number.isNaN(Date.parse(value)))
    throw invalidCursor();
  if (tag === 'relevance' && !RELEVANCE.test(value)) throw invalidCursor();
  if (tag !== sort) {
    throw DomainError.validation([
      { path: '/cursor', message: `belongs to sort ${tag}, not ${sort}` },
    ]);
  }
  return { sort, value, id };
}
