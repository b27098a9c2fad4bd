import { describe, expect, it } from 'vitest';
import { DomainError } from '@crm/errors';
import type { AccountFields } from './account-fields.js';
import type { ContactFields } from './contact.js';
import { changedFields } from './field-change.js';
import { mergeAccountFields, mergeContactFields } from './merge.js';

const account = (fields: Partial<AccountFields>): AccountFields => ({
  name: 'Acme',
  domain: null,
  industry: null,
  size: null,
  address: null,
  phone: null,
  website: null,
  ownerId: null,
  status: 'prospect',
  tags: [],
  notes: '',
  ...fields,
});

/** The error `merge` fails with. */
const refusal = (merge: () => unknown): DomainError => {
  try {
    merge();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected the merge to be refused');
};

const contact = (fields: Partial<ContactFields>): ContactFields => ({
  accountId: null,
  firstName: '',
  lastName: '',
  email: null,
  otherEmails: [],
  phone: null,
  otherPhones: [],
  title: null,
  ownerId: null,
  primary: false,
  ...fields,
});

describe('mergeAccountFields', () => {
  it('keeps the survivor values, fills its empty fields, unites tags and keeps both notes', () => {
    const survivor = account({ domain: 'acme.com', tags: ['vip'], notes: 'Ours.' });
    const merged = account({
      name: 'ACME Ltd',
      domain: 'acme.co.uk',
      industry: 'Retail',
      status: 'customer',
      tags: ['retail', 'vip'],
      notes: 'Theirs.',
      address: { street: '', city: 'Leeds', region: '', postalCode: '', country: 'GB' },
    });
    expect(mergeAccountFields(survivor, merged)).toEqual({
      ...survivor,
      industry: 'Retail',
      address: merged.address,
      tags: ['retail', 'vip'],
      notes: 'Ours.\n\nTheirs.',
    });
  });

  it('refuses a survivor with more tags or longer notes than an account may have', () => {
    const tags = (prefix: string) => Array.from({ length: 30 }, (_, i) => `${prefix}${i}`);
    const tooManyTags = refusal(() =>
      mergeAccountFields(account({ tags: tags('a') }), account({ tags: tags('b') })),
    );
    expect(tooManyTags).toMatchObject({ code: 'failed_precondition' });
    expect(tooManyTags.message).toContain('remove 10 tags');
    expect(tooManyTags.fieldErrors.map((e) => e.path)).toEqual(['/tags']);

    const longNotes = refusal(() =>
      mergeAccountFields(
        account({ notes: 'a'.repeat(6_000) }),
        account({ notes: 'b'.repeat(4_000) }),
      ),
    );
    expect(longNotes.fieldErrors.map((e) => e.path)).toEqual(['/notes']);
    // The two blank lines between them count too.
    expect(longNotes.message).toContain('by 2 characters');
    expect(
      mergeAccountFields(
        account({ notes: 'a'.repeat(5_000) }),
        account({ notes: 'b'.repeat(4_998) }),
      ).notes,
    ).toHaveLength(10_000);
  });
});

describe('mergeContactFields', () => {
  it('unites addresses and numbers, the survivor first', () => {
    const survivor = contact({ lastName: 'Lovelace', email: 'ada@a.org', phone: '555 0100' });
    const merged = contact({
      firstName: 'Ada',
      lastName: 'King',
      email: 'ada@b.org',
      otherEmails: ['ada@a.org', 'countess@c.org'],
      otherPhones: ['555-0100', '555 0199'],
      title: 'Countess',
    });
    expect(mergeContactFields(survivor, merged)).toEqual({
      ...survivor,
      firstName: 'Ada',
      otherEmails: ['ada@b.org', 'countess@c.org'],
      otherPhones: ['555 0199'],
      title: 'Countess',
    });
  });

  it('takes over as primary contact of the account the merged contact led', () => {
    const acme = '0193a1b2-0000-7000-8000-00000000000a';
    expect(
      mergeContactFields(contact({ lastName: 'A' }), contact({ accountId: acme, primary: true })),
    ).toMatchObject({ accountId: acme, primary: true });
    const other = '0193a1b2-0000-7000-8000-00000000000b';
    expect(
      mergeContactFields(
        contact({ lastName: 'A', accountId: other }),
        contact({ accountId: acme, primary: true }),
      ).primary,
    ).toBe(false);
  });

  it('refuses a survivor with more other addresses or numbers than a contact may have', () => {
    const emails = (host: string) => Array.from({ length: 11 }, (_, i) => `p${i}@${host}`);
    const tooManyEmails = refusal(() =>
      mergeContactFields(
        contact({ email: 'a@a.org', otherEmails: emails('a.org') }),
        contact({ email: 'b@b.org', otherEmails: emails('b.org') }),
      ),
    );
    expect(tooManyEmails).toMatchObject({ code: 'failed_precondition' });
    expect(tooManyEmails.fieldErrors.map((e) => e.path)).toEqual(['/otherEmails']);
    expect(tooManyEmails.message).toContain('remove 3');

    const phones = (area: string) => Array.from({ length: 11 }, (_, i) => `${area} 01${i}`);
    const tooManyPhones = refusal(() =>
      mergeContactFields(
        contact({ otherPhones: phones('555') }),
        contact({ otherPhones: phones('666') }),
      ),
    );
    expect(tooManyPhones.fieldErrors.map((e) => e.path)).toEqual(['/otherPhones']);
  });
});

describe('changedFields', () => {
  it('names the fields that differ, with JSON values, whatever the key order', () => {
    const before = account({
      tags: ['a'],
      address: { street: 's', city: '', region: '', postalCode: '', country: '' },
    });
    const after = account({
      tags: ['a', 'b'],
      address: { country: '', postalCode: '', region: '', city: '', street: 's' },
      domain: 'acme.com',
    });
    expect(changedFields(before, after, ['name', 'domain', 'address', 'tags'])).toEqual([
      { field: 'domain', before: null, after: 'acme.com' },
      { field: 'tags', before: ['a'], after: ['a', 'b'] },
    ]);
  });
});
