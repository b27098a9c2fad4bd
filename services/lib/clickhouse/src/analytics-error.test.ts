import { describe, expect, it } from 'vitest';
import { AnalyticsError, clickHouseExceptionType } from './analytics-error.js';
import { exceptionCodeToHttpStatus } from './http-status.js';

describe('clickHouseExceptionType', () => {
  it('finds the exception name and skips version groups', () => {
    expect(
      clickHouseExceptionType(
        'Code: 60. DB::Exception: Unknown table. (UNKNOWN_TABLE) (version 26.7.2.1)',
      ),
    ).toBe('UNKNOWN_TABLE');
    expect(clickHouseExceptionType('no code here (2)')).toBeUndefined();
  });
});

describe('AnalyticsError.withContext', () => {
  it('keeps kind, code and type and chains the original', () => {
    const original = new AnalyticsError('boom', {
      kind: 'clickhouse',
      code: 62,
      type: 'SYNTAX_ERROR',
    });
    const wrapped = original.withContext('migration 1');
    expect(wrapped).toMatchObject({
      message: 'migration 1: boom',
      kind: 'clickhouse',
      code: 62,
      type: 'SYNTAX_ERROR',
    });
    expect(wrapped.cause).toBe(original);
  });
});

describe('exceptionCodeToHttpStatus', () => {
  it.each([
    [60, 404], // UNKNOWN_TABLE
    [81, 404], // UNKNOWN_DATABASE
    [62, 400], // SYNTAX_ERROR
    [516, 403], // AUTHENTICATION_FAILED
    [194, 401], // REQUIRED_PASSWORD
    [159, 408], // TIMEOUT_EXCEEDED
    [241, 500], // MEMORY_LIMIT_EXCEEDED falls through
  ])('maps %i to %i', (code, status) => {
    expect(exceptionCodeToHttpStatus(code)).toBe(status);
  });
});
