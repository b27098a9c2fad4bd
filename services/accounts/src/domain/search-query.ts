import { DomainError } from '@crm/errors';
import { normaliseLine } from './text-field.js';

export const SEARCH_QUERY_MAX_LENGTH = 200;
/** Most words a search turns into full-text terms; more only slows the query down. */
const MAX_SEARCH_WORDS = 8;
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * What a person typed into the search box, trimmed; undefined when there is nothing to search.
 * A query is one line, checked like the names it looks for (no value can hold a control
 * character, and PostgreSQL refuses NUL); long ones are refused: trigram matching costs grow
 * with their length.
 */
export function parseSearchQuery(raw: string): string | undefined {
  const query = normaliseLine(raw, SEARCH_QUERY_MAX_LENGTH);
  if (!query.ok) throw DomainError.validation([{ path: '/query', message: query.message }]);
  return query.value ?? undefined;
}

/** `%`, `_` and `\` are LIKE wildcards; a search for "50%" means the characters, not a pattern. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** LIKE pattern for text anywhere in the value. */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

/** LIKE pattern for values starting with the text. */
export function prefixPattern(text: string): string {
  return `${escapeLike(text)}%`;
}

/**
 * A `to_tsquery` source where every word of the query must start a word of the document
 * ("glob corp" finds "Globex Corporation"), or null when the query has no words ("%").
 * Only letters and digits survive, so nothing the user typed can act as tsquery syntax.
 */
export function prefixTsQuery(text: string): string | null {
  const words = (text.toLowerCase().match(WORD) ?? []).slice(0, MAX_SEARCH_WORDS);
  return words.length > 0 ? words.map((word) => `${word}:*`).join(' & ') : null;
}
