import type { CreateAccountInput } from '../../api/accounts.js';

export const NAME_MAX_LENGTH = 200;

export interface AccountFormValues {
  name: string;
  domain: string;
}

// A DNS hostname with at least two labels: letters, digits and inner hyphens, 63 characters a label.
const HOSTNAME =
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Same normalisation the API applies, so client-side checks match what the server will accept. */
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
  const domain = value.trim().toLowerCase();
  if (domain === '' || HOSTNAME.test(domain)) return null;
  return 'Enter a domain such as acme.com';
}
