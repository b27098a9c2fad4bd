import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, pageLimit } from './paging.js';

describe('paging', () => {
  it('defaults to and caps at 1000 objects a page', () => {
    expect(pageLimit(undefined)).toBe(1000);
    expect(pageLimit(1)).toBe(1);
    for (const bad of [0, 1001, 2.5, Number.NaN]) expect(() => pageLimit(bad)).toThrow(RangeError);
  });

  it('round-trips a key through a cursor', () => {
    expect(decodeCursor(encodeCursor('a/b=c(1)'))).toBe('a/b=c(1)');
  });
});
