import {
  decodeKeysetCursor,
  encodeKeysetCursor,
  invalidCursor,
  isExactTimestamp,
} from '@crm/paging';
import { isUuid } from '../domain/ids.js';
import type { ErrorPageCursor, JobPageCursor } from './import-job-repository.js';

const COUNT = /^\d{1,15}$/;

const JOBS = 'imports';
const ERRORS = 'import-errors';

export function encodeJobCursor(cursor: JobPageCursor): string {
  return encodeKeysetCursor({ tag: JOBS, value: cursor.createdAt, id: cursor.id });
}

export function decodeJobCursor(raw: string): JobPageCursor {
  const { tag, value, id } = decodeKeysetCursor(raw);
  // Only a moment PostgreSQL reads the same way: Date.parse also takes "2026-02-30" and prose.
  if (tag !== JOBS || !isUuid(id) || !isExactTimestamp(value)) throw invalidCursor();
  return { createdAt: value, id };
}

/** Errors are ordered by row, then by their position within the row (`seq`, carried as the id). */
export function encodeErrorCursor(cursor: ErrorPageCursor): string {
  return encodeKeysetCursor({ tag: ERRORS, value: String(cursor.row), id: String(cursor.seq) });
}

export function decodeErrorCursor(raw: string): ErrorPageCursor {
  const { tag, value, id } = decodeKeysetCursor(raw);
  if (tag !== ERRORS || !COUNT.test(value) || !COUNT.test(id)) throw invalidCursor();
  return { row: Number(value), seq: Number(id) };
}
