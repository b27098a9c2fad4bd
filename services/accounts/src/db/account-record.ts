import type { AccountFields } from '../domain/account-fields.js';
import type { Account } from './account.entity.js';

/** An account row's fields in their domain shape (the address gathered from its columns). */
export function accountFieldsOf(account: Account): AccountFields {
  const parts = [account.street, account.city, account.region, account.postalCode, account.country];
  return {
    name: account.name,
    domain: account.domain ?? null,
    industry: account.industry ?? null,
    size: account.size ?? null,
    address: parts.some((part) => part)
      ? {
          street: account.street ?? '',
          city: account.city ?? '',
          region: account.region ?? '',
          postalCode: account.postalCode ?? '',
          country: account.country ?? '',
        }
      : null,
    phone: account.phone ?? null,
    website: account.website ?? null,
    ownerId: account.ownerId ?? null,
    status: account.status,
    tags: [...account.tags],
    notes: account.notes,
  };
}

/** The columns that hold `fields` (unknown address parts as NULL). */
export function accountColumnsOf(fields: AccountFields) {
  const part = (value: string | undefined) => value || null;
  return {
    name: fields.name,
    domain: fields.domain,
    industry: fields.industry,
    size: fields.size,
    street: part(fields.address?.street),
    city: part(fields.address?.city),
    region: part(fields.address?.region),
    postalCode: part(fields.address?.postalCode),
    country: part(fields.address?.country),
    phone: fields.phone,
    website: fields.website,
    ownerId: fields.ownerId,
    status: fields.status,
    tags: [...fields.tags],
    notes: fields.notes,
  };
}
