import { decodeKeysetCursor, encodeKeysetCursor, invalidCursor } from '@crm/paging';
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
  return encodeKeysetCursor({ tag: kind, value: cursor.value, id: cursor.id });
}

export function decodeCursor(raw: string, kind: CursorKind): Cursor {
  const { tag, value, id } = decodeKeysetCursor(raw);
  if (tag !== kind || !isUserId(id)) throw invalidCursor();
  if (kind === 'audit-events' && Number.isNaN(Date.parse(value))) throw invalidCursor();
  return { value, id };
}
