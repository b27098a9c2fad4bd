import type {
  AccountStatus,
  Address,
  CompanySize,
  CreateAccountInput,
} from '../../api/accounts.js';
import {
  normaliseTags,
  validateCountry,
  validateDomain,
  validateLine,
  validatePhone,
  validateTags,
  validateText,
  validateWebsite,
} from '../../lib/field-rules.js';

// Limits of services/accounts/src/domain/account-fields.ts.
export const NAME_MAX_LENGTH = 200;
export const INDUSTRY_MAX_LENGTH = 100;
export const NOTES_MAX_LENGTH = 10_000;
export const ADDRESS_MAX_LENGTHS: Readonly<Record<keyof Address, number>> = {
  street: 200,
  city: 100,
  region: 100,
  postalCode: 20,
  country: 2,
};

export interface AccountFormValues {
  name: string;
  domain: string;
  status: AccountStatus;
  ownerId: string | null;
  industry: string;
  size: CompanySize | null;
  phone: string;
  website: string;
  tags: string[];
  address: Address;
  notes: string;
}

export const EMPTY_ADDRESS: Address = {
  street: '',
  city: '',
  region: '',
  postalCode: '',
  country: '',
};

export function emptyAccountForm(ownerId: string | null): AccountFormValues {
  return {
    name: '',
    domain: '',
    status: 'prospect',
    ownerId,
    industry: '',
    size: null,
    phone: '',
    website: '',
    tags: [],
    address: EMPTY_ADDRESS,
    notes: '',
  };
}

/** The address with each part trimmed (the country upper-cased), or null when every part is blank. */
export function tidyAddress(address: Address): Address | null {
  const tidy = {
    street: address.street.trim(),
    city: address.city.trim(),
    region: address.region.trim(),
    postalCode: address.postalCode.trim(),
    country: address.country.trim().toUpperCase(),
  };
  return Object.values(tidy).some((part) => part !== '') ? tidy : null;
}

/**
 * What the create request carries: trimmed values, blank ones left out. The domain is only trimmed
 * and lower-cased: the server normalises it (and checks the duplicates) itself.
 */
export function toCreateAccountInput(values: AccountFormValues): CreateAccountInput {
  const text = (value: string) => {
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  };
  const address = tidyAddress(values.address);
  const notes = text(values.notes);
  return {
    name: values.name.trim(),
    ...(text(values.domain) && { domain: values.domain.trim().toLowerCase() }),
    status: values.status,
    ...(values.ownerId !== null && { ownerId: values.ownerId }),
    ...(text(values.industry) && { industry: text(values.industry) }),
    ...(values.size !== null && { size: values.size }),
    ...(text(values.phone) && { phone: text(values.phone) }),
    ...(text(values.website) && { website: text(values.website) }),
    ...(values.tags.length > 0 && { tags: normaliseTags(values.tags) }),
    ...(address !== null && { address }),
    ...(notes && { notes }),
  };
}

export function validateName(value: string): string | null {
  return validateLine('Name', value, NAME_MAX_LENGTH, true);
}

export function validateIndustry(value: string): string | null {
  return validateLine('Industry', value, INDUSTRY_MAX_LENGTH);
}

export function validateNotes(value: string): string | null {
  return validateText('Notes', value, NOTES_MAX_LENGTH);
}

export const ADDRESS_PART_LABELS: Readonly<Record<keyof Address, string>> = {
  street: 'Street',
  city: 'City',
  region: 'Region',
  postalCode: 'Postal code',
  country: 'Country',
};

const addressLine = (part: 'street' | 'city' | 'region' | 'postalCode') => (value: string) =>
  validateLine(ADDRESS_PART_LABELS[part], value, ADDRESS_MAX_LENGTHS[part]);

export const ADDRESS_RULES: Readonly<Record<keyof Address, (value: string) => string | null>> = {
  street: addressLine('street'),
  city: addressLine('city'),
  region: addressLine('region'),
  postalCode: addressLine('postalCode'),
  country: validateCountry,
};

/** Each part's fault, keyed by part; empty when the address is fine. */
export function validateAddress(address: Address): Partial<Record<keyof Address, string>> {
  const errors: Partial<Record<keyof Address, string>> = {};
  for (const [part, rule] of Object.entries(ADDRESS_RULES) as Array<
    [keyof Address, (value: string) => string | null]
  >) {
    const error = rule(address[part]);
    if (error) errors[part] = error;
  }
  return errors;
}

/** Rules for every field of the form, as @mantine/form takes them. */
export const accountFormRules = {
  name: validateName,
  domain: validateDomain,
  industry: validateIndustry,
  phone: validatePhone,
  website: validateWebsite,
  tags: validateTags,
  notes: validateNotes,
  address: ADDRESS_RULES,
};
