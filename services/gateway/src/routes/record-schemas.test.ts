import { describe, expect, it } from 'vitest';
import { recordSorts, recordStampsOf } from './record-schemas.js';

describe('record schemas', () => {
  it('orders by relevance, the given field or the record times, either way', () => {
    expect(recordSorts('name')).toEqual([
      'relevance',
      'name',
      '-name',
      'createdAt',
      '-createdAt',
      'updatedAt',
      '-updatedAt',
    ]);
  });

  it('reads versions as numbers and refuses a record without its times', () => {
    const stamps = {
      version: '7',
      createdAt: '2026-01-02T03:04:05.000Z',
      updatedAt: '2026-01-03T03:04:05.000Z',
    };
    expect(recordStampsOf(stamps)).toEqual({ ...stamps, version: 7 });
    expect(() => recordStampsOf({ ...stamps, updatedAt: undefined })).toThrow(
      'service answered without updatedAt',
    );
    expect(() => recordStampsOf({ ...stamps, version: 'x' })).toThrow(/not a safe integer/);
  });
});
