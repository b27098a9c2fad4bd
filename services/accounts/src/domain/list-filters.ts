import { parseStatus, type AccountStatus } from './account-fields.js';
import { normaliseId } from './ids.js';
import { FieldErrors } from './normalised.js';
import { normaliseTags } from './tags.js';
import { normaliseLine } from './text-field.js';

/** Filters of an account list: an account matches every filter given, and any value within one. */
export interface AccountFilters {
  ownerIds: string[];
  statuses: AccountStatus[];
  /** Lower-case; an account matches when it has any of them. */
  tags: string[];
  /** Lower-case; compared ignoring case. */
  industries: string[];
}

export interface AccountFiltersInput {
  ownerIds?: readonly string[] | undefined;
  statuses?: readonly string[] | undefined;
  tags?: readonly string[] | undefined;
  industries?: readonly string[] | undefined;
}

export interface ContactFilters {
  accountIds: string[];
  ownerIds: string[];
}

export interface ContactFiltersInput {
  accountIds?: readonly string[] | undefined;
  ownerIds?: readonly string[] | undefined;
}

function ids(errors: FieldErrors, path: string, raw: readonly string[], what: string): string[] {
  return raw.flatMap((item) => errors.take(path, normaliseId(item, what), null) ?? []);
}

/** The filters of a list request; paths name the HTTP query parameters (`/ownerId`, `/tag`). */
export function parseAccountFilters(input: AccountFiltersInput): AccountFilters {
  const errors = new FieldErrors();
  const filters: AccountFilters = {
    ownerIds: ids(errors, '/ownerId', input.ownerIds ?? [], 'a user'),
    statuses: (input.statuses ?? []).map((status) =>
      errors.take('/status', parseStatus(status), 'prospect'),
    ),
    tags: errors.take('/tag', normaliseTags(input.tags ?? []), []),
    industries: (input.industries ?? []).flatMap(
      (industry) =>
        errors.take('/industry', normaliseLine(industry, 100), null)?.toLowerCase() ?? [],
    ),
  };
  errors.throwIfAny();
  return filters;
}

export function parseContactFilters(input: ContactFiltersInput): ContactFilters {
  const errors = new FieldErrors();
  const filters: ContactFilters = {
    accountIds: ids(errors, '/accountId', input.accountIds ?? [], 'an account'),
    ownerIds: ids(errors, '/ownerId', input.ownerIds ?? [], 'a user'),
  };
  errors.throwIfAny();
  return filters;
}
