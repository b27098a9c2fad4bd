import { describe, expect, it } from 'vitest';
import {
  emptyAccountForm,
  tidyAddress,
  toCreateAccountInput,
  validateAddress,
  validateName,
} from './account-form.js';

describe('validateName', () => {
  it('requires 1 to 200 characters after trimming', () => {
    expect(validateName('')).toBe('Name is required');
    expect(validateName('   ')).toBe('Name is required');
    expect(validateName('A')).toBeNull();
    expect(validateName(` ${'n'.repeat(200)} `)).toBeNull();
    expect(validateName('n'.repeat(201))).toBe('Name must be at most 200 characters');
  });
});

describe('addresses', () => {
  it('is null when every part is blank, else trimmed with the country upper-cased', () => {
    expect(tidyAddress({ street: ' ', city: '', region: '', postalCode: '', country: ' ' })).toBe(
      null,
    );
    expect(
      tidyAddress({
        street: ' Main St 1 ',
        city: 'Berlin',
        region: '',
        postalCode: '',
        country: 'de',
      }),
    ).toEqual({ street: 'Main St 1', city: 'Berlin', region: '', postalCode: '', country: 'DE' });
  });

  it('checks each part against the server limits', () => {
    expect(
      validateAddress({
        street: 's'.repeat(201),
        city: 'Berlin',
        region: '',
        postalCode: '1'.repeat(21),
        country: 'Germany',
      }),
    ).toEqual({
      street: 'Street must be at most 200 characters',
      postalCode: 'Postal code must be at most 20 characters',
      country: 'Enter a two-letter country code such as DE',
    });
  });
});

describe('toCreateAccountInput', () => {
  it('trims what was typed, lower-cases the domain and leaves blank fields out', () => {
    expect(
      toCreateAccountInput({
        ...emptyAccountForm(null),
        name: ' Acme ',
        domain: ' HTTPS://Acme.com/x ',
        tags: ['VIP', ' vip '],
        address: { street: '', city: ' Berlin ', region: '', postalCode: '', country: 'de' },
      }),
    ).toEqual({
      name: 'Acme',
      domain: 'https://acme.com/x',
      status: 'prospect',
      tags: ['vip'],
      address: { street: '', city: 'Berlin', region: '', postalCode: '', country: 'DE' },
    });
    expect(toCreateAccountInput({ ...emptyAccountForm('u1'), name: 'Acme', domain: '  ' })).toEqual(
      { name: 'Acme', status: 'prospect', ownerId: 'u1' },
    );
  });
});
