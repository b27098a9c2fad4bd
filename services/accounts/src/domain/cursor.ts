import { DomainError } from '@crm/errors';
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
  return Buffer.from(JSON.stringify([cursor.sort, cursor.value, cursor.id]), 'utf8').toString(
    'base64url',
  );
}

/** Scores are small non-negative decimals (see the repository's ranking). */
const RELEVANCE = /^\d{1,3}(?:\.\d{1,12})?$/;

const invalidCursor = () =>
  DomainError.validation([{ path: '/cursor', message: 'is not a cursor this API returned' }]);

export function decodeCursor(raw: string, sort: AccountSort): AccountCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw invalidCursor();
  const [cursorSort, value, id] = parsed as unknown[];
  if (typeof cursorSort !== 'string' || !(accountSorts as readonly string[]).includes(cursorSort))
    throw invalidCursor();
  if (typeof value !== 'string' || typeof id !== 'string' || !isAccountId(id))
    throw invalidCursor();
  if (cursorSort.replace('-', '') === 'createdAt' && Number.isNaN(Date.parse(value)))
    throw invalidCursor();
  if (cursorSort === 'relevance' && !RELEVANCE.test(value)) throw invalidCursor();
  if (cursorSort !== sort) {
    throw DomainError.validation([
      { path: '/cursor', message: `belongs to sort ${cursorSort}, not ${sort}` },
    ]);
  }
  return { sort, value, id };
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export function pageSize(requested: number): number {
  if (requested === 0) return DEFAULT_PAGE_SIZE;
  if (requested < 1 || requested > MAX_PAGE_SIZE) {
    throw DomainError.validation([
      { path: '/limit', message: `must be between 1 and ${MAX_PAGE_SIZE}` },
    ]);
  }
  return requested;
}
