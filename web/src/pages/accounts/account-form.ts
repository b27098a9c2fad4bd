import type { CreateAccountInput } from '../../api/accounts.js';

// Mirrors services/accounts/src/domain/account.ts so the form accepts exactly what the server does.
export const NAME_MAX_LENGTH = 200;
/** The gateway refuses a longer `domain` before the accounts service normalises it. */
export const DOMAIN_MAX_LENGTH = 253;

/** RFC 1123 host name: labels of letters, digits and inner hyphens, at least one dot, TLD starts with a letter. */
const HOST_NAME =
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

export interface AccountFormValues {
  name: string;
  domain: string;
}

/**
 * The host name the server will store for what was typed ("https://WWW.Acme.com/about" → "acme.com"),
 * or null when the field is blank.
 */
export function normaliseDomain(raw: string): string | null {
  const trimmed = raw.trim().toLowerCase();
  if (trimmed === '') return null;
  return trimmed
    .replace(/^https?:\/\//, '')
    .replace(/\/.*$/, '')
    .replace(/^www\./, '');
}

/**
 * Only trims and lower-cases the domain: the server's normalisation strips one `www.` per pass, so
 * sending an already-normalised value could make it store something other than what was checked.
 */
export function toCreateAccountInput(values: AccountFormValues): CreateAccountInput {
  const name = values.name.trim();
  const domain = values.domain.trim().toLowerCase();
  return domain === '' ? { name } : { name, domain };
}

export function validateName(value: string): string | null {
  const name = value.trim();
  if (name === '') return 'Name is required';
  if (name.length > NAME_MAX_LENGTH) return `Name must be at most ${NAME_MAX_LENGTH} characters`;
  return null;
}

export function validateDomain(value: string): string | null {
  if (value.trim().length > DOMAIN_MAX_LENGTH) {
    return `Domain must be at most ${DOMAIN_MAX_LENGTH} characters`;
  }
  const domain = normaliseDomain(value);
  if (domain === null || HOST_NAME.test(domain)) return null;
  return 'Enter a domain such as acme.com';
}
