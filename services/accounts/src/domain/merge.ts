import type { AccountFields } from './account-fields.js';
import type { ContactFields } from './contact.js';
import { phoneDigits } from './phone.js';
import { unite } from './unite.js';

function joinNotes(survivor: string, merged: string): string {
  if (!survivor) return merged;
  if (!merged || merged === survivor) return survivor;
  return `${survivor}\n\n${merged}`;
}

/**
 * The survivor of an account merge: its own values win, its empty fields take the merged
 * account's, tags are united and both accounts' notes are kept.
 */
export function mergeAccountFields(survivor: AccountFields, merged: AccountFields): AccountFields {
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
    tags: [...new Set([...survivor.tags, ...merged.tags])].sort(),
    notes: joinNotes(survivor.notes, merged.notes),
  };
}

/**
 * The survivor of a contact merge: its own values win, its empty fields take the merged
 * contact's, and every email address and phone number of both is kept (the survivor's first).
 * It becomes its account's primary contact if the merged contact was, in that same account.
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
