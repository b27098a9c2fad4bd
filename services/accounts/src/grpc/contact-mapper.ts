import type { JsonObject } from '@crm/errors';
import {
  Contact as ContactMessage,
  type CreateContactRequest,
  type UpdateContactRequest,
} from '@crm/proto/crm/accounts/v1/contacts';
import { contactFieldsOf } from '../db/contact-record.js';
import type { Contact } from '../db/contact.entity.js';
import type { ContactPatchInput, NewContactInput } from '../domain/contact.js';
import { asJsonObject } from './json-object.js';

/** `accountName` is the account's current name, looked up by the caller (lists do it in bulk). */
export function toContactMessage(
  contact: Contact,
  accountName: string | undefined,
): ContactMessage {
  const fields = contactFieldsOf(contact);
  return {
    id: contact.id,
    accountId: fields.accountId ?? undefined,
    firstName: fields.firstName,
    lastName: fields.lastName,
    email: fields.email ?? undefined,
    otherEmails: fields.otherEmails,
    phone: fields.phone ?? undefined,
    otherPhones: fields.otherPhones,
    title: fields.title ?? undefined,
    ownerId: fields.ownerId ?? undefined,
    primary: fields.primary,
    createdAt: contact.createdAt.toISOString(),
    updatedAt: contact.updatedAt.toISOString(),
    version: String(contact.version),
    accountName: fields.accountId ? accountName : undefined,
  };
}

/** The contact as error extensions carry it: its proto3 JSON (`Contact.fromJSON` reads it back). */
export function contactJson(message: ContactMessage): JsonObject {
  return asJsonObject(ContactMessage.toJSON(message));
}

export function newContactInput(request: CreateContactRequest): NewContactInput {
  return {
    accountId: request.accountId,
    firstName: request.firstName,
    lastName: request.lastName,
    email: request.email,
    otherEmails: request.otherEmails,
    phone: request.phone,
    otherPhones: request.otherPhones,
    title: request.title,
    ownerId: request.ownerId,
    primary: request.primary,
  };
}

export function contactPatchInput(request: UpdateContactRequest): ContactPatchInput {
  return {
    accountId: request.accountId,
    firstName: request.firstName,
    lastName: request.lastName,
    email: request.email,
    otherEmails: request.otherEmails?.values,
    phone: request.phone,
    otherPhones: request.otherPhones?.values,
    title: request.title,
    ownerId: request.ownerId,
    primary: request.primary,
  };
}
