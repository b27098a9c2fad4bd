import type { MantineColor } from '@mantine/core';
import type { AccountStatus, CompanySize } from '../api/accounts.js';
import { ACCOUNT_STATUSES, COMPANY_SIZES } from '../api/accounts.js';

export const ACCOUNT_STATUS_LABELS: Readonly<Record<AccountStatus, string>> = {
  prospect: 'Prospect',
  customer: 'Customer',
  former_customer: 'Former customer',
};

export const ACCOUNT_STATUS_COLORS: Readonly<Record<AccountStatus, MantineColor>> = {
  prospect: 'blue',
  customer: 'green',
  former_customer: 'gray',
};

export const ACCOUNT_STATUS_OPTIONS = ACCOUNT_STATUSES.map((status) => ({
  value: status,
  label: ACCOUNT_STATUS_LABELS[status],
}));

export const COMPANY_SIZE_OPTIONS = COMPANY_SIZES.map((size: CompanySize) => ({
  value: size,
  label: `${size} employees`,
}));

/** Common industries, offered while typing; any other may be typed. */
export const INDUSTRY_SUGGESTIONS = [
  'Agriculture',
  'Construction',
  'Consulting',
  'Education',
  'Energy',
  'Financial services',
  'Government',
  'Healthcare',
  'Hospitality',
  'Insurance',
  'Legal',
  'Logistics',
  'Manufacturing',
  'Marketing',
  'Media',
  'Non-profit',
  'Real estate',
  'Retail',
  'Software',
  'Telecommunications',
] as const;

/** How people read the HTTP API's field names (timeline changes, conflicts, imports). */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  name: 'Name',
  domain: 'Domain',
  industry: 'Industry',
  size: 'Company size',
  address: 'Address',
  street: 'Street',
  city: 'City',
  region: 'Region',
  postalCode: 'Postal code',
  country: 'Country',
  phone: 'Phone',
  website: 'Website',
  ownerId: 'Owner',
  status: 'Status',
  tags: 'Tags',
  notes: 'Notes',
  firstName: 'First name',
  lastName: 'Last name',
  email: 'Email',
  otherEmails: 'Other emails',
  otherPhones: 'Other phones',
  title: 'Job title',
  account: 'Account',
  accountId: 'Account',
  primary: 'Primary contact',
  id: 'Id',
  createdAt: 'Created',
  updatedAt: 'Updated',
};

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}

function isStatus(value: unknown): value is AccountStatus {
  return ACCOUNT_STATUSES.some((status) => status === value);
}

/**
 * A field's JSON value as a person reads it: empty values as "empty", lists joined, an address
 * on one line, statuses by their label; `nameOf` turns user ids (owners) into names.
 */
export function formatFieldValue(
  field: string,
  value: unknown,
  nameOf: (id: string) => string | null = () => null,
): string {
  if (value === null || value === undefined || value === '') return 'empty';
  if (Array.isArray(value)) {
    return value.length === 0 ? 'empty' : value.map((item) => String(item)).join(', ');
  }
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'object') {
    const parts = Object.values(value).filter((part) => part !== '' && part !== null);
    return parts.length === 0 ? 'empty' : parts.map((part) => String(part)).join(', ');
  }
  if (field === 'status' && isStatus(value)) return ACCOUNT_STATUS_LABELS[value];
  if (field === 'ownerId' && typeof value === 'string') return nameOf(value) ?? 'another user';
  return String(value);
}
