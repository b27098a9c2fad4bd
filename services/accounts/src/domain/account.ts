import { FieldErrors } from './normalised.js';
import {
  DEFAULT_ACCOUNT_STATUS,
  parseAccountFields,
  type AccountFields,
  type AccountFieldsInput,
} from './account-fields.js';

/** A new account, normalised: every field has its value (unknown ones null, '' or empty). */
export type NewAccount = AccountFields;

/** What creating an account takes: a name, anything else optional (missing means unknown). */
export interface NewAccountInput extends AccountFieldsInput {
  name: string;
}

/** Only the fields to change; for optional text '' clears, for `address` all-'' parts clear. */
export type AccountPatchInput = AccountFieldsInput;

/** The fields to change, normalised; absent keys stay as they are. */
export type AccountPatch = Partial<AccountFields>;

/**
 * Normalises what a person typed ("  Acme ", "WWW.Acme.com") into what we store, or throws one
 * `validation_failed` DomainError explaining every field at fault (paths like `/name`,
 * `/address/country`).
 */
export function parseNewAccount(input: NewAccountInput): NewAccount {
  const errors = new FieldErrors();
  const fields = parseAccountFields(input, errors);
  errors.throwIfAny();
  return {
    name: fields.name ?? '',
    domain: fields.domain ?? null,
    industry: fields.industry ?? null,
    size: fields.size ?? null,
    address: fields.address ?? null,
    phone: fields.phone ?? null,
    website: fields.website ?? null,
    ownerId: fields.ownerId ?? null,
    status: fields.status ?? DEFAULT_ACCOUNT_STATUS,
    tags: fields.tags ?? [],
    notes: fields.notes ?? '',
  };
}

/** Normalises the fields a patch gives, like `parseNewAccount`; a name cannot be cleared. */
export function parseAccountPatch(input: AccountPatchInput): AccountPatch {
  const errors = new FieldErrors();
  const patch = parseAccountFields(input, errors);
  errors.throwIfAny();
  return patch;
}
