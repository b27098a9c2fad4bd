import { describe, expect, it } from 'vitest';
import { DomainError } from '@crm/errors';
import {
  containsPattern,
  parseSearchQuery,
  prefixPattern,
  prefixTsQuery,
  SEARCH_QUERY_MAX_LENGTH,
} from './search-query.js';

describe('parseSearchQuery', () => {
  it('trims, and treats blank as no search', () => {
    expect(parseSearchQuery('  Acme ')).toBe('Acme');
    expect(parseSearchQuery('   ')).toBeUndefined();
  });

  it('refuses overlong queries on /query', () => {
    expect(parseSearchQuery('x'.repeat(SEARCH_QUERY_MAX_LENGTH))).toHaveLength(200);
    let caught: unknown;
    try {
      parseSearchQuery('x'.repeat(SEARCH_QUERY_MAX_LENGTH + 1));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect((caught as DomainError).fieldErrors[0]?.path).toBe('/query');
  });

  it('refuses control and formatting characters on /query, which no stored value holds', () => {
    for (const raw of ['Ac\u0000me', 'a\u001bb', 'Acme\u202e', 'x\u2028y']) {
      let caught: unknown;
      try {
        parseSearchQuery(raw);
      } catch (error) {
        caught = error;
      }
      expect(caught, JSON.stringify(raw)).toBeInstanceOf(DomainError);
      expect((caught as DomainError).fieldErrors[0]?.path).toBe('/query');
    }
  });
});

describe('LIKE patterns', () => {
  it('match the characters typed, wildcards included', () => {
    expect(containsPattern('100%')).toBe('%100\\%%');
    expect(containsPattern('a_b\\c')).toBe('%a\\_b\\\\c%');
    expect(prefixPattern('50%')).toBe('50\\%%');
  });
});

describe('prefixTsQuery', () => {
  it('turns every word into a prefix term', () => {
    expect(prefixTsQuery('Glob Corp')).toBe('glob:* & corp:*');
    expect(prefixTsQuery('acme.com')).toBe('acme:* & com:*');
    expect(prefixTsQuery('Müller & Söhne')).toBe('müller:* & söhne:*');
  });

  it('drops tsquery syntax and gives up on queries without words', () => {
    expect(prefixTsQuery("a:* | !b & 'c'")).toBe('a:* & b:* & c:*');
    expect(prefixTsQuery('%_!')).toBeNull();
  });

  it('bounds the number of terms', () => {
    expect(prefixTsQuery('a b c d e f g h i j')?.split(' & ')).toHaveLength(8);
  });
});
