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

export type CursorKind = 'users' | 'directory' | 'audit-events';

// A tampered cursor must fail as a bad cursor, never as SQL PostgreSQL refuses (NUL, 30 February).
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;
const NAME_MAX_LENGTH = 200;

function isExactTimestamp(value: string): boolean {
  const time = Date.parse(value);
  return !Number.isNaN(time) && new Date(time).toISOString() === value;
}

export function encodeCursor(kind: CursorKind, cursor: Cursor): string {
  return encodeKeysetCursor({ tag: kind, value: cursor.value, id: cursor.id });
}

export function decodeCursor(raw: string, kind: CursorKind): Cursor {
  const { tag, value, id } = decodeKeysetCursor(raw);
  if (tag !== kind || !isUserId(id)) throw invalidCursor();
  const valid =
    kind === 'audit-events'
      ? isExactTimestamp(value)
      : value.length <= NAME_MAX_LENGTH && !CONTROL_CHARACTERS.test(value);
  if (!valid) throw invalidCursor();
  return { value, id };
}
