import { z } from 'zod';
import type { CsvColumn } from '@crm/csv';
import type { JsonValue } from '@crm/errors';
import {
  Account as AccountMessage,
  AccountStatus,
  CompanySize,
  type CreateAccountRequest,
  type PostalAddress,
  type UpdateAccountRequest,
} from '@crm/proto/crm/accounts/v1/accounts';
import { repeatable } from '../http/query-schemas.js';
import { clearable, enumMapping, requiredEnum, requiredMessage } from '../http/wire-values.js';
import {
  changeVersionField,
  ownerIdFilter,
  recordCollectionSchemas,
  recordListQuery,
  recordSorts,
  recordStampFields,
  recordStampsOf,
} from './record-schemas.js';

export const accountStatuses = enumMapping([
  ['prospect', AccountStatus.ACCOUNT_STATUS_PROSPECT],
  ['customer', AccountStatus.ACCOUNT_STATUS_CUSTOMER],
  ['former_customer', AccountStatus.ACCOUNT_STATUS_FORMER_CUSTOMER],
]);

export const companySizes = enumMapping([
  ['1-10', CompanySize.COMPANY_SIZE_1_10],
  ['11-50', CompanySize.COMPANY_SIZE_11_50],
  ['51-200', CompanySize.COMPANY_SIZE_51_200],
  ['201-500', CompanySize.COMPANY_SIZE_201_500],
  ['501-1000', CompanySize.COMPANY_SIZE_501_1000],
  ['1001-5000', CompanySize.COMPANY_SIZE_1001_5000],
  ['5001+', CompanySize.COMPANY_SIZE_5001_PLUS],
]);

const statusSchema = z.enum(accountStatuses.values);
const sizeSchema = z.enum(companySizes.values).describe('Head count band.');

const addressSchema = z
  .object({
    street: z.string(),
    city: z.string(),
    region: z.string(),
    postalCode: z.string(),
    country: z.string().describe('ISO 3166-1 alpha-2, upper case; empty when unknown.'),
  })
  .meta({ id: 'PostalAddress' });

/** The HTTP shape of an account; also its OpenAPI schema. */
export const accountSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    domain: z.string().nullable().describe('Lower-cased host name, e.g. `acme.com`.'),
    industry: z.string().nullable(),
    size: sizeSchema.nullable(),
    address: addressSchema.nullable(),
    phone: z.string().nullable(),
    website: z.string().nullable(),
    ownerId: z.string().nullable(),
    status: statusSchema,
    tags: z.array(z.string()).describe('Lower-case labels, sorted, unique.'),
    notes: z.string().describe('Free text kept with the account; timeline notes are separate.'),
    contactCount: z.number().int(),
    ...recordStampFields,
  })
  .meta({ id: 'Account' });

export type AccountResponse = z.output<typeof accountSchema>;

/** Parts left out are empty; `null` instead of the object clears the address. */
const addressInputSchema = z.strictObject({
  street: z.string().max(200).optional(),
  city: z.string().max(100).optional(),
  region: z.string().max(100).optional(),
  postalCode: z.string().max(20).optional(),
  country: z.string().max(2).optional(),
});

/** Writable fields; `null` (on update) clears a field. The accounts service checks the values. */
const accountFields = {
  domain: z.string().max(253, 'must be at most 253 characters').nullable().optional(),
  industry: z.string().max(100).nullable().optional(),
  size: sizeSchema.nullable().optional(),
  address: addressInputSchema.nullable().optional(),
  phone: z.string().max(50).nullable().optional(),
  website: z.string().max(2048).nullable().optional(),
  ownerId: z.string().min(1).max(64).nullable().optional(),
  status: statusSchema.optional(),
  tags: z.array(z.string().max(50)).max(50).optional(),
  notes: z.string().max(10_000).optional(),
  allowDuplicate: z
    .boolean()
    .optional()
    .describe('Keep going although another account has this domain (else 409 with `duplicates`).'),
};

const accountName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters');

export const createAccountBodySchema = z
  .strictObject({ name: accountName, ...accountFields })
  .meta({ id: 'CreateAccount' });

export const updateAccountBodySchema = z
  .strictObject({
    name: accountName.optional(),
    ...accountFields,
    version: changeVersionField,
  })
  .meta({ id: 'UpdateAccount' });

export const accountSorts = recordSorts('name');

export const listAccountsQuerySchema = z.strictObject({
  ...recordListQuery(accountSorts),
  ownerId: ownerIdFilter,
  status: repeatable(statusSchema).describe('In any of these statuses.'),
  tag: repeatable(z.string().min(1).max(50)).describe('Having any of these tags.'),
  industry: repeatable(z.string().min(1).max(100)).describe('In any of these industries.'),
});

