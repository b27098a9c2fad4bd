import { describe, expect, it } from 'vitest';
import { csvRows } from '@crm/csv';
import {
  Account,
  AccountStatus,
  CompanySize,
  type Account as AccountMessage,
} from '@crm/proto/crm/accounts/v1/accounts';
import {
  accountCsvColumns,
  accountFromJson,
  createAccountBodySchema,
  listAccountsQuerySchema,
  toAccountResponse,
  toCreateAccountRequest,
  toUpdateAccountRequest,
  updateAccountBodySchema,
} from './account-schemas.js';

const message: AccountMessage = {
  id: 'a1',
  name: 'Acme',
  domain: 'acme.example',
  ownerId: 'u1',
  createdAt: '2026-01-02T03:04:05.000Z',
  updatedAt: '2026-01-03T03:04:05.000Z',
  version: '12',
  industry: 'Manufacturing',
  size: CompanySize.COMPANY_SIZE_51_200,
  address: {
    street: '1 Main St',
    city: 'Springfield',
    region: '',
    postalCode: '12345',
    country: 'US',
  },
  phone: undefined,
  website: 'https://acme.example',
  status: AccountStatus.ACCOUNT_STATUS_FORMER_CUSTOMER,
  tags: ['b2b', 'key'],
  notes: 'Met at a fair',
  contactCount: 3,
};

describe('account JSON', () => {
  it('names enums in lower case, versions as numbers and absent values as null', () => {
    expect(toAccountResponse(message)).toEqual({
      id: 'a1',
      name: 'Acme',
      domain: 'acme.example',
      industry: 'Manufacturing',
      size: '51-200',
      address: {
        street: '1 Main St',
        city: 'Springfield',
        region: '',
        postalCode: '12345',
        country: 'US',
      },
      phone: null,
      website: 'https://acme.example',
      ownerId: 'u1',
      status: 'former_customer',
      tags: ['b2b', 'key'],
      notes: 'Met at a fair',
      contactCount: 3,
      version: 12,
      createdAt: '2026-01-02T03:04:05.000Z',
      updatedAt: '2026-01-03T03:04:05.000Z',
    });
    expect(
      toAccountResponse({
        ...message,
        size: CompanySize.COMPANY_SIZE_UNSPECIFIED,
        address: undefined,
      }),
    ).toMatchObject({ size: null, address: null });
  });

  it('reads accounts named in error extensions from their proto JSON', () => {
    expect(accountFromJson(Account.toJSON(message) as never)).toEqual(toAccountResponse(message));
  });

  it('creates with defaults the service understands', () => {
    const body = createAccountBodySchema.parse({ name: '  Acme  ', size: '5001+', tags: ['x'] });
    expect(toCreateAccountRequest(body)).toEqual({
      name: 'Acme',
      domain: undefined,
      ownerId: undefined,
      industry: undefined,
      size: CompanySize.COMPANY_SIZE_5001_PLUS,
      address: undefined,
      phone: undefined,
      website: undefined,
      status: AccountStatus.ACCOUNT_STATUS_UNSPECIFIED,
      tags: ['x'],
      notes: '',
      allowDuplicate: false,
    });
  });

  it('updates only the fields sent, clearing those sent as null', () => {
    const body = updateAccountBodySchema.parse({
      domain: null,
      size: null,
      address: null,
      status: 'customer',
      tags: [],
      version: 4,
    });
    const { version, ...fields } = body;
    expect(version).toBe(4);
    expect(toUpdateAccountRequest('a1', 4, fields)).toEqual({
      id: 'a1',
      expectedVersion: '4',
      name: undefined,
      domain: '',
      ownerId: undefined,
      industry: undefined,
      size: CompanySize.COMPANY_SIZE_UNSPECIFIED,
      address: { street: '', city: '', region: '', postalCode: '', country: '' },
      phone: undefined,
      website: undefined,
      status: AccountStatus.ACCOUNT_STATUS_CUSTOMER,
      tags: { values: [] },
      notes: undefined,
      allowDuplicate: false,
    });
    expect(updateAccountBodySchema.safeParse({ name: 'x', colour: 'red' }).success).toBe(false);
    expect(updateAccountBodySchema.safeParse({ name: null }).success).toBe(false);
  });

  it('takes repeated filters as lists and a single one as a list of one', () => {
    expect(
      listAccountsQuerySchema.parse({ tag: ['a', 'b'], status: 'customer', ownerId: 'u1' }),
    ).toMatchObject({ tag: ['a', 'b'], status: ['customer'], ownerId: ['u1'] });
    expect(listAccountsQuerySchema.safeParse({ status: ['customer', 'lead'] }).success).toBe(false);
  });

  it('exports the columns an import reads back, tags joined by ";"', async () => {
    let csv = '';
    for await (const chunk of csvRows(accountCsvColumns, [toAccountResponse(message)])) {
      csv += chunk;
    }
    const [header, row] = csv.trimEnd().split('\r\n');
    expect(header).toBe(
      'id,name,domain,industry,size,status,tags,phone,website,street,city,region,postalCode,country,ownerId,notes,createdAt,updatedAt',
    );
    expect(row).toBe(
      'a1,Acme,acme.example,Manufacturing,51-200,former_customer,"b2b;key",,https://acme.example,1 Main St,Springfield,,12345,US,u1,Met at a fair,2026-01-02T03:04:05.000Z,2026-01-03T03:04:05.000Z',
    );
  });
});
