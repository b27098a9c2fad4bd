import { describe, expect, it } from 'vitest';
import { safeNextPath, signInPath } from './sign-in-path.js';

describe('signInPath', () => {
  it('carries the path to return to, encoded', () => {
    expect(signInPath('/users?q=a&b=1')).toBe('/sign-in?next=%2Fusers%3Fq%3Da%26b%3D1');
  });
});

describe('safeNextPath', () => {
  it.each([
    ['/users', '/users'],
    ['/users?q=ada#top', '/users?q=ada#top'],
    ['/accounts/a%2F1', '/accounts/a%2F1'],
  ])('keeps the same-origin path %j', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });

  it.each([
    null,
    '',
    'users',
    'https://evil.example/x',
    '//evil.example/x',
    '/\\evil.example/x',
    'javascript:alert(1)',
    '/sign-in?next=/users',
  ])('falls back to /accounts for %j', (next) => {
    expect(safeNextPath(next)).toBe('/accounts');
  });
});
