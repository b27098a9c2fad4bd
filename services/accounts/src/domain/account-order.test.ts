import { describe, expect, it } from 'vitest';
import { DomainError } from '@crm/errors';
import { parseAccountSort } from './account-order.js';
import { parseContactSort } from './contact-order.js';
import { orderOf, sortValueKind } from './list-sort.js';

const fieldErrorsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.fieldErrors;
    throw error;
  }
  throw new Error('expected a DomainError');
};

describe('parseAccountSort', () => {
  it('defaults to newest first, or to relevance when searching', () => {
    expect(parseAccountSort('')).toBe('-createdAt');
    expect(parseAccountSort('', true)).toBe('relevance');
  });

  it('keeps an explicit sort while searching', () => {
    expect(parseAccountSort('name', true)).toBe('name');
    expect(parseAccountSort('-updatedAt', true)).toBe('-updatedAt');
  });

  it('refuses unknown sorts, and relevance without a query', () => {
    expect(fieldErrorsOf(() => parseAccountSort('domain'))).toEqual([
      {
        path: '/sort',
        message:
          'must be one of relevance, name, -name, createdAt, -createdAt, updatedAt, -updatedAt',
      },
    ]);
    expect(fieldErrorsOf(() => parseAccountSort('relevance'))).toEqual([
      { path: '/sort', message: 'relevance needs a search query' },
    ]);
    expect(parseAccountSort('relevance', true)).toBe('relevance');
  });
});

describe('parseContactSort', () => {
  it('sorts contacts by last name, never by an account sort', () => {
    expect(parseContactSort('-lastName')).toBe('-lastName');
    expect(parseContactSort('', true)).toBe('relevance');
    expect(() => parseContactSort('name')).toThrow(DomainError);
  });
});

describe('orderOf', () => {
  it('reads the direction from the sign, and ranks relevance best first', () => {
    expect(orderOf('name')).toEqual({ field: 'name', direction: 'asc' });
    expect(orderOf('-createdAt')).toEqual({ field: 'createdAt', direction: 'desc' });
    expect(orderOf('relevance')).toEqual({ field: 'relevance', direction: 'desc' });
  });

  it('knows which sort values are timestamps', () => {
    expect(sortValueKind('updatedAt')).toBe('timestamp');
    expect(sortValueKind('lastName')).toBe('text');
    expect(sortValueKind('relevance')).toBe('relevance');
  });
});
