import type { Contact } from '../../api/contacts.js';
import type { MergePreviewRow } from '../../components/merge/merge-preview-table.js';
import { phoneDigits, unite } from '../../lib/field-rules.js';
import { fieldLabel, formatFieldValue } from '../../lib/record-fields.js';

type MergedFields = Pick<
  Contact,
  | 'accountId'
  | 'accountName'
  | 'firstName'
  | 'lastName'
  | 'email'
  | 'otherEmails'
  | 'phone'
  | 'otherPhones'
  | 'title'
  | 'ownerId'
  | 'primary'
>;

const FIELDS = [
  'firstName',
  'lastName',
  'title',
  'accountName',
  'email',
  'otherEmails',
  'phone',
  'otherPhones',
  'ownerId',
  'primary',
] as const satisfies ReadonlyArray<keyof MergedFields>;

/**
 * The kept contact after a merge, by the rule of services/accounts/src/domain/merge.ts: its own
 * values win, its empty fields take the other's, every address and number of both is kept (its
 * own first), and it becomes the primary contact if the other one was, at the same account.
 */
export function mergeContactFields(survivor: Contact, merged: Contact): MergedFields {
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
    accountName: survivor.accountId !== null ? survivor.accountName : merged.accountName,
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

export function contactMergeRows(
  survivor: Contact,
  merged: Contact,
  nameOf: (id: string) => string | null,
): MergePreviewRow[] {
  const result = mergeContactFields(survivor, merged);
  return FIELDS.map((field) => ({
    label: fieldLabel(field === 'accountName' ? 'account' : field),
    survivor: formatFieldValue(field, survivor[field], nameOf),
    merged: formatFieldValue(field, merged[field], nameOf),
    result: formatFieldValue(field, result[field], nameOf),
  }));
}
