import type { CreateContactInput } from '../../api/contacts.js';
import {
  isEmail,
  normaliseEmail,
  validateEach,
  validateEmail,
  validateLine,
  validatePhone,
} from '../../lib/field-rules.js';

// Limits of services/gateway/src/routes/contact-schemas.ts and services/accounts/src/domain/contact.ts.
export const PERSON_NAME_MAX_LENGTH = 100;
export const TITLE_MAX_LENGTH = 100;
export const OTHER_VALUES_MAX_COUNT = 20;

export interface ContactFormValues {
  firstName: string;
  lastName: string;
  email: string;
  otherEmails: string[];
  phone: string;
  otherPhones: string[];
  title: string;
  accountId: string | null;
  ownerId: string | null;
  primary: boolean;
}

export function emptyContactForm(
  accountId: string | null,
  ownerId: string | null,
): ContactFormValues {
  return {
    firstName: '',
    lastName: '',
    email: '',
    otherEmails: [],
    phone: '',
    otherPhones: [],
    title: '',
    accountId,
    ownerId,
    primary: false,
  };
}

export function validateFirstName(value: string): string | null {
  return validateLine('First name', value, PERSON_NAME_MAX_LENGTH);
}

/** Also the rule between fields the server puts on `lastName`: a name or an email address. */
export function validateLastName(
  value: string,
  values: Pick<ContactFormValues, 'firstName' | 'email'>,
): string | null {
  if (value.trim() === '' && values.firstName.trim() === '' && values.email.trim() === '') {
    return 'Enter a name or an email address';
  }
  return validateLine('Last name', value, PERSON_NAME_MAX_LENGTH);
}

export function validateTitle(value: string): string | null {
  return validateLine('Job title', value, TITLE_MAX_LENGTH);
}

export function validateOtherEmails(values: readonly string[]): string | null {
  return validateEach(values, validateEmail, OTHER_VALUES_MAX_COUNT, 'further addresses');
}

export function validateOtherPhones(values: readonly string[]): string | null {
  return validateEach(values, validatePhone, OTHER_VALUES_MAX_COUNT, 'further numbers');
}

export function validatePrimary(value: boolean, values: Pick<ContactFormValues, 'accountId'>) {
  return value && values.accountId === null
    ? 'Only a contact of an account can be its primary'
    : null;
}

/** Rules for every field of the form, as @mantine/form takes them. */
export const contactFormRules = {
  firstName: validateFirstName,
  lastName: validateLastName,
  email: validateEmail,
  otherEmails: validateOtherEmails,
  phone: validatePhone,
  otherPhones: validateOtherPhones,
  title: validateTitle,
  primary: validatePrimary,
};

/** Every well-formed address typed, normalised: what the duplicate look-up asks about. */
export function typedEmails(values: Pick<ContactFormValues, 'email' | 'otherEmails'>): string[] {
  return [values.email, ...values.otherEmails]
    .filter(isEmail)
    .map((email) => normaliseEmail(email) ?? '')
    .filter((email, index, all) => all.indexOf(email) === index);
}

export function toCreateContactInput(values: ContactFormValues): CreateContactInput {
  const text = (value: string) => {
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  };
  const list = (items: readonly string[]) => items.map((item) => item.trim()).filter(Boolean);
  const email = normaliseEmail(values.email);
  return {
    firstName: values.firstName.trim(),
    lastName: values.lastName.trim(),
    ...(email !== null && { email }),
    ...(list(values.otherEmails).length > 0 && { otherEmails: list(values.otherEmails) }),
    ...(text(values.phone) && { phone: text(values.phone) }),
    ...(list(values.otherPhones).length > 0 && { otherPhones: list(values.otherPhones) }),
    ...(text(values.title) && { title: text(values.title) }),
    ...(values.accountId !== null && { accountId: values.accountId }),
    ...(values.ownerId !== null && { ownerId: values.ownerId }),
    ...(values.primary && { primary: true }),
  };
}
