import { describe, expect, it } from 'vitest';
import { DomainError } from '@crm/errors';
import {
  accountInputOf,
  booleanCell,
  contactInputOf,
  fieldOfPath,
  rowErrorsOf,
} from './import-rows.js';

describe('accountInputOf', () => {
  it('gives only mapped fields; empty cells clear, an empty status is left out', () => {
    expect(
      accountInputOf({ name: ' Acme ', domain: '', status: ' ', tags: 'a; b;;c' }, null),
    ).toEqual({
      name: ' Acme ',
      domain: '',
      tags: ['a', ' b', '', 'c'],
    });
  });

  it('keeps the address parts a file does not map', () => {
    const current = {
      street: '1 Main St',
      city: 'Springfield',
      region: '',
      postalCode: '12345',
      country: 'US',
    };
    expect(accountInputOf({ city: 'Shelbyville', country: '' }, current).address).toEqual({
      street: '1 Main St',
      city: 'Shelbyville',
      region: '',
      postalCode: '12345',
      country: '',
    });
    expect(accountInputOf({ name: 'Acme' }, current).address).toBeUndefined();
  });
});

describe('contactInputOf', () => {
  it('splits list cells and reads primary', () => {
    expect(
      contactInputOf({
        email: 'a@x.io',
        otherEmails: 'b@x.io;c@x.io',
        otherPhones: '',
        primary: 'TRUE',
      }),
    ).toEqual({
      email: 'a@x.io',
      otherEmails: ['b@x.io', 'c@x.io'],
      otherPhones: [''],
      primary: true,
    });
  });

  it('refuses a primary that is neither yes nor no', () => {
    expect(() => contactInputOf({ primary: 'maybe' })).toThrow(DomainError);
  });
});

describe('booleanCell', () => {
  it.each([
    ['true', true],
    [' Yes ', true],
    ['x', true],
    ['1', true],
    ['false', false],
    ['', false],
    ['no', false],
    ['perhaps', undefined],
  ])('%j → %j', (text, expected) => {
    expect(booleanCell(text)).toBe(expected);
  });
});

describe('row errors', () => {
  it('names the import field a domain path points at', () => {
    expect(fieldOfPath('/address/postalCode')).toBe('postalCode');
    expect(fieldOfPath('/email')).toBe('email');
    expect(fieldOfPath('')).toBe('');
  });

  it('turns a validation failure into one error per field', () => {
    const error = DomainError.validation([
      { path: '/name', message: 'must not be empty' },
      {
        path: '/address/country',
        message: 'must be a two-letter ISO 3166 country code such as DE',
      },
    ]);
    expect(rowErrorsOf(7, error)).toEqual([
      { row: 7, field: 'name', message: 'must not be empty' },
      {
        row: 7,
        field: 'country',
        message: 'must be a two-letter ISO 3166 country code such as DE',
      },
    ]);
  });

  it('rethrows what is not the row fault', () => {
    const failure = new Error('connection lost');
    expect(() => rowErrorsOf(1, failure)).toThrow(failure);
  });
});
