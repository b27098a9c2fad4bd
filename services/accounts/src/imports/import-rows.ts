import { DomainError, isDomainError } from '@crm/errors';
import type {
  AccountFieldsInput,
  ContactFieldsInput,
  PostalAddress,
  PostalAddressInput,
} from '../domain/index.js';
import type { RowErrorInput } from './import-job-repository.js';

type Cells = Readonly<Record<string, string>>;

const addressParts = ['street', 'city', 'region', 'postalCode', 'country'] as const;

/** A list cell as exports write lists: items joined by `;`. */
function listCell(text: string): string[] {
  return text.split(';');
}

/**
 * The account fields a row gives, as the domain's parsers take them: only mapped columns, an
 * empty cell clears its field. An empty status means "as it is" (a new account's default), since
 * a status cannot be cleared. Address parts a row leaves unmapped keep `current`'s values.
 */
export function accountInputOf(cells: Cells, current: PostalAddress | null): AccountFieldsInput {
  const input: AccountFieldsInput = {};
  for (const field of [
    'name',
    'domain',
    'industry',
    'size',
    'phone',
    'website',
    'ownerId',
    'notes',
  ] as const) {
    if (field in cells) input[field] = cells[field];
  }
  if (cells.status !== undefined && cells.status.trim() !== '') input.status = cells.status;
  if (cells.tags !== undefined) input.tags = listCell(cells.tags);
  if (addressParts.some((part) => part in cells)) {
    const address: PostalAddressInput = { ...current };
    for (const part of addressParts) if (part in cells) address[part] = cells[part];
    input.address = address;
  }
  return input;
}

const TRUE = new Set(['true', 'yes', 'y', '1', 'x']);
const FALSE = new Set(['false', 'no', 'n', '0', '']);

/** A yes/no cell: exports write true/false, people also write yes/no, 1/0, or x for yes. */
export function booleanCell(text: string): boolean | undefined {
  const value = text.trim().toLowerCase();
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  return undefined;
}

/**
 * The contact fields a row gives, except its account (resolved by name, domain or id against the
 * database). An unreadable `primary` is a validation error, like the domain's.
 */
export function contactInputOf(cells: Cells): ContactFieldsInput {
  const input: ContactFieldsInput = {};
  for (const field of ['firstName', 'lastName', 'email', 'phone', 'title', 'ownerId'] as const) {
    if (field in cells) input[field] = cells[field];
  }
  if (cells.otherEmails !== undefined) input.otherEmails = listCell(cells.otherEmails);
  if (cells.otherPhones !== undefined) input.otherPhones = listCell(cells.otherPhones);
  if (cells.primary !== undefined) {
    input.primary = booleanCell(cells.primary);
    if (input.primary === undefined)
      throw DomainError.validation([{ path: '/primary', message: 'must be true or false' }]);
  }
  return input;
}

/** The import field a domain error path names: `/address/city` is the `city` column. */
export function fieldOfPath(path: string): string {
  const parts = path.split('/').filter((part) => part !== '');
  if (parts[0] === 'address' && parts[1] !== undefined) return parts[1];
  return parts[0] ?? '';
}

/** A validation failure as row errors; anything else is not the row's fault and is rethrown. */
export function rowErrorsOf(row: number, error: unknown): RowErrorInput[] {
  if (!isDomainError(error) || error.code !== 'validation_failed') throw error;
  if (error.fieldErrors.length === 0) return [{ row, field: '', message: error.message }];
  return error.fieldErrors.map((fieldError) => ({
    row,
    field: fieldOfPath(fieldError.path),
    message: fieldError.message,
  }));
}
