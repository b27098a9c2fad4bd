import { invalid, quoted, valid, type Normalised } from './normalised.js';
import { FORMAT_CHARACTERS } from './text-field.js';

export const TAG_MAX_LENGTH = 50;
export const TAGS_MAX_COUNT = 50;
// `;` joins tags in CSV exports and `,` is how people type lists: neither can be part of one.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[;,\u0000-\u001f\u007f-\u009f]/;

/** Labels as stored: trimmed, lower-case, single-spaced, unique and sorted; blanks dropped. */
export function normaliseTags(raw: readonly string[]): Normalised<string[]> {
  const tags = new Set<string>();
  for (const item of raw) {
    const tag = item.trim().replace(/\s+/g, ' ').toLowerCase();
    if (tag === '') continue;
    if (tag.length > TAG_MAX_LENGTH)
      return invalid(`${quoted(tag)} is longer than ${TAG_MAX_LENGTH} characters`);
    if (FORBIDDEN.test(tag))
      return invalid(`${quoted(tag)} must not contain ";", "," or control characters`);
    if (FORMAT_CHARACTERS.test(tag))
      return invalid(`${quoted(tag)} must not contain invisible formatting characters`);
    tags.add(tag);
  }
  if (tags.size > TAGS_MAX_COUNT) return invalid(`must be at most ${TAGS_MAX_COUNT} tags`);
  return valid([...tags].sort());
}
