import { apiScopes, type ApiScope } from '@crm/authz';
import { DomainError, type FieldError } from '@crm/errors';
import { nameErrors } from './user.js';

export const TOKEN_NAME_MAX_LENGTH = 100;

export interface NewApiToken {
  name: string;
  scopes: ApiScope[];
  expiresAt: Date | null;
}

function isApiScope(value: string): value is ApiScope {
  return (apiScopes as readonly string[]).includes(value);
}

/** Validates a token request against `now`: an expiry must lie in the future. */
export function parseNewApiToken(
  input: { name: string; scopes: readonly string[]; expiresAt?: string | undefined },
  now: Date,
): NewApiToken {
  const name = input.name.trim();
  const errors: FieldError[] = nameErrors(name, TOKEN_NAME_MAX_LENGTH);
  const unknown = input.scopes.filter((scope) => !isApiScope(scope));
  if (input.scopes.length === 0)
    errors.push({ path: '/scopes', message: `must name at least one of ${apiScopes.join(', ')}` });
  if (unknown.length > 0)
    errors.push({ path: '/scopes', message: `must only contain ${apiScopes.join(', ')}` });
  let expiresAt: Date | null = null;
  if (input.expiresAt !== undefined && input.expiresAt !== '') {
    expiresAt = new Date(input.expiresAt);
    if (Number.isNaN(expiresAt.getTime()))
      errors.push({ path: '/expiresAt', message: 'must be an RFC 3339 time' });
    else if (expiresAt.getTime() <= now.getTime())
      errors.push({ path: '/expiresAt', message: 'must be in the future' });
  }
  if (errors.length > 0) throw DomainError.validation(errors);
  // Kept in the order of apiScopes, once each, so equal sets look equal.
  const scopes = apiScopes.filter((scope) => input.scopes.includes(scope));
  return { name, scopes, expiresAt };
}
