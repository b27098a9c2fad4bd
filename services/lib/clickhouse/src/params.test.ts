import { describe, expect, it } from 'vitest';
import { AnalyticsError } from './analytics-error.js';
import {
  encodeJson,
  parseJsonEachRow,
  toChdbParams,
  unixTimestampText,
  validateParams,
  validateTableName,
  type AnalyticsParams,
} from './params.js';

function invalidInput(run: () => void): AnalyticsError {
  try {
    run();
  } catch (error) {
    if (error instanceof AnalyticsError) return error;
    throw error;
  }
  throw new Error('expected an AnalyticsError');
}

describe('validateParams', () => {
  it('accepts every supported value, nested arrays included', () => {
    expect(() =>
      validateParams({
        s: "it's",
        n: 1.5,
        big: 2n ** 64n - 1n,
        b: true,
        d: new Date(0),
        none: null,
        a: [[1, 2], [3]],
      }),
    ).not.toThrow();
  });

  it.each<[string, AnalyticsParams]>([
    ['a name that is not an identifier', { 'x; DROP': 1 }],
    ['a non-finite number', { n: Number.NaN }],
    ['an integer beyond 2^53', { n: 2 ** 60 }],
    ['an invalid Date', { d: new Date('nope') }],
    ['a bad value inside an array', { a: [1, Number.POSITIVE_INFINITY] }],
  ])('refuses %s', (_label, params) => {
    expect(invalidInput(() => validateParams(params)).kind).toBe('invalid-input');
  });

  it('refuses values of other types passed from untyped callers', () => {
    const params = JSON.parse('{"o": {"k": 1}}') as AnalyticsParams;
    expect(invalidInput(() => validateParams(params)).kind).toBe('invalid-input');
  });
});

describe('validateTableName', () => {
  it('accepts plain and database-qualified names only', () => {
    expect(() => validateTableName('events')).not.toThrow();
    expect(() => validateTableName('analytics.time_facts')).not.toThrow();
    for (const bad of ['', 'a.b.c', 'x y', 'events; DROP TABLE x', '`events`', '1abc']) {
      expect(invalidInput(() => validateTableName(bad)).kind).toBe('invalid-input');
    }
  });
});

describe('toChdbParams', () => {
  it('sends Dates and top-level booleans the way @clickhouse/client does', () => {
    const at = new Date('2024-01-01T10:00:00.123Z');
    expect(toChdbParams({ at, b: true, f: false, s: 'x', list: [at, 'y'] })).toEqual({
      at: '1704103200.123',
      b: 1,
      f: 0,
      s: 'x',
      list: [1704103200.123, 'y'],
    });
  });

  it('pads whole-second timestamps to ten digits', () => {
    expect(unixTimestampText(new Date(86_400_000))).toBe('0000086400');
    expect(unixTimestampText(new Date('2024-01-01T10:00:00Z'))).toBe('1704103200');
  });
});

describe('JSONEachRow helpers', () => {
  it('writes bigints as strings and Dates as ISO instants', () => {
    expect(encodeJson({ id: 2n ** 63n, at: new Date('2024-01-01T00:00:00Z') })).toBe(
      '{"id":"9223372036854775808","at":"2024-01-01T00:00:00.000Z"}',
    );
  });

  it('parses one row per non-empty line', () => {
    expect(parseJsonEachRow('{"a":1}\n{"a":2}\n\n')).toEqual([{ a: 1 }, { a: 2 }]);
    expect(parseJsonEachRow('')).toEqual([]);
  });
});
