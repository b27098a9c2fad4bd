import type { Account } from '../../api/accounts.js';
import type { MergePreviewRow } from '../../components/merge/merge-preview-table.js';
import { fieldLabel, formatFieldValue } from '../../lib/record-fields.js';

/** The writable fields, as the merge treats them. */
type MergedFields = Pick<
  Account,
  | 'name'
  | 'domain'
  | 'industry'
  | 'size'
  | 'address'
  | 'phone'
  | 'website'
  | 'ownerId'
  | 'status'
  | 'tags'
  | 'notes'
>;

const FIELDS = [
  'name',
  'status',
  'ownerId',
  'domain',
  'website',
  'phone',
  'industry',
  'size',
  'address',
  'tags',
  'notes',
] as const satisfies ReadonlyArray<keyof MergedFields>;

function joinNotes(survivor: string, merged: string): string {
  if (!survivor) return merged;
  if (!merged || merged === survivor) return survivor;
  return `${survivor}\n\n${merged}`;
}

/**
 * The kept account after a merge, by the rule of services/accounts/src/domain/merge.ts: its own
 * values win, its empty fields take the other's, tags are united and both notes are kept.
 */
export function mergeAccountFields(survivor: Account, merged: Account): MergedFields {
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

/** The side-by-side preview: each field of both accounts and of the kept one afterwards. */
export function accountMergeRows(
  survivor: Account,
  merged: Account,
  nameOf: (id: string) => string | null,
): MergePreviewRow[] {
  const result = mergeAccountFields(survivor, merged);
  const rows = FIELDS.map((field) => ({
    label: fieldLabel(field),
    survivor: formatFieldValue(field, survivor[field], nameOf),
    merged: formatFieldValue(field, merged[field], nameOf),
    result: formatFieldValue(field, result[field], nameOf),
  }));
  return [
    ...rows,
    {
      label: 'Contacts',
      survivor: String(survivor.contactCount),
      merged: String(merged.contactCount),
      result: String(survivor.contactCount + merged.contactCount),
    },
  ];
}
