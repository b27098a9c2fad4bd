import type { ContactFields } from '../domain/contact.js';
import type { Contact } from './contact.entity.js';

/** A contact row's fields in their domain shape. */
export function contactFieldsOf(contact: Contact): ContactFields {
  return {
    accountId: contact.accountId ?? null,
    firstName: contact.firstName,
    lastName: contact.lastName,
    email: contact.email ?? null,
    otherEmails: [...contact.otherEmails],
    phone: contact.phone ?? null,
    otherPhones: [...contact.otherPhones],
    title: contact.title ?? null,
    ownerId: contact.ownerId ?? null,
    primary: contact.primary,
  };
}

/** How people see a contact's name: first and last, or the address when there is no name. */
export function contactLabel(fields: {
  firstName: string;
  lastName: string;
  email?: string | null | undefined;
}): string {
  return `${fields.firstName} ${fields.lastName}`.trim() || (fields.email ?? '');
}
