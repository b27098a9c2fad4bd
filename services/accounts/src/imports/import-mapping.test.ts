import { describe, expect, it } from 'vitest';
import { DomainError } from '@crm/errors';
import { mappedColumns, resolveImportMapping } from './import-mapping.js';

const accountExportHeader = [
  'id',
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
  'createdAt',
  'updatedAt',
];
const contactExportHeader = [
  'id',
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
  'createdAt',
  'updatedAt',
];

function validationMessages(action: () => unknown): string[] {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError && error.code === 'validation_failed')
      return error.fieldErrors.map((fieldError) => `${fieldError.path}: ${fieldError.message}`);
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('resolveImportMapping', () => {
  it('refuses a mapped column whose name has control characters, which no field has', () => {
    expect(
      validationMessages(() =>
        resolveImportMapping(
          'accounts',
          ['na\u0000me', 'domain'],
          [
            { column: 'na\u0000me', field: 'name' },
            { column: 'domain', field: 'domain' },
          ],
        ),
      ),
    ).toEqual([
      '/mapping: Column "na\\u0000me" has control characters in its name; rename it in the file.',
    ]);
  });

  it('maps an accounts export by its header and leaves the read-only columns out', () => {
    const mapping = resolveImportMapping('accounts', accountExportHeader, []);
    expect(mapping.map((entry) => entry.column)).toEqual(
      accountExportHeader.filter((column) => !['id', 'createdAt', 'updatedAt'].includes(column)),
    );
    expect(mapping.every(({ column, field }) => column === field)).toBe(true);
  });

  it('maps a contacts export, account name and account id both', () => {
    const fields = resolveImportMapping('contacts', contactExportHeader, []).map((m) => m.field);
    expect(fields).toEqual([
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
    ]);
  });

  it('recognises the headers other tools write', () => {
    const mapping = resolveImportMapping(
      'contacts',
      ['E-Mail', 'Given name', 'Surname', 'Company', 'Notes'],
      [],
    );
    expect(mapping).toEqual([
      { column: 'E-Mail', field: 'email' },
      { column: 'Given name', field: 'firstName' },
      { column: 'Surname', field: 'lastName' },
      { column: 'Company', field: 'account' },
    ]);
  });

  it('takes an explicit mapping in file order; an empty field leaves the column out', () => {
    const mapping = resolveImportMapping(
      'accounts',
      ['Firma', 'Web', 'Kommentar'],
      [
        { column: 'Web', field: 'domain' },
        { column: 'Firma', field: 'name' },
        { column: 'Kommentar', field: '' },
      ],
    );
    expect(mapping).toEqual([
      { column: 'Firma', field: 'name' },
      { column: 'Web', field: 'domain' },
    ]);
  });

  it('names every problem of an explicit mapping at once', () => {
    const messages = validationMessages(() =>
      resolveImportMapping(
        'accounts',
        ['Firma', 'Web'],
        [
          { column: 'Firma', field: 'name' },
          { column: 'Firma', field: 'notes' },
          { column: 'Missing', field: 'domain' },
          { column: 'Web', field: 'id' },
        ],
      ),
    );
    expect(messages).toEqual([
      '/mapping/1: Column "Firma" is mapped twice.',
      '/mapping: Column "Missing" is not in the file\'s header.',
      '/mapping: Column "Web" is mapped to "id", which is not a known field.',
    ]);
  });

  it('refuses a mapping that can neither match nor create a record', () => {
    expect(
      validationMessages(() => resolveImportMapping('contacts', ['Phone', 'Title'], [])),
    ).toEqual(['/mapping: Map a column to at least one of email, firstName, lastName.']);
  });
});

describe('mappedColumns', () => {
  it('finds the stored mapping in the header again, with each column position', () => {
    const mapping = resolveImportMapping('contacts', contactExportHeader, []);
    const columns = mappedColumns('contacts', contactExportHeader, mapping);
    expect(columns.find((column) => column.field === 'email')).toEqual({
      index: 3,
      header: 'email',
      field: 'email',
    });
  });
});
