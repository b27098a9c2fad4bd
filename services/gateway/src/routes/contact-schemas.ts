import { z } from 'zod';
import type { CsvColumn } from '@crm/csv';
import type { JsonValue } from '@crm/errors';
import {
  Contact as ContactMessage,
  type CreateContactRequest,
  type UpdateContactRequest,
} from '@crm/proto/crm/accounts/v1/contacts';
import { repeatable } from '../http/query-schemas.js';
import { clearable, requiredMessage } from '../http/wire-values.js';
import {
  changeVersionField,
  ownerIdFilter,
  recordCollectionSchemas,
  recordListQuery,
  recordSorts,
  recordStampFields,
  recordStampsOf,
} from './record-schemas.js';

/** The HTTP shape of a contact; also its OpenAPI schema. */
export const contactSchema = z
  .object({
    id: z.string(),
    accountId: z.string().nullable(),
    accountName: z.string().nullable().describe("Read-only: the account's name."),
    firstName: z.string(),
    lastName: z.string(),
    email: z.string().nullable().describe('The primary address, lower-cased.'),
    otherEmails: z.array(z.string()),
    phone: z.string().nullable(),
    otherPhones: z.array(z.string()),
    title: z.string().nullable(),
    ownerId: z.string().nullable(),
    primary: z.boolean().describe("The account's main contact; at most one per account."),
    ...recordStampFields,
  })
  .meta({ id: 'Contact' });

export type ContactResponse = z.output<typeof contactSchema>;

const personName = z.string().trim().max(100, 'must be at most 100 characters');

/** Writable fields; `null` (on update) clears a field. The accounts service checks the values. */
const contactFields = {
  accountId: z.string().min(1).max(64).nullable().optional(),
  email: z.string().max(254).nullable().optional(),
  otherEmails: z.array(z.string().max(254)).max(20).optional(),
  phone: z.string().max(50).nullable().optional(),
  otherPhones: z.array(z.string().max(50)).max(20).optional(),
  title: z.string().max(100).nullable().optional(),
  ownerId: z.string().min(1).max(64).nullable().optional(),
  primary: z.boolean().optional(),
  allowDuplicate: z
    .boolean()
    .optional()
    .describe('Keep going although another contact has this email (else 409 with `duplicates`).'),
};

export const createContactBodySchema = z
  .strictObject({
    firstName: personName.optional(),
    lastName: personName.optional(),
    ...contactFields,
  })
  .meta({ id: 'CreateContact' });

export const updateContactBodySchema = z
  .strictObject({
    firstName: personName.optional(),
    lastName: personName.optional(),
    ...contactFields,
    version: changeVersionField,
  })
  .meta({ id: 'UpdateContact' });

export const contactSorts = recordSorts('lastName');

export const listContactsQuerySchema = z.strictObject({
  ...recordListQuery(contactSorts),
  accountId: repeatable(z.string().min(1).max(64)).describe('At any of these accounts.'),
  ownerId: ownerIdFilter,
});

export const contactDuplicatesQuerySchema = z.strictObject({
  email: repeatable(z.string().min(1).max(254)).describe('Contacts with any of these addresses.'),
  excludeId: z.string().min(1).max(64).optional().describe('Leave out this contact.'),
});

export const {
  list: contactListSchema,
  duplicates: contactItemsSchema,
  conflict: contactConflictSchema,
} = recordCollectionSchemas(contactSchema, 'Contact');

const listSeparator = ';';

export const contactCsvColumns: ReadonlyArray<CsvColumn<ContactResponse>> = [
  { header: 'id', value: (contact) => contact.id },
  { header: 'firstName', value: (contact) => contact.firstName },
  { header: 'lastName', value: (contact) => contact.lastName },
  { header: 'email', value: (contact) => contact.email },
  { header: 'otherEmails', value: (contact) => contact.otherEmails.join(listSeparator) },
  { header: 'phone', value: (contact) => contact.phone },
  { header: 'otherPhones', value: (contact) => contact.otherPhones.join(listSeparator) },
  { header: 'title', value: (contact) => contact.title },
  // By name, as people read it; importing resolves it back to the account.
  { header: 'account', value: (contact) => contact.accountName },
  { header: 'accountId', value: (contact) => contact.accountId },
  { header: 'ownerId', value: (contact) => contact.ownerId },
  { header: 'primary', value: (contact) => contact.primary },
  { header: 'createdAt', value: (contact) => contact.createdAt },
  { header: 'updatedAt', value: (contact) => contact.updatedAt },
];

export function toContactResponse(contact: ContactMessage | undefined): ContactResponse {
  const message = requiredMessage(contact, 'a contact');
  return {
    id: message.id,
    accountId: message.accountId ?? null,
    accountName: message.accountName ?? null,
    firstName: message.firstName,
    lastName: message.lastName,
    email: message.email ?? null,
    otherEmails: [...message.otherEmails],
    phone: message.phone ?? null,
    otherPhones: [...message.otherPhones],
    title: message.title ?? null,
    ownerId: message.ownerId ?? null,
    primary: message.primary,
    ...recordStampsOf(message),
  };
}

/** A contact named in an error's extensions (proto JSON), in its HTTP shape. */
export function contactFromJson(raw: JsonValue): ContactResponse {
  return toContactResponse(ContactMessage.fromJSON(raw));
}

export function toCreateContactRequest(
  body: z.output<typeof createContactBodySchema>,
): CreateContactRequest {
  return {
    accountId: body.accountId ?? undefined,
    firstName: body.firstName ?? '',
    lastName: body.lastName ?? '',
    email: body.email ?? undefined,
    otherEmails: body.otherEmails ?? [],
    phone: body.phone ?? undefined,
    otherPhones: body.otherPhones ?? [],
    title: body.title ?? undefined,
    ownerId: body.ownerId ?? undefined,
    primary: body.primary ?? false,
    allowDuplicate: body.allowDuplicate ?? false,
  };
}

export function toUpdateContactRequest(
  id: string,
  expectedVersion: number,
  body: z.output<typeof updateContactBodySchema>,
): UpdateContactRequest {
  return {
    id,
    expectedVersion: String(expectedVersion),
    accountId: clearable(body.accountId),
    firstName: body.firstName,
    lastName: body.lastName,
    email: clearable(body.email),
    otherEmails: body.otherEmails === undefined ? undefined : { values: body.otherEmails },
    phone: clearable(body.phone),
    otherPhones: body.otherPhones === undefined ? undefined : { values: body.otherPhones },
    title: clearable(body.title),
    ownerId: clearable(body.ownerId),
    primary: body.primary,
    allowDuplicate: body.allowDuplicate ?? false,
  };
}
