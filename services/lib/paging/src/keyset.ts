import { DomainError } from '@crm/errors';

/**
 * Position after the last row of a page: the list (or sort) it belongs to, that row's sort value
 * and its id, the tie-breaker. Opaque to callers; each service checks the parts mean something.
 */
export interface KeysetCursor {
  tag: string;
  value: string;
  id: string;
}

export function encodeKeysetCursor(cursor: KeysetCursor): string {
  return Buffer.from(JSON.stringify([cursor.tag, cursor.value, cursor.id]), 'utf8').toString(
    'base64url',
  );
}

export function invalidCursor(): DomainError {
  return DomainError.validation([
    { path: '/cursor', message: 'is not a cursor this API returned' },
  ]);
}

/** The three parts of a cursor this API issued, or a validation error on `/cursor`. */
export function decodeKeysetCursor(raw: string): KeysetCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw invalidCursor();
  const [tag, value, id] = parsed as unknown[];
  if (typeof tag !== 'string' || typeof value !== 'string' || typeof id !== 'string')
    throw invalidCursor();
  return { tag, value, id };
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** The page size a list RPC asked for: 0 means the default; beyond 1..200 is refused on `/limit`. */
export function pageSize(requested: number): number {
  if (requested === 0) return DEFAULT_PAGE_SIZE;
  if (requested < 1 || requested > MAX_PAGE_SIZE) {
    throw DomainError.validation([
      { path: '/limit', message: `must be between 1 and ${MAX_PAGE_SIZE}` },
    ]);
  }
  return requested;
}
