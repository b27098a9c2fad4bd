import { describe, expect, it } from 'vitest';
import { InvalidObjectKeyError } from './errors.js';
import { assertValidObjectKey, assertValidObjectPrefix } from './object-key.js';

describe('assertValidObjectKey', () => {
  it.each([
    'a',
    'accounts/0b6c/attachments/7f3e.pdf',
    'reports/2024-05-01/export_v2.csv',
    'x=1,y=2@host+(copy)!',
    '.hidden/file',
  ])('accepts %s', (key) => {
    expect(() => assertValidObjectKey(key)).not.toThrow();
  });

  it.each([
    ['', 'empty key'],
    ['/etc/passwd', 'empty path segment'],
    ['a/', 'empty path segment'],
    ['a//b', 'empty path segment'],
    ['../secret', 'relative path segment'],
    ['a/../../b', 'relative path segment'],
    ['a/./b', 'relative path segment'],
    ['a\\..\\b', 'only letters'],
    ['spaces are bad', 'only letters'],
    ['tilde~', 'only letters'],
    ['nul\u0000byte', 'only letters'],
    ['ümlaut', 'only letters'],
    ['trailing.', 'ending with "."'],
    ['x'.repeat(201), 'longer than 200'],
    [`${'abc/'.repeat(256)}x`, 'longer than 1024'],
  ])('refuses %j', (key, reason) => {
    expect(() => assertValidObjectKey(key)).toThrow(InvalidObjectKeyError);
    expect(() => assertValidObjectKey(key)).toThrow(reason);
  });
});

describe('assertValidObjectPrefix', () => {
  it.each(['', 'accounts/', 'accounts/12', 'a'])('accepts %j', (prefix) => {
    expect(() => assertValidObjectPrefix(prefix)).not.toThrow();
  });

  it.each(['/', '../', 'a//', 'a/../'])('refuses %j', (prefix) => {
    expect(() => assertValidObjectPrefix(prefix)).toThrow(InvalidObjectKeyError);
  });
});