export const accountDuplicatesQuerySchema = z.strictObject({
  domain: z.string().max(253).optional().describe('Accounts with this domain.'),
  name: z.string().max(200).optional().describe('Accounts with this name (ignoring case).'),
  excludeId: z.string().min(1).max(64).optional().describe('Leave out this account.'),
});

export const {
  list: accountListSchema,
  duplicates: accountItemsSchema,
  conflict: accountConflictSchema,
} = recordCollectionSchemas(accountSchema, 'Account');

const tagSeparator = ';';

export const accountCsvColumns: ReadonlyArray<CsvColumn<AccountResponse>> = [
  { header: 'id', value: (account) => account.id },
  { header: 'name', value: (account) => account.name },
  { header: 'domain', value: (account) => account.domain },
  { header: 'industry', value: (account) => account.industry },
  { header: 'size', value: (account) => account.size },
  { header: 'status', value: (account) => account.status },
  { header: 'tags', value: (account) => account.tags.join(tagSeparator) },
  { header: 'phone', value: (account) => account.phone },
  { header: 'website', value: (account) => account.website },
  { header: 'street', value: (account) => account.address?.street },
  { header: 'city', value: (account) => account.address?.city },
  { header: 'region', value: (account) => account.address?.region },
  { header: 'postalCode', value: (account) => account.address?.postalCode },
  { header: 'country', value: (account) => account.address?.country },
  { header: 'ownerId', value: (account) => account.ownerId },
  { header: 'notes', value: (account) => account.notes },
  { header: 'createdAt', value: (account) => account.createdAt },
  { header: 'updatedAt', value: (account) => account.updatedAt },
];

export function toAccountResponse(account: AccountMessage | undefined): AccountResponse {
  const message = requiredMessage(account, 'an account');
  return {
    id: message.id,
    name: message.name,
    domain: message.domain ?? null,
    industry: message.industry ?? null,
    size: companySizes.fromMessage(message.size) ?? null,
    address: message.address ? { ...message.address } : null,
    phone: message.phone ?? null,
    website: message.website ?? null,
    ownerId: message.ownerId ?? null,
    status: requiredEnum(accountStatuses, message.status, 'account status'),
    tags: [...message.tags],
    notes: message.notes,
    contactCount: message.contactCount,
    ...recordStampsOf(message),
  };
}

/** An account named in an error's extensions (proto JSON), in its HTTP shape. */
export function accountFromJson(raw: JsonValue): AccountResponse {
  return toAccountResponse(AccountMessage.fromJSON(raw));
}

type AddressInput = z.output<typeof addressInputSchema>;

function toPostalAddress(address: AddressInput | null): PostalAddress {
  return {
    street: address?.street ?? '',
    city: address?.city ?? '',
    region: address?.region ?? '',
    postalCode: address?.postalCode ?? '',
    country: address?.country ?? '',
  };
}

export function toCreateAccountRequest(
  body: z.output<typeof createAccountBodySchema>,
): CreateAccountRequest {
  return {
    name: body.name,
    domain: body.domain ?? undefined,
    ownerId: body.ownerId ?? undefined,
    industry: body.industry ?? undefined,
    size: body.size ? companySizes.toMessage(body.size) : CompanySize.COMPANY_SIZE_UNSPECIFIED,
    address: body.address ? toPostalAddress(body.address) : undefined,
    phone: body.phone ?? undefined,
    website: body.website ?? undefined,
    status: body.status
      ? accountStatuses.toMessage(body.status)
      : AccountStatus.ACCOUNT_STATUS_UNSPECIFIED,
    tags: body.tags ?? [],
    notes: body.notes ?? '',
    allowDuplicate: body.allowDuplicate ?? false,
  };
}

export function toUpdateAccountRequest(
  id: string,
  expectedVersion: number,
  body: z.output<typeof updateAccountBodySchema>,
): UpdateAccountRequest {
  return {
    id,
    expectedVersion: String(expectedVersion),
    name: body.name,
    domain: clearable(body.domain),
    ownerId: clearable(body.ownerId),
    industry: clearable(body.industry),
    size:
      body.size === undefined
        ? undefined
        : body.size === null
          ? CompanySize.COMPANY_SIZE_UNSPECIFIED
          : companySizes.toMessage(body.size),
    address: body.address === undefined ? undefined : toPostalAddress(body.address),
    phone: clearable(body.phone),
    website: clearable(body.website),
    status: body.status === undefined ? undefined : accountStatuses.toMessage(body.status),
    tags: body.tags === undefined ? undefined : { values: body.tags },
    notes: body.notes,
    allowDuplicate: body.allowDuplicate ?? false,
  };
}
