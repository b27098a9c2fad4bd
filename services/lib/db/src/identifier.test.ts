import { describe, expect, it } from 'vitest';
import { InvalidIdentifierError } from './errors.js';
import { quoteIdentifier } from './identifier.js';

describe('quoteIdentifier', () => {
  it('quotes plain lower-case identifiers', () => {
    expect(quoteIdentifier('accounts')).toBe('"accounts"');
    expect(quoteIdentifier('_time_ingest2')).toBe('"_time_ingest2"');
  });

  it.each(['', 'Accounts', '1abc', 'a-b', 'a"; drop table x; --', 'x'.repeat(64)])(
    'rejects %j',
    (name) => {
      expect(() => quoteIdentifier(name)).toThrow(InvalidIdentifierError);
    },
  );
});
