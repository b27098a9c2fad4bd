import { describe, expect, it } from 'vitest';
import { DomainError } from '@crm/errors';
import {
  applyContactPatch,
  parseContactPatch,
  parseNewContact,
  type ContactFields,
} from './contact.js';

const accountId = '0193a1b2-0000-7000-8000-00000000000a';

const pathsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.fieldErrors.map((e) => e.path);
    throw error;
  }
  throw new Error('expected a DomainError');
};

const ada: ContactFields = {
  accountId,
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.com',
  otherEmails: [],
  phone: null,
  otherPhones: [],
  title: null,
  ownerId: null,
  primary: true,
};

describe('parseNewContact', () => {
  it('normalises names, addresses and numbers, never repeating the primary ones', () => {
    expect(
      parseNewContact({
        accountId: accountId.toUpperCase(),
        firstName: ' Ada ',
        lastName: 'Lovelace',
        email: ' ADA@Example.com ',
        otherEmails: ['ada@example.com', 'Countess@Example.org', 'countess@example.org', ''],
        phone: '+44 20 7946 0958',
        otherPhones: ['+44 (20) 7946-0958', '020 7946 0000'],
        title: ' Analyst ',
        primary: true,
      }),
    ).toEqual({
      accountId,
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@example.com',
      otherEmails: ['countess@example.org'],
      phone: '+44 20 7946 0958',
      otherPhones: ['020 7946 0000'],
      title: 'Analyst',
      ownerId: null,
      primary: true,
    });
  });

  it('promotes the first other address or number when the primary one is missing', () => {
    const contact = parseNewContact({
      lastName: 'Hopper',
      otherEmails: ['grace@navy.mil', 'g@example.com'],
      otherPhones: ['555 0100'],
    });
    expect(contact).toMatchObject({
      email: 'grace@navy.mil',
      otherEmails: ['g@example.com'],
      phone: '555 0100',
      otherPhones: [],
    });
  });

  it('needs a name or an address, and an account to be its primary contact', () => {
    expect(pathsOf(() => parseNewContact({ firstName: ' ', lastName: '' }))).toEqual(['/lastName']);
    expect(parseNewContact({ email: 'ops@example.com' }).email).toBe('ops@example.com');
    expect(pathsOf(() => parseNewContact({ lastName: 'Hopper', primary: true }))).toEqual([
      '/primary',
    ]);
  });

  it('reports every field at fault', () => {
    expect(
      pathsOf(() =>
        parseNewContact({
          accountId: 'acme',
          firstName: 'x'.repeat(101),
          email: 'not-an-address',
          otherEmails: ['also@bad'],
          phone: '12',
          title: 'Boss\u0007',
        }),
      ),
    ).toEqual(['/accountId', '/firstName', '/email', '/otherEmails', '/phone', '/title']);
  });

  it('bounds the other addresses', () => {
    const many = Array.from({ length: 21 }, (_, i) => `a${i}@example.com`);
    expect(pathsOf(() => parseNewContact({ lastName: 'X', otherEmails: many }))).toEqual([
      '/otherEmails',
    ]);
  });
});

describe('applyContactPatch', () => {
  it('applies the fields given and keeps the rest', () => {
    const patch = parseContactPatch({
      title: 'Countess',
      otherEmails: ['ADA@example.com', 'l@x.org'],
    });
    expect(applyContactPatch(ada, patch)).toEqual({
      ...ada,
      title: 'Countess',
      otherEmails: ['l@x.org'],
    });
  });

  it('ends being the primary contact when leaving the account, unless the patch insists', () => {
    expect(applyContactPatch(ada, parseContactPatch({ accountId: '' }))).toMatchObject({
      accountId: null,
      primary: false,
    });
    const other = '0193a1b2-0000-7000-8000-00000000000b';
    expect(applyContactPatch(ada, parseContactPatch({ accountId: other })).primary).toBe(false);
    expect(
      applyContactPatch(ada, parseContactPatch({ accountId: other, primary: true })).primary,
    ).toBe(true);
    expect(
      pathsOf(() => applyContactPatch(ada, parseContactPatch({ accountId: '', primary: true }))),
    ).toEqual(['/primary']);
  });

  it('refuses a contact left without name or address', () => {
    expect(
      pathsOf(() =>
        applyContactPatch(ada, parseContactPatch({ firstName: '', lastName: '', email: '' })),
      ),
    ).toEqual(['/lastName']);
  });
});
