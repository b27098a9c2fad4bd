import { DomainError, type FieldError } from '@crm/errors';

export const ACCOUNT_NAME_MAX_LENGTH = 200;
export const ACCOUNT_DOMAIN_MAX_LENGTH = 253;

/** RFC 1123 host name: labels of letters, digits and inner hyphens, at least one dot. */
const HOST_NAME =
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// C0/C1 control characters (NUL among them) have no place in a name and PostgreSQL rejects NUL.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/** Account ids are UUIDs; anything else cannot name an account. */
export function isAccountId(value: string): boolean {
  return UUID.test(value);
}

export interface NewAccount {
  name: string;
  domain: string | null;
  ownerId: string | null;
}

export interface AccountInput {
  name: string;
  domain?: string | undefined;
  ownerId?: string | undefined;
}

/**
 * Normalises what a person typed ("  Acme ", "WWW.Acme.com") into what we store, or explains
 * every field at fault at once.
 */
export function parseNewAccount(input: AccountInput): NewAccount {
  const errors: FieldError[] = [];
  const name = input.name.trim();
  if (name.length === 0) errors.push({ path: '/name', message: 'must not be empty' });
  if (name.length > ACCOUNT_NAME_MAX_LENGTH) {
    errors.push({
      path: '/name',
      message: `must be at most ${ACCOUNT_NAME_MAX_LENGTH} characters`,
    });
  }
  if (CONTROL_CHARACTERS.test(name))
    errors.push({ path: '/name', message: 'must not contain control characters' });
  const domain = normaliseDomain(input.domain);
  if (domain !== null && !HOST_NAME.test(domain)) {
    errors.push({ path: '/domain', message: 'must be a host name such as example.com' });
  }
  const ownerId = input.ownerId?.trim() || null;
  if (ownerId !== null && !UUID.test(ownerId))
    errors.push({ path: '/ownerId', message: 'must be a user id' });
  if (errors.length > 0) throw DomainError.validation(errors);
  return { name, domain, ownerId };
}

function normaliseDomain(raw: string | undefined): string | null {
  const trimmed = raw?.trim().toLowerCase();
  if (!trimmed) return null;
  return trimmed
    .replace(/^https?:\/\//, '')
    .replace(/\/.*$/, '')
    .replace(/^www\./, '');
}
