import { describe, expect, it } from 'vitest';
import {
  ContentTypeNotAllowedError,
  InvalidObjectMetadataError,
  ObjectTooLargeError,
} from './errors.js';
import { assertValidPutOptions, decodeMetadata, encodeMetadata } from './put-options.js';

describe('assertValidPutOptions', () => {
  it('accepts a media type with parameters, limits and metadata', () => {
    expect(() =>
      assertValidPutOptions('k', {
        contentType: 'text/csv; charset="utf-8"',
        contentLength: 10,
        maxBytes: 10,
        metadata: { original_name: 'Q1 report.csv', uploaded_by: 'u1' },
      }),
    ).not.toThrow();
  });

  it.each(['', 'pdf', 'text/', 'text/plain\r\nX-Injected: 1'])(
    'refuses content type %j',
    (contentType) => {
      expect(() => assertValidPutOptions('k', { contentType })).toThrow(ContentTypeNotAllowedError);
    },
  );

  it('refuses a declared length over maxBytes before reading anything', () => {
    expect(() =>
      assertValidPutOptions('k', { contentType: 'text/plain', contentLength: 11, maxBytes: 10 }),
    ).toThrow(ObjectTooLargeError);
  });

  it.each([{ maxBytes: -1 }, { maxBytes: 1.5 }, { contentLength: -1 }])(
    'refuses limits %j',
    (limits) => {
      expect(() => assertValidPutOptions('k', { contentType: 'text/plain', ...limits })).toThrow(
        RangeError,
      );
    },
  );

  it.each<Record<string, string>>([
    { Upper: 'x' },
    { '1st': 'x' },
    { 'with-dash': 'x' },
    { big: 'x'.repeat(2100) },
  ])('refuses metadata %#', (metadata) => {
    expect(() => assertValidPutOptions('k', { contentType: 'text/plain', metadata })).toThrow(
      InvalidObjectMetadataError,
    );
  });
});

describe('metadata encoding', () => {
  it('round-trips any string through header-safe ASCII', () => {
    const metadata = { name: ' Отчёт; "Q1" %20 \n ', empty: '' };
    const encoded = encodeMetadata(metadata);
    for (const value of Object.values(encoded)) expect(value).toMatch(/^[\x21-\x7e]*$/);
    expect(decodeMetadata(encoded)).toEqual(metadata);
  });

  it('returns values stored unencoded by someone else as they are, with lower-case names', () => {
    expect(decodeMetadata({ Owner: '100%' })).toEqual({ owner: '100%' });
  });
});
