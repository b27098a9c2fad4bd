import { containsPattern, prefixPattern, prefixTsQuery } from '../domain/search-query.js';
import { TRIGRAM_SCHEMA as TRGM } from './migrations/migration-2026-12-01-account-search.js';
import { Statement } from './sql-statement.js';

/** What a record search compares, as SQL expressions over alias `a`. */
interface SearchedColumns {
  /** The record's name, lower-cased: searched for words, substrings and typos. */
  name: string;
  /** Further names only an exact or prefix hit counts for (a contact's last name). */
  otherNames?: string[];
  /** Its key, stored lower-cased (a domain, an email address): searched like the name. */
  key: string;
  /** A text[] of further keys, which only an exact hit counts for (other addresses). */
  otherKeys?: string;
}

function anyOf(clauses: string[], value: string): Statement {
  return new Statement().add(clauses.join(' or '), ...clauses.map(() => value));
}

/**
 * A search's filter and its relevance score. Every clause can use an index: the tsvector GIN for
 * words and prefixes, the trigram GINs for substrings (LIKE) and typos (`<%`), the array GIN for
 * other keys.
 */
function recordSearchSql(
  query: string,
  columns: SearchedColumns,
): { match: Statement; score: Statement } {
  const tsQuery = prefixTsQuery(query);
  const { name, key } = columns;
  const otherNames = columns.otherNames ?? [];
  const otherKey = columns.otherKeys && `${columns.otherKeys} @> array[lower(?)]::text[]`;
  const substring = anyOf(
    [`${name} like lower(?)`, `${key} like lower(?)`],
    containsPattern(query),
  );

  const match = new Statement();
  if (tsQuery !== null) match.add(`a."search_vector" @@ to_tsquery('simple', ?) or`, tsQuery);
  match
    .append(substring)
    .add(`or lower(?) operator(${TRGM}.<%) ${name}`, query)
    // Word similarity also finds a mistyped part of a key ("alan.turnig" in "alan.turing@…").
    .add(`or lower(?) operator(${TRGM}.<%) ${key}`, query);
  if (otherKey) match.add(`or ${otherKey}`, query);

  const exact = [name, ...otherNames, key].map((c) => `${c} = lower(?)`);
  if (otherKey) exact.push(otherKey);
  const prefix = [name, ...otherNames, key].map((c) => `${c} like lower(?)`);
  // Tiers keep exact > prefix > full-text > substring > typo; within a tier the closest wins.
  // Tier steps of 2 leave room for the [0, 1] closeness without tiers overlapping.
  const score = new Statement()
    .add('round((2 * (case')
    .add('when')
    .append(anyOf(exact, query))
    .add('then 4')
    .add('when')
    .append(anyOf(prefix, prefixPattern(query)))
    .add('then 3');
  if (tsQuery !== null)
    score.add(`when a."search_vector" @@ to_tsquery('simple', ?) then 2`, tsQuery);
  score
    .add('when')
    .append(substring)
    .add('then 1')
    .add('else 0 end) + greatest(')
    // Word similarity finds the query inside a longer name or key; plain similarity then
    // prefers the one closest to the query as a whole ("Initech" before "Big Initech").
    .add(
      `(${TRGM}.word_similarity(lower(?), ${name}) + ${TRGM}.similarity(lower(?), ${name})) / 2,`,
      query,
      query,
    )
    .add(
      `coalesce((${TRGM}.word_similarity(lower(?), ${key}) + ${TRGM}.similarity(lower(?), ${key})) / 2, 0)))::numeric, 6)`,
      query,
      query,
    );
  return { match, score };
}

/** An account search: on its name and domain. */
export function accountSearchSql(query: string): { match: Statement; score: Statement } {
  return recordSearchSql(query, { name: 'lower(a."name")', key: 'a."domain"' });
}

/**
 * A contact search: on the full name (words, substrings, typos), the primary email address
 * (substrings, typos) and, exactly, the last name and the other addresses.
 */
export function contactSearchSql(query: string): { match: Statement; score: Statement } {
  return recordSearchSql(query, {
    name: 'lower(a."full_name")',
    otherNames: ['lower(a."last_name")'],
    key: 'a."email"',
    otherKeys: 'a."other_emails"',
  });
}
