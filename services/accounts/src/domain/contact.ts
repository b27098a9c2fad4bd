import { normaliseEmail, normaliseEmails } from './email.js';
import { normaliseId } from './ids.js';
import { FieldErrors } from './normalised.js';
import { normalisePhone, normalisePhones, phoneDigits } from './phone.js';
import { normaliseLine } from './text-field.js';
import { unite } from './unite.js';

export const CONTACT_NAME_MAX_LENGTH = 100;
export const CONTACT_TITLE_MAX_LENGTH = 200;
/** Further addresses and numbers a contact may have besides the primary one. */
export const CONTACT_OTHER_MAX_COUNT = 20;

/** Every writable field of a contact, normalised, as stored and as the HTTP API shows it. */
export interface ContactFields {
  accountId: string | null;
  /** '' when unknown; a contact has a first or last name, or an email address. */
  firstName: string;
  lastName: string;
  /** Lower-case; null when the contact has none. */
  email: string | null;
  /** Lower-case, never repeating `email`. */
  otherEmails: string[];
  phone: string | null;
  /** Never repeating `phone` (compared by digits). */
  otherPhones: string[];
  title: string | null;
  ownerId: string | null;
  /** The account's main contact; needs an account, at most one per account. */
  primary: boolean;
}

export const contactFieldNames = [
  'accountId',
  'firstName',
  'lastName',
  'email',
  'otherEmails',
  'phone',
  'otherPhones',
  'title',
  'ownerId',
  'primary',
] as const satisfies ReadonlyArray<keyof ContactFields>;

/** Raw contact fields as typed; for optional text '' clears, lists replace the whole list. */
export interface ContactFieldsInput {
  accountId?: string | undefined;
  firstName?: string | undefined;
  lastName?: string | undefined;
  email?: string | undefined;
  otherEmails?: readonly string[] | undefined;
  phone?: string | undefined;
  otherPhones?: readonly string[] | undefined;
  title?: string | undefined;
  ownerId?: string | undefined;
  primary?: boolean | undefined;
}

export type NewContactInput = ContactFieldsInput;
export type ContactPatchInput = ContactFieldsInput;
export type NewContact = ContactFields;
/** The fields to change, normalised; absent keys stay as they are. */
export type ContactPatch = Partial<ContactFields>;

function parseContactFields(input: ContactFieldsInput, errors: FieldErrors): ContactPatch {
  const fields: ContactPatch = {};
  if (input.accountId !== undefined)
    fields.accountId = errors.take('/accountId', normaliseId(input.accountId, 'an account'), null);
  for (const name of ['firstName', 'lastName'] as const) {
    if (input[name] !== undefined)
      fields[name] =
        errors.take(`/${name}`, normaliseLine(input[name], CONTACT_NAME_MAX_LENGTH), null) ?? '';
  }
  if (input.email !== undefined)
    fields.email = errors.take('/email', normaliseEmail(input.email), null);
  if (input.otherEmails !== undefined) {
    fields.otherEmails = errors.take('/otherEmails', normaliseEmails(input.otherEmails), []);
    if (fields.otherEmails.length > CONTACT_OTHER_MAX_COUNT)
      errors.add('/otherEmails', `must be at most ${CONTACT_OTHER_MAX_COUNT} addresses`);
  }
  if (input.phone !== undefined)
    fields.phone = errors.take('/phone', normalisePhone(input.phone), null);
  if (input.otherPhones !== undefined) {
    fields.otherPhones = errors.take('/otherPhones', normalisePhones(input.otherPhones), []);
    if (fields.otherPhones.length > CONTACT_OTHER_MAX_COUNT)
      errors.add('/otherPhones', `must be at most ${CONTACT_OTHER_MAX_COUNT} numbers`);
  }
  if (input.title !== undefined)
    fields.title = errors.take(
      '/title',
      normaliseLine(input.title, CONTACT_TITLE_MAX_LENGTH),
      null,
    );
  if (input.ownerId !== undefined)
    fields.ownerId = errors.take('/ownerId', normaliseId(input.ownerId, 'a user'), null);
  if (input.primary !== undefined) fields.primary = input.primary;
  return fields;
}

/**
 * The rules between fields, on a whole contact: the primary address and number lead their lists
 * (the first other one is promoted when the primary is missing) and are not repeated in them; a
 * contact without an account is nobody's primary contact.
 */
function settle(contact: ContactFields, errors: FieldErrors, primaryGiven: boolean): ContactFields {
  const [email = null, ...otherEmails] = unite([contact.email, ...contact.otherEmails]);
  const [phone = null, ...otherPhones] = unite(
    [contact.phone, ...contact.otherPhones],
    phoneDigits,
  );
  const settled = { ...contact, email, otherEmails, phone, otherPhones };
  if (!settled.firstName && !settled.lastName && !settled.email)
    errors.add('/lastName', 'a contact needs a name or an email address');
  if (settled.primary && settled.accountId === null) {
    // Leaving the account ends being its primary contact, unless the caller insists.
    if (primaryGiven) errors.add('/primary', 'only a contact of an account can be its primary');
    else settled.primary = false;
  }
  return settled;
}

/**
 * Normalises a new contact ("ADA@Example.com " → "ada@example.com"), or throws one
 * `validation_failed` DomainError explaining every field at fault (paths like `/email`).
 */
export function parseNewContact(input: NewContactInput): NewContact {
  const errors = new FieldErrors();
  const fields = parseContactFields(input, errors);
  errors.throwIfAny();
  const contact = settle(
    {
      accountId: fields.accountId ?? null,
      firstName: fields.firstName ?? '',
      lastName: fields.lastName ?? '',
      email: fields.email ?? null,
      otherEmails: fields.otherEmails ?? [],
      phone: fields.phone ?? null,
      otherPhones: fields.otherPhones ?? [],
      title: fields.title ?? null,
      ownerId: fields.ownerId ?? null,
      primary: fields.primary ?? false,
    },
    errors,
    input.primary !== undefined,
  );
  errors.throwIfAny();
  return contact;
}

/** Normalises the fields a patch gives; the rules between fields apply in `applyContactPatch`. */
export function parseContactPatch(input: ContactPatchInput): ContactPatch {
  const errors = new FieldErrors();
  const patch = parseContactFields(input, errors);
  errors.throwIfAny();
  return patch;
}

/**
 * The contact after the patch, with the rules between fields applied: moving to another account
 * (or none) ends being the old account's primary contact unless the patch says otherwise.
 */
export function applyContactPatch(current: ContactFields, patch: ContactPatch): ContactFields {
  const errors = new FieldErrors();
  const next: ContactFields = { ...current, ...patch };
  if (
    patch.accountId !== undefined &&
    patch.accountId !== current.accountId &&
    patch.primary === undefined
  )
    next.primary = false;
  const settled = settle(next, errors, patch.primary !== undefined);
  errors.throwIfAny();
  return settled;
}
