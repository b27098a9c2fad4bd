import { describe, expect, it, vi } from 'vitest';
import { uuidv7 } from './uuid-v7.js';

describe('uuidv7', () => {
  it('has the version 7 layout and variant bits', () => {
    const id = uuidv7();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('encodes the current time in the first 48 bits', () => {
    const before = Date.now();
    const id = uuidv7();
    const ms = Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(Date.now() + 1);
  });

  it('is strictly increasing within one millisecond and across many calls', () => {
    const ids = Array.from({ length: 10_000 }, () => uuidv7());
    const sorted = [...ids].sort();
    expect(sorted).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('does not go backwards when the clock does', () => {
    const first = uuidv7();
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() - 60_000);
    const second = uuidv7();
    expect(second > first).toBe(true);
  });
});
