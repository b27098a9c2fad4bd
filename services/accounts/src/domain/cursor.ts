import { DomainError } from '@crm/errors';

/** Position after the last row of a page, ordered by (createdAt desc, id desc). */
export interface AccountCursor {
  createdAt: Date;
  id: string;
}

export function encodeCursor(cursor: AccountCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id]), 'utf8').toString(
    'base64url',
  );
}

export function decodeCursor(raw: string): AccountCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2) {
      const [createdAt, id] = parsed as unknown[];
      const date = typeof createdAt === 'string' ? new Date(createdAt) : undefined;
      if (date && !Number.isNaN(date.getTime()) && typeof id === 'string' && id.length > 0) {
        return { createdAt: date, id };
      }
    }
  } catch {
    // fall through to the validation error below
  }
  throw DomainError.validation([{ path: '/cursor', message: 'is not a cursor this API returned' }]);
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
