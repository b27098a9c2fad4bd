import { describe, expect, it } from 'vitest';
import { csvRows } from '@crm/csv';
import type { Contact } from '@crm/proto/crm/accounts/v1/contacts';
import {
  contactCsvColumns,
  contactDuplicatesQuerySchema,
  toContactResponse,
  toUpdateContactRequest,
  updateContactBodySchema,
} from './contact-schemas.js';

const message: Contact = {
  id: 'c1',
  accountId: 'a1',
  accountName: '=Acme',
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@acme.example',
  otherEmails: ['ada@home.example'],
  phone: '+44 20 7946 0000',
  otherPhones: [],
  title: undefined,
  ownerId: undefined,
  primary: true,
  createdAt: '2026-01-02T03:04:05.000Z',
  updatedAt: '2026-01-02T03:04:05.000Z',
  version: '1',
};

describe('contact JSON', () => {
  it('maps the message, with the account name read-only beside the id', () => {
    expect(toContactResponse(message)).toMatchObject({
      accountId: 'a1',
      accountName: '=Acme',
      title: null,
      ownerId: null,
      primary: true,
      version: 1,
    });
  });

  it('exports the account by name and lists joined by ";", formula-safe', async () => {
    let csv = '';
    for await (const chunk of csvRows(contactCsvColumns, [toContactResponse(message)])) {
      csv += chunk;
    }
    const [header, row] = csv.trimEnd().split('\r\n');
    expect(header).toBe(
      'id,firstName,lastName,email,otherEmails,phone,otherPhones,title,account,accountId,ownerId,primary,createdAt,updatedAt',
    );
    expect(row).toBe(
      "c1,Ada,Lovelace,ada@acme.example,ada@home.example,'+44 20 7946 0000,,,'=Acme,a1,,true,2026-01-02T03:04:05.000Z,2026-01-02T03:04:05.000Z",
    );
  });

  it('moves a contact off its account with accountId null', () => {
    const { version, ...fields } = updateContactBodySchema.parse({
      accountId: null,
      otherEmails: ['x@example.com'],
      version: 2,
    });
    expect(toUpdateContactRequest('c1', version ?? 0, fields)).toMatchObject({
      expectedVersion: '2',
      accountId: '',
      otherEmails: { values: ['x@example.com'] },
      otherPhones: undefined,
      email: undefined,
    });
  });

  it('checks duplicates for one or several addresses', () => {
    expect(contactDuplicatesQuerySchema.parse({ email: 'a@x.example' }).email).toEqual([
      'a@x.example',
    ]);
    expect(
      contactDuplicatesQuerySchema.parse({ email: ['a@x.example', 'b@x.example'] }).email,
    ).toHaveLength(2);
  });
});
