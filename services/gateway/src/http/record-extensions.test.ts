import { describe, expect, it } from 'vitest';
import { DomainError, toProblem, type JsonValue } from '@crm/errors';
import { translateRecordExtensions } from './record-extensions.js';

/** Stands in for a proto-JSON → HTTP mapper: refuses records without an id. */
function toRecord(raw: JsonValue) {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || typeof raw.id !== 'string')
    throw new Error('not a record');
  return { id: raw.id, shape: 'http' };
}

describe('records named in errors', () => {
  it('rewrites current and duplicates into the HTTP shape, keeping the rest', () => {
    const stale = DomainError.staleVersion('Account', 5, { id: 'a1', version: '5' });
    const translated = translateRecordExtensions(stale, toRecord) as DomainError;
    expect(translated.code).toBe('conflict');
    expect(translated.extensions).toEqual({
      currentVersion: 5,
      current: { id: 'a1', shape: 'http' },
    });

    const duplicate = DomainError.duplicates('Exists.', [{ id: 'a1' }, { broken: true }]);
    const rewritten = translateRecordExtensions(duplicate, toRecord) as DomainError;
    expect(toProblem(rewritten).type).toBe('urn:crm:problem:duplicate');
    // A record the gateway cannot read is left out rather than failing the answer.
    expect(rewritten.extensions).toEqual({ duplicates: [{ id: 'a1', shape: 'http' }] });
  });

  it('passes other errors through untouched', () => {
    const plain = new DomainError('not_found', 'gone');
    expect(translateRecordExtensions(plain, toRecord)).toBe(plain);
    const other = new Error('boom');
    expect(translateRecordExtensions(other, toRecord)).toBe(other);
  });
});
