import { normaliseDomain } from './host-name.js';
import { normaliseId } from './ids.js';
import { invalid, valid, type FieldErrors, type Normalised } from './normalised.js';
import { normalisePhone } from './phone.js';
import { normaliseTags } from './tags.js';
import { normaliseLine, normaliseRequiredLine, normaliseText } from './text-field.js';
import { normaliseWebsite } from './website.js';

export const ACCOUNT_NAME_MAX_LENGTH = 200;
export const INDUSTRY_MAX_LENGTH = 100;
export const ACCOUNT_NOTES_MAX_LENGTH = 10_000;

export const accountStatuses = ['prospect', 'customer', 'former_customer'] as const;
export type AccountStatus = (typeof accountStatuses)[number];
export const DEFAULT_ACCOUNT_STATUS: AccountStatus = 'prospect';

/** Head count bands, named as the HTTP API and CSV files name them. */
export const companySizes = [
  '1-10',
  '11-50',
  '51-200',
  '201-500',
  '501-1000',
  '1001-5000',
  '5001+',
] as const;
export type CompanySize = (typeof companySizes)[number];

/** A postal address; parts are '' when unknown, and an address without any part is null. */
export interface PostalAddress {
  street: string;
  city: string;
  region: string;
  postalCode: string;
  /** ISO 3166-1 alpha-2, upper case, or ''. */
  country: string;
}

/** Every writable field of an account, normalised, as stored and as the HTTP API shows it. */
export interface AccountFields {
  name: string;
  domain: string | null;
  industry: string | null;
  size: CompanySize | null;
  address: PostalAddress | null;
  phone: string | null;
  website: string | null;
  ownerId: string | null;
  status: AccountStatus;
  /** Lower-case, unique, sorted. */
  tags: string[];
  notes: string;
}

export const accountFieldNames = [
  'name',
  'domain',
  'industry',
  'size',
  'address',
  'phone',
  'website',
  'ownerId',
  'status',
  'tags',
  'notes',
] as const satisfies ReadonlyArray<keyof AccountFields>;

/** What people (or CSV cells) give for an address; missing parts are unknown. */
export interface PostalAddressInput {
  street?: string | undefined;
  city?: string | undefined;
  region?: string | undefined;
  postalCode?: string | undefined;
  country?: string | undefined;
}

/** Raw account fields as typed: strings as entered, `size`/`status` by their HTTP names. */
export interface AccountFieldsInput {
  name?: string | undefined;
  domain?: string | undefined;
  industry?: string | undefined;
  /** One of `companySizes`, or '' for unknown. */
  size?: string | undefined;
  address?: PostalAddressInput | undefined;
  phone?: string | undefined;
  website?: string | undefined;
  ownerId?: string | undefined;
  /** One of `accountStatuses`. */
  status?: string | undefined;
  tags?: readonly string[] | undefined;
  notes?: string | undefined;
}

const ADDRESS_LIMITS = { street: 200, city: 100, region: 100, postalCode: 20 } as const;

function normaliseCountry(raw: string | undefined): Normalised<string> {
  const value = raw?.trim().toUpperCase() ?? '';
  return value === '' || /^[A-Z]{2}$/.test(value)
    ? valid(value)
    : invalid('must be a two-letter ISO 3166 country code such as DE');
}

function parseAddress(input: PostalAddressInput, errors: FieldErrors): PostalAddress | null {
  const address: PostalAddress = { street: '', city: '', region: '', postalCode: '', country: '' };
  for (const part of ['street', 'city', 'region', 'postalCode'] as const) {
    address[part] =
      errors.take(`/address/${part}`, normaliseLine(input[part], ADDRESS_LIMITS[part]), null) ?? '';
  }
  address.country = errors.take('/address/country', normaliseCountry(input.country), '');
  return Object.values(address).some((part) => part !== '') ? address : null;
}

export function parseSize(raw: string | undefined): Normalised<CompanySize | null> {
  const value = raw?.trim() ?? '';
  if (value === '') return valid(null);
  return (companySizes as readonly string[]).includes(value)
    ? valid(value as CompanySize)
    : invalid(`must be one of ${companySizes.join(', ')}`);
}

export function parseStatus(raw: string): Normalised<AccountStatus> {
  const value = raw.trim().toLowerCase();
  return (accountStatuses as readonly string[]).includes(value)
    ? valid(value as AccountStatus)
    : invalid(`must be one of ${accountStatuses.join(', ')}`);
}

/**
 * The fields present in `input`, normalised; faults are noted in `errors`. Shared by creation
 * (every field) and patches (the fields given).
 */
export function parseAccountFields(
  input: AccountFieldsInput,
  errors: FieldErrors,
): Partial<AccountFields> {
  const fields: Partial<AccountFields> = {};
  if (input.name !== undefined)
    fields.name = errors.take(
      '/name',
      normaliseRequiredLine(input.name, ACCOUNT_NAME_MAX_LENGTH),
      '',
    );
  if (input.domain !== undefined)
    fields.domain = errors.take('/domain', normaliseDomain(input.domain), null);
  if (input.industry !== undefined)
    fields.industry = errors.take(
      '/industry',
      normaliseLine(input.industry, INDUSTRY_MAX_LENGTH),
      null,
    );
  if (input.size !== undefined) fields.size = errors.take('/size', parseSize(input.size), null);
  if (input.address !== undefined) fields.address = parseAddress(input.address, errors);
  if (input.phone !== undefined)
    fields.phone = errors.take('/phone', normalisePhone(input.phone), null);
  if (input.website !== undefined)
    fields.website = errors.take('/website', normaliseWebsite(input.website), null);
  if (input.ownerId !== undefined)
    fields.ownerId = errors.take('/ownerId', normaliseId(input.ownerId, 'a user'), null);
  if (input.status !== undefined)
    fields.status = errors.take('/status', parseStatus(input.status), DEFAULT_ACCOUNT_STATUS);
  if (input.tags !== undefined) fields.tags = errors.take('/tags', normaliseTags(input.tags), []);
  if (input.notes !== undefined)
    fields.notes = errors.take('/notes', normaliseText(input.notes, ACCOUNT_NOTES_MAX_LENGTH), '');
  return fields;
}
