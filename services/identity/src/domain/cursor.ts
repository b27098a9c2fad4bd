import { DomainError } from '@crm/errors';
import { isUserId } from './user.js';

/**
 * Position after the last row of a page: that row's sort value and its id (the tie-breaker),
 * tagged with the list it belongs to so a cursor cannot continue another list.
 */
export interface Cursor {
  value: string;
  id: string;
}

export type CursorKind = 'users' | 'audit-events';

export function encodeCursor(kind: CursorKind, cursor: Cursor): string {
  return Buffer.from(JSON.stringify([kind, cursor.value, cursor.id]), 'utf8').toString('base64url');
}

const invalidCursor = () =>
  DomainError.validation([{ path: '/cursor', message: 'is not a cursor this API returned' }]);

export function decodeCursor(raw: string, kind: CursorKind): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw invalidCursor();
  const [cursorKind, value, id] = parsed as unknown[];
  if (cursorKind !== kind || typeof value !== 'string' || typeof id !== 'string')
    throw invalidCursor();
  if (!isUserId(id)) throw invalidCursor();
  if (kind === 'audit-events' && Number.isNaN(Date.parse(value))) throw invalidCursor();
  return { value, id };
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
