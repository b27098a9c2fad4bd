import { containsPattern, prefixPattern, prefixTsQuery } from '../domain/search-query.js';
import { TRIGRAM_SCHEMA as TRGM } from './migrations/migration-2026-12-01-account-search.js';
import { Statement } from './sql-statement.js';

/**
 * A contact search over alias `a`, ranked like the accounts search: on the full name (words,
 * substrings, typos), the primary email address (substrings, typos) and, exactly, the other
 * addresses. Every clause can use an index (tsvector, trigram and array GINs).
 */
export function contactSearchSql(query: string): { match: Statement; score: Statement } {
  const tsQuery = prefixTsQuery(query);
  const contains = containsPattern(query);
  const prefix = prefixPattern(query);

  const match = new Statement();
  if (tsQuery !== null) match.add(`a."search_vector" @@ to_tsquery('simple', ?) or`, tsQuery);
  match
    .add('lower(a."full_name") like lower(?) or a."email" like lower(?)', contains, contains)
    .add(`or lower(?) operator(${TRGM}.<%) lower(a."full_name")`, query)
    // Word similarity finds a mistyped part of an address ("alan.turnig" in "alan.turing@…").
    .add(`or lower(?) operator(${TRGM}.<%) a."email"`, query)
    .add('or a."other_emails" @> array[lower(?)]::text[]', query);

  const exact =
    'lower(a."full_name") = lower(?) or lower(a."last_name") = lower(?) or a."email" = lower(?) or a."other_emails" @> array[lower(?)]::text[]';
  const score = new Statement()
    .add('round((2 * (case')
    .add(`when ${exact} then 4`, query, query, query, query)
    .add(
      'when lower(a."full_name") like lower(?) or lower(a."last_name") like lower(?) or a."email" like lower(?) then 3',
      prefix,
      prefix,
      prefix,
    );
  if (tsQuery !== null)
    score.add(`when a."search_vector" @@ to_tsquery('simple', ?) then 2`, tsQuery);
  score
    .add(
      'when lower(a."full_name") like lower(?) or a."email" like lower(?) then 1',
      contains,
      contains,
    )
    .add('else 0 end) + greatest(')
    .add(
      `(${TRGM}.word_similarity(lower(?), lower(a."full_name")) + ${TRGM}.similarity(lower(?), lower(a."full_name"))) / 2,`,
      query,
      query,
    )
    .add(
      `coalesce((${TRGM}.word_similarity(lower(?), a."email") + ${TRGM}.similarity(lower(?), a."email")) / 2, 0)))::numeric, 6)`,
      query,
      query,
    );
  return { match, score };
}
