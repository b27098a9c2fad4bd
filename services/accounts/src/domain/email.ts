import { isHostName } from './host-name.js';
import { invalid, quoted, valid, type Normalised } from './normalised.js';

export const EMAIL_MAX_LENGTH = 254;
const LOCAL_PART = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}$/;

/**
 * An email address as stored and compared: trimmed, lower-cased, without `mailto:`; null when
 * blank. Quoted local parts and IP literals are refused: no one types them into a CRM.
 */
export function normaliseEmail(raw: string | undefined): Normalised<string | null> {
  const value = (raw?.trim().toLowerCase() ?? '').replace(/^mailto:/, '');
  if (value === '') return valid(null);
  const at = value.lastIndexOf('@');
  const local = value.slice(0, at);
  const host = value.slice(at + 1);
  if (
    at < 1 ||
    value.length > EMAIL_MAX_LENGTH ||
    !LOCAL_PART.test(local) ||
    local.startsWith('.') ||
    local.endsWith('.') ||
    local.includes('..') ||
    !isHostName(host)
  ) {
    return invalid('must be an email address such as ada@example.com');
  }
  return valid(value);
}

/** Several addresses: each normalised, blanks dropped, repeats (and `exclude`) left out. */
export function normaliseEmails(
  raw: readonly string[],
  exclude: string | null = null,
): Normalised<string[]> {
  const emails: string[] = [];
  for (const item of raw) {
    const email = normaliseEmail(item);
    if (!email.ok) return invalid(`${quoted(item.trim())} ${email.message}`);
    if (email.value !== null && email.value !== exclude && !emails.includes(email.value))
      emails.push(email.value);
  }
  return valid(emails);
}
