import {
  decodeKeysetCursor,
  encodeKeysetCursor,
  invalidCursor,
  isExactTimestamp,
} from '@crm/paging';
import { isUserId, USER_NAME_MAX_LENGTH } from './user.js';

/**
 * Position after the last row of a page: that row's sort value and its id (the tie-breaker),
 * tagged with the list it belongs to so a cursor cannot continue another list.
 */
export interface Cursor {
  value: string;
  id: string;
}

export type CursorKind = 'users' | 'directory' | 'audit-events';

export function encodeCursor(kind: CursorKind, cursor: Cursor): string {
  return encodeKeysetCursor({ tag: kind, value: cursor.value, id: cursor.id });
}

export function decodeCursor(raw: string, kind: CursorKind): Cursor {
  const { tag, value, id } = decodeKeysetCursor(raw);
  if (tag !== kind || !isUserId(id)) throw invalidCursor();
  // A tampered cursor must fail as a bad cursor, never as SQL PostgreSQL refuses (30 February);
  // @crm/paging already refuses control characters.
  const valid =
    kind === 'audit-events'
      ? // Audit cursors carry the time as toISOString wrote it.
        isExactTimestamp(value) && new Date(value).toISOString() === value
      : value.length <= USER_NAME_MAX_LENGTH;
  if (!valid) throw invalidCursor();
  return { value, id };
}
