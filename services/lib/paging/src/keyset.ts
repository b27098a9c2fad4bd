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

// No issued cursor holds a C0/C1 control character (sort values come from stored text, which
// refuses them), and PostgreSQL refuses NUL: a tampered cursor fails here as a bad cursor.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * The three parts of a cursor this API issued, none holding a control character, or a validation
 * error on `/cursor`. Services still check each part means something for their list.
 */
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
  if ([tag, value, id].some((part) => CONTROL_CHARACTERS.test(part))) throw invalidCursor();
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

const TIMESTAMP = /^(\d{4})(-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?Z$/;

/**
 * Whether a cursor's value is a UTC timestamp as PostgreSQL writes one (up to microseconds),
 * naming a moment that exists (no 30 February, no 24:00) from year 1 on, as PostgreSQL accepts
 * it. Date reads milliseconds at most: the digits after them need only be digits.
 */
export function isExactTimestamp(value: string): boolean {
  const match = TIMESTAMP.exec(value);
  if (!match || match[1] === '0000') return false;
  const millis = `${match[1]}${match[2]}.${(match[3] ?? '').slice(0, 3).padEnd(3, '0')}Z`;
  const moment = new Date(millis);
  return !Number.isNaN(moment.getTime()) && moment.toISOString() === millis;
}
