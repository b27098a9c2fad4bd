import { describe, expect, it } from 'vitest';
import { CsvMappingError } from './errors.js';
import {
  mapHeaders,
  normalizeHeader,
  pickFields,
  resolveMapping,
  type CsvMapping,
  type CsvTarget,
} from './header-mapping.js';

const targets: CsvTarget[] = [
  { field: 'firstName', aliases: ['First name', 'Given name', 'Prénom'], required: true },
  { field: 'lastName', aliases: ['Last name', 'Surname', 'Family name'], required: true },
  { field: 'email', aliases: ['E-mail', 'Email address', 'Mail'] },
  { field: 'phone', aliases: ['Telephone', 'Phone number', 'Tel'] },
];

function mappingError(header: string[], mapping: CsvMapping): CsvMappingError {
  try {
    resolveMapping(header, targets, mapping);
  } catch (error) {
    if (error instanceof CsvMappingError) return error;
    throw error;
  }
  throw new Error('expected a CsvMappingError');
}

describe('normalizeHeader', () => {
  it.each([
    ['E-mail', 'email'],
    ['  EMAIL  ', 'email'],
    ['e_mail', 'email'],
    ['First Name', 'firstname'],
    ['firstName', 'firstname'],
    ['Prénom', 'prenom'],
    ['Téléphone (mobile)', 'telephonemobile'],
  ])('%j → %j', (text, normalized) => {
    expect(normalizeHeader(text)).toBe(normalized);
  });
});

describe('mapHeaders', () => {
  it('matches field names and aliases ignoring case, spaces, punctuation and accents', () => {
    const suggestion = mapHeaders(['E-Mail', 'PRENOM', 'last_name', 'Company', 'tel.'], targets);
    expect(suggestion).toEqual({
      mapping: {
        'E-Mail': 'email',
        PRENOM: 'firstName',
        last_name: 'lastName',
        Company: null,
        'tel.': 'phone',
      },
      missingRequired: [],
    });
  });

  it('uses each field once and leaves repeated headers unmapped', () => {
    const suggestion = mapHeaders(['Email', 'E-mail', 'Surname', 'Surname'], targets);
    expect(suggestion.mapping).toEqual({ Email: 'email', 'E-mail': null, Surname: null });
    expect(suggestion.missingRequired).toEqual(['firstName', 'lastName']);
  });

  it('keeps a header named __proto__ as plain data', () => {
    const suggestion = mapHeaders(['__proto__', 'email'], targets);
    expect(Object.keys(suggestion.mapping)).toEqual(['__proto__', 'email']);
    expect(Object.getPrototypeOf(suggestion.mapping)).toBe(Object.prototype);
  });

  it('produces a suggestion that resolves when every required field matched', () => {
    const header = ['Last name', 'Notes', 'Given name', 'Mail'];
    const { mapping } = mapHeaders(header, targets);
    expect(resolveMapping(header, targets, mapping)).toEqual([
      { index: 0, header: 'Last name', field: 'lastName' },
      { index: 2, header: 'Given name', field: 'firstName' },
      { index: 3, header: 'Mail', field: 'email' },
    ]);
  });
});

describe('resolveMapping', () => {
  const header = ['Vorname', 'Nachname', 'Mail', 'Mail', 'Notiz'];

  it('accepts a user mapping, ignoring unmapped and null columns', () => {
    const columns = resolveMapping(header, targets, {
      Vorname: 'firstName',
      Nachname: 'lastName',
      Notiz: null,
      Mail: null,
    });
    expect(columns).toEqual([
      { index: 0, header: 'Vorname', field: 'firstName' },
      { index: 1, header: 'Nachname', field: 'lastName' },
    ]);
    expect(pickFields(columns, ['Ada', 'Lovelace', 'a@x', 'b@x'])).toEqual({
      firstName: 'Ada',
      lastName: 'Lovelace',
    });
    expect(pickFields(columns, ['Ada'])).toEqual({ firstName: 'Ada', lastName: '' });
  });

  it('reports every problem at once', () => {
    const error = mappingError(header, {
      Vorname: 'firstName',
      Nachname: 'firstName',
      Mail: 'email',
      Notiz: 'notes',
      Telefon: 'phone',
    });
    expect(error.issues.map((issue) => [issue.code, issue.column, issue.field])).toEqual([
      ['duplicate_field', 'Nachname', 'firstName'],
      ['ambiguous_column', 'Mail', undefined],
      ['unknown_field', 'Notiz', 'notes'],
      ['unknown_column', 'Telefon', undefined],
      ['missing_required', undefined, 'lastName'],
    ]);
    expect(error.message).toContain(
      'Columns "Vorname" and "Nachname" are both mapped to "firstName".',
    );
    expect(error.message).toContain('Required field "lastName" is not mapped to any column.');
  });
});
