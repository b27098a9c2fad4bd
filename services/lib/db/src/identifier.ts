import { InvalidIdentifierError } from './errors.js';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Schema and database names end up in DDL, where they cannot be bound as parameters. Restricting
 * them to plain lower-case identifiers (and still quoting them) rules out injection and the
 * case-folding surprises of unquoted names.
 */
export function quoteIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new InvalidIdentifierError(name);
  return `"${name}"`;
}
