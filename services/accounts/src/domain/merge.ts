import { DomainError } from '@crm/errors';
import { ACCOUNT_NOTES_MAX_LENGTH, type AccountFields } from './account-fields.js';
import { CONTACT_OTHER_MAX_COUNT, type ContactFields } from './contact.js';
import { phoneDigits } from './phone.js';
import { TAGS_MAX_COUNT } from './tags.js';
import { unite } from './unite.js';

function joinNotes(survivor: string, merged: string): string {
  if (!survivor) return merged;
  if (!merged || merged === survivor) return survivor;
  return `${survivor}\n\n${merged}`;
}

/**
 * A merge whose survivor would break a limit of its field: it could be neither saved again nor
 * exported and imported back, so people trim one of the two records first.
 */
function overLimit(field: string, message: string): DomainError {
  return new DomainError('failed_precondition', message, {
    fieldErrors: [{ path: `/${field}`, message }],
  });
}

/**
 * The survivor of an account merge: its own values win, its empty fields take the merged
 * account's, tags are united and both accounts' notes are kept. Throws `failed_precondition`
 * when the united tags or joined notes would be more than an account may have.
 */
export function mergeAccountFields(survivor: AccountFields, merged: AccountFields): AccountFields {
  const tags = [...new Set([...survivor.tags, ...merged.tags])].sort();
  if (tags.length > TAGS_MAX_COUNT) {
    throw overLimit(
      'tags',
      `Together the accounts have ${tags.length} tags, more than the ${TAGS_MAX_COUNT} an account may have; remove ${tags.length - TAGS_MAX_COUNT} tags from either account first.`,
    );
  }
  const notes = joinNotes(survivor.notes, merged.notes);
  if (notes.length > ACCOUNT_NOTES_MAX_LENGTH) {
    throw overLimit(
      'notes',
      `Together the accounts' notes are ${notes.length} characters, more than the ${ACCOUNT_NOTES_MAX_LENGTH} an account may have; shorten either account's notes by ${notes.length - ACCOUNT_NOTES_MAX_LENGTH} characters first.`,
    );
  }
  return {
    name: survivor.name,
    domain: survivor.domain ?? merged.domain,
    industry: survivor.industry ?? merged.industry,
    size: survivor.size ?? merged.size,
    address: survivor.address ?? merged.address,
    phone: survivor.phone ?? merged.phone,
    website: survivor.website ?? merged.website,
    ownerId: survivor.ownerId ?? merged.ownerId,
    status: survivor.status,
    tags,
    notes,
  };
}

/**
 * The survivor of a contact merge: its own values win, its empty fields take the merged
 * contact's, and every email address and phone number of both is kept (the survivor's first).
 * It becomes its account's primary contact if the merged contact was, in that same account.
 * Throws `failed_precondition` when there would be more other addresses or numbers than a
 * contact may have.
 */
export function mergeContactFields(survivor: ContactFields, merged: ContactFields): ContactFields {
  const accountId = survivor.accountId ?? merged.accountId;
  const [email = null, ...otherEmails] = unite([
    survivor.email,
    ...survivor.otherEmails,
    merged.email,
    ...merged.otherEmails,
  ]);
  const [phone = null, ...otherPhones] = unite(
    [survivor.phone, ...survivor.otherPhones, merged.phone, ...merged.otherPhones],
    phoneDigits,
  );
  for (const [field, others, what] of [
    ['otherEmails', otherEmails, 'email addresses'],
    ['otherPhones', otherPhones, 'phone numbers'],
  ] as const) {
    if (others.length > CONTACT_OTHER_MAX_COUNT) {
      throw overLimit(
        field,
        `Together the contacts have ${others.length} further ${what} (${field}), more than the ${CONTACT_OTHER_MAX_COUNT} a contact may have; remove ${others.length - CONTACT_OTHER_MAX_COUNT} from either contact first.`,
      );
    }
  }
  return {
    accountId,
    firstName: survivor.firstName || merged.firstName,
    lastName: survivor.lastName || merged.lastName,
    email,
    otherEmails,
    phone,
    otherPhones,
    title: survivor.title ?? merged.title,
    ownerId: survivor.ownerId ?? merged.ownerId,
    primary: survivor.primary || (merged.primary && accountId === merged.accountId),
  };
}
