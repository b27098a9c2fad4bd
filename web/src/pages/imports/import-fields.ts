import type { ColumnMapping, ImportEntity, ImportStatus } from '../../api/imports.js';
import { fieldLabel } from '../../lib/record-fields.js';

/** A column's choice in the mapping step: a field, or left out. */
export const IGNORE = 'ignore';

// The importable fields: the CSV columns of an export, less the read-only ones (id, timestamps).
const FIELDS: Readonly<Record<ImportEntity, readonly string[]>> = {
  accounts: [
    'name',
    'domain',
    'industry',
    'size',
    'status',
    'tags',
    'phone',
    'website',
    'street',
    'city',
    'region',
    'postalCode',
    'country',
    'ownerId',
    'notes',
  ],
  contacts: [
    'firstName',
    'lastName',
    'email',
    'otherEmails',
    'phone',
    'otherPhones',
    'title',
    'account',
    'accountId',
    'ownerId',
    'primary',
  ],
};

const FIELD_HINTS: Readonly<Record<string, string>> = {
  tags: 'Tags (separated by ;)',
  otherEmails: 'Other emails (separated by ;)',
  otherPhones: 'Other phones (separated by ;)',
  account: 'Account (name or domain)',
  accountId: 'Account id',
  ownerId: 'Owner (user id)',
};

export const ENTITY_LABELS: Readonly<Record<ImportEntity, string>> = {
  accounts: 'Accounts',
  contacts: 'Contacts',
};

export const IMPORT_STATUS_LABELS: Readonly<Record<ImportStatus, string>> = {
  queued: 'Queued',
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed',
  undoing: 'Undoing',
  undone: 'Undone',
};

export const IMPORT_STATUS_COLORS: Readonly<Record<ImportStatus, string>> = {
  queued: 'gray',
  running: 'blue',
  completed: 'green',
  failed: 'red',
  undoing: 'orange',
  undone: 'gray',
};

/** The choices for a column: ignore it, or one of the entity's fields. */
export function fieldOptions(entity: ImportEntity) {
  return [
    { value: IGNORE, label: 'Ignore this column' },
    ...FIELDS[entity].map((field) => ({
      value: field,
      label: FIELD_HINTS[field] ?? fieldLabel(field),
    })),
  ];
}

/** One choice per column, in column order: the suggestion where there is one, else ignore. */
export function initialChoices(
  entity: ImportEntity,
  columns: readonly string[],
  suggested: readonly ColumnMapping[],
): string[] {
  const known = new Set(FIELDS[entity]);
  return columns.map((column) => {
    const field = suggested.find((mapping) => mapping.column === column)?.field;
    return field !== undefined && known.has(field) ? field : IGNORE;
  });
}

export function toMapping(columns: readonly string[], choices: readonly string[]): ColumnMapping[] {
  return columns.flatMap((column, index) => {
    const field = choices[index];
    return field === undefined || field === IGNORE ? [] : [{ column, field }];
  });
}

/** What keeps the mapping from being imported, or null. */
export function validateMapping(
  entity: ImportEntity,
  mapping: readonly ColumnMapping[],
): string | null {
  // Nothing mapped would let the server map columns by name on its own: not what was chosen here.
  if (mapping.length === 0) return 'Choose a field for at least one column.';
  const fields = mapping.map((item) => item.field);
  const twice = fields.find((field, index) => fields.indexOf(field) !== index);
  if (twice !== undefined) {
    return `Two columns fill ${FIELD_HINTS[twice] ?? fieldLabel(twice)}: choose one of them.`;
  }
  if (entity === 'accounts' && !fields.includes('name')) {
    return 'Choose the column that holds the account name.';
  }
  if (
    entity === 'contacts' &&
    !['firstName', 'lastName', 'email'].some((f) => fields.includes(f))
  ) {
    return 'Choose a column with the first name, last name or email: every contact needs one.';
  }
  return null;
}
