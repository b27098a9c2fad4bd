import { describe, expect, it } from 'vitest';
import { expectedVersion, ifMatchHeaders } from './versioning.js';
import { fieldErrorPaths } from './field-errors.test-support.js';

describe('expected versions', () => {
  it('takes the body version or the If-Match header, which must agree when both are sent', () => {
    expect(expectedVersion(3, undefined, { required: true })).toBe(3);
    expect(expectedVersion(undefined, '"7"', { required: true })).toBe(7);
    expect(expectedVersion(4, '"4"', { required: true })).toBe(4);
    expect(fieldErrorPaths(() => expectedVersion(4, '"5"', { required: true }))).toEqual([
      '/version',
    ]);
  });

  it('insists on a version for updates and sends 0 ("any") for deletes without one', () => {
    expect(
      fieldErrorPaths(() => expectedVersion(undefined, undefined, { required: true })),
    ).toEqual(['/version']);
    expect(expectedVersion(undefined, undefined, { required: false })).toBe(0);
  });

  it('accepts only quoted versions in If-Match and keeps the other headers', () => {
    const parsed = ifMatchHeaders.parse({ 'if-match': '"12"', cookie: 'a=b' });
    expect(parsed).toEqual({ 'if-match': '"12"', cookie: 'a=b' });
    for (const value of ['12', 'W/"12"', '*', '"0"', '"x"']) {
      expect(ifMatchHeaders.safeParse({ 'if-match': value }).success, value).toBe(false);
    }
  });
});
