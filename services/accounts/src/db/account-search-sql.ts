import { containsPattern, prefixPattern, prefixTsQuery } from '../domain/search-query.js';
import { TRIGRAM_SCHEMA as TRGM } from './migrations/migration-2026-12-01-account-search.js';
import { Statement } from './sql-statement.js';

/**
 * An account search's filter and its relevance score over alias `a`. Every clause can use an
 * index: the tsvector GIN for words and prefixes, the trigram GINs for substrings (LIKE) and
 * typos (`<%`).
 */
export function accountSearchSql(query: string): { match: Statement; score: Statement } {
  const tsQuery = prefixTsQuery(query);
  const contains = containsPattern(query);
  const prefix = prefixPattern(query);

  const match = new Statement();
  if (tsQuery !== null) match.add(`a."search_vector" @@ to_tsquery('simple', ?) or`, tsQuery);
  match
    .add('lower(a."name") like lower(?) or a."domain" like lower(?)', contains, contains)
    .add(`or lower(?) operator(${TRGM}.<%) lower(a."name")`, query)
    .add(`or lower(?) operator(${TRGM}.<%) a."domain"`, query);

  // Tiers keep exact > prefix > full-text > substring > typo; within a tier the closest wins.
  // Tier steps of 2 leave room for the [0, 1] closeness without tiers overlapping.
  const score = new Statement()
    .add('round((2 * (case')
    .add('when lower(a."name") = lower(?) or a."domain" = lower(?) then 4', query, query)
    .add('when lower(a."name") like lower(?) or a."domain" like lower(?) then 3', prefix, prefix);
  if (tsQuery !== null)
    score.add(`when a."search_vector" @@ to_tsquery('simple', ?) then 2`, tsQuery);
  score
    .add(
      'when lower(a."name") like lower(?) or a."domain" like lower(?) then 1',
      contains,
      contains,
    )
    .add('else 0 end) + greatest(')
    // Word similarity finds the query inside a longer name or domain; plain similarity then
    // prefers the one closest to the query as a whole ("Initech" before "Big Initech").
    .add(
      `(${TRGM}.word_similarity(lower(?), lower(a."name")) + ${TRGM}.similarity(lower(?), lower(a."name"))) / 2,`,
      query,
      query,
    )
    .add(
      `coalesce((${TRGM}.word_similarity(lower(?), a."domain") + ${TRGM}.similarity(lower(?), a."domain")) / 2, 0)))::numeric, 6)`,
      query,
      query,
    );
  return { match, score };
}
