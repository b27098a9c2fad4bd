/** The most objects one list page holds; S3 and Azure both cap a page at 1000. */
export const maxPageSize = 1000;

export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return maxPageSize;
  if (!Number.isInteger(limit) || limit < 1 || limit > maxPageSize) {
    throw new RangeError(`limit must be an integer from 1 to ${maxPageSize}`);
  }
  return limit;
}

/** Cursors are opaque to callers, so stores may change what they carry. */
export function encodeCursor(lastKey: string): string {
  return Buffer.from(lastKey, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  return Buffer.from(cursor, 'base64url').toString('utf8');
}
