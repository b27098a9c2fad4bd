import type { JsonObject } from '@crm/errors';
import {
  Account as AccountMessage,
  AccountStatus as AccountStatusMessage,
  CompanySize as CompanySizeMessage,
  type CreateAccountRequest,
  type PostalAddress as PostalAddressMessage,
  type UpdateAccountRequest,
} from '@crm/proto/crm/accounts/v1/accounts';
import { accountFieldsOf } from '../db/account-record.js';
import type { Account } from '../db/account.entity.js';
import type { AccountStatus, CompanySize, PostalAddressInput } from '../domain/account-fields.js';
import type { AccountPatchInput, NewAccountInput } from '../domain/account.js';
import { asJsonObject } from './json-object.js';

const STATUS_MESSAGES: Record<AccountStatus, AccountStatusMessage> = {
  prospect: AccountStatusMessage.ACCOUNT_STATUS_PROSPECT,
  customer: AccountStatusMessage.ACCOUNT_STATUS_CUSTOMER,
  former_customer: AccountStatusMessage.ACCOUNT_STATUS_FORMER_CUSTOMER,
};

const SIZE_MESSAGES: Record<CompanySize, CompanySizeMessage> = {
  '1-10': CompanySizeMessage.COMPANY_SIZE_1_10,
  '11-50': CompanySizeMessage.COMPANY_SIZE_11_50,
  '51-200': CompanySizeMessage.COMPANY_SIZE_51_200,
  '201-500': CompanySizeMessage.COMPANY_SIZE_201_500,
  '501-1000': CompanySizeMessage.COMPANY_SIZE_501_1000,
  '1001-5000': CompanySizeMessage.COMPANY_SIZE_1001_5000,
  '5001+': CompanySizeMessage.COMPANY_SIZE_5001_PLUS,
};

function nameOf<Name extends string>(
  messages: Record<Name, number>,
  value: number,
): Name | undefined {
  return (Object.keys(messages) as Name[]).find((name) => messages[name] === value);
}

/**
 * A status from the wire by its domain name; values this build does not know keep their number
 * so that validation names them.
 */
export function accountStatusName(status: AccountStatusMessage): string {
  return nameOf(STATUS_MESSAGES, status) ?? String(status);
}

/** A size by its domain name: '' for unspecified (unknown, or cleared in a patch). */
export function companySizeName(size: CompanySizeMessage): string {
  if (size === CompanySizeMessage.COMPANY_SIZE_UNSPECIFIED) return '';
  return nameOf(SIZE_MESSAGES, size) ?? String(size);
}

export function toAccountStatusMessage(status: AccountStatus): AccountStatusMessage {
  return STATUS_MESSAGES[status];
}

export function toAccountMessage(account: Account, contactCount: number): AccountMessage {
  const fields = accountFieldsOf(account);
  return {
    id: account.id,
    name: fields.name,
    domain: fields.domain ?? undefined,
    ownerId: fields.ownerId ?? undefined,
    createdAt: account.createdAt.toISOString(),
    updatedAt: account.updatedAt.toISOString(),
    version: String(account.version),
    industry: fields.industry ?? undefined,
    size: fields.size ? SIZE_MESSAGES[fields.size] : CompanySizeMessage.COMPANY_SIZE_UNSPECIFIED,
    address: fields.address ?? undefined,
    phone: fields.phone ?? undefined,
    website: fields.website ?? undefined,
    status: STATUS_MESSAGES[fields.status],
    tags: fields.tags,
    notes: fields.notes,
    contactCount,
  };
}

/** The account as error extensions carry it: its proto3 JSON (`Account.fromJSON` reads it back). */
export function accountJson(message: AccountMessage): JsonObject {
  return asJsonObject(AccountMessage.toJSON(message));
}

function addressInput(address: PostalAddressMessage | undefined): PostalAddressInput | undefined {
  return address && { ...address };
}

export function newAccountInput(request: CreateAccountRequest): NewAccountInput {
  return {
    name: request.name,
    domain: request.domain,
    ownerId: request.ownerId,
    industry: request.industry,
    size: companySizeName(request.size),
    address: addressInput(request.address),
    phone: request.phone,
    website: request.website,
    // Unspecified means the default (prospect).
    status:
      request.status === AccountStatusMessage.ACCOUNT_STATUS_UNSPECIFIED
        ? undefined
        : accountStatusName(request.status),
    tags: request.tags,
    notes: request.notes,
  };
}

/** Only the fields the request has; an unspecified status in a patch is refused, not ignored. */
export function accountPatchInput(request: UpdateAccountRequest): AccountPatchInput {
  return {
    name: request.name,
    domain: request.domain,
    ownerId: request.ownerId,
    industry: request.industry,
    size: request.size === undefined ? undefined : companySizeName(request.size),
    address: addressInput(request.address),
    phone: request.phone,
    website: request.website,
    status:
      request.status === undefined
        ? undefined
        : request.status === AccountStatusMessage.ACCOUNT_STATUS_UNSPECIFIED
          ? ''
          : accountStatusName(request.status),
    tags: request.tags?.values,
    notes: request.notes,
  };
}
