import { invalid, valid, type Normalised } from './normalised.js';

// C0/C1 control characters (NUL among them) have no place in a name and PostgreSQL rejects NUL.
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;
// Free text keeps its line breaks and tabs.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/**
 * Invisible formatting (bidi overrides that show "invoice\u202Efdp.exe" as "invoiceexe.pdf",
 * zero-width spaces, line and paragraph separators) disguises what a line says. Zero-width
 * (non-)joiners stay: Persian, Indic scripts and emoji need them to spell words.
 */
export const FORMAT_CHARACTERS = /(?![\u200c\u200d])[\p{Cf}\u2028\u2029]/u;

/** One line of text (a name, a title): trimmed and bounded; null when blank. */
export function normaliseLine(
  raw: string | undefined,
  maxLength: number,
): Normalised<string | null> {
  const value = raw?.trim() ?? '';
  if (value === '') return valid(null);
  if (value.length > maxLength) return invalid(`must be at most ${maxLength} characters`);
  if (CONTROL_CHARACTERS.test(value)) return invalid('must not contain control characters');
  if (FORMAT_CHARACTERS.test(value))
    return invalid('must not contain invisible formatting characters');
  return valid(value);
}

/** Like `normaliseLine`, for a line that must be there. */
export function normaliseRequiredLine(
  raw: string | undefined,
  maxLength: number,
): Normalised<string> {
  const line = normaliseLine(raw, maxLength);
  if (!line.ok) return line;
  return line.value === null ? invalid('must not be empty') : valid(line.value);
}

/** Free text (notes): trimmed at the ends, line breaks kept, bounded; '' when blank. */
export function normaliseText(raw: string | undefined, maxLength: number): Normalised<string> {
  const value = raw?.trim() ?? '';
  if (value.length > maxLength) return invalid(`must be at most ${maxLength} characters`);
  if (CONTROL_CHARACTERS_BUT_LINES.test(value))
    return invalid('must not contain control characters');
  return valid(value);
}
