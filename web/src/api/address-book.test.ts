import { describe, expect, it } from 'vitest';
import { makeAccount, makeContact } from '../test/address-book-fixtures.js';
import { jsonResponse, problemResponse, stubFetch } from '../test/fetch-stub.js';
import {
  accountSchema,
  accountsCsvUrl,
  createAccount,
  listAccounts,
  mergeAccounts,
  updateAccount,
} from './accounts.js';
import { ApiError } from './api-error.js';
import { contactsCsvUrl, findDuplicateContacts } from './contacts.js';
import { setCsrfToken } from './http.js';
import { startImport } from './imports.js';
import { conflictIn, duplicatesIn } from './problems.js';

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

describe('accounts client', () => {
  it('sends every filter value as a repeated parameter', async () => {
    const requests = stubFetch(() => jsonResponse(200, { items: [], nextCursor: null }));

    await listAccounts({
      q: 'acme',
      sort: 'name',
      filters: { ownerId: ['u1', 'u2'], status: ['customer'], tag: ['vip'], industry: ['Retail'] },
      limit: 50,
    });

    expect(requests[0]?.url).toBe(
      '/api/v1/accounts?q=acme&sort=name&ownerId=u1&ownerId=u2&status=customer&tag=vip&industry=Retail&limit=50',
    );
  });

  it('exports the same filtered list as CSV, without paging', () => {
    expect(
      accountsCsvUrl({
        q: '',
        sort: '-createdAt',
        filters: { ownerId: [], status: ['prospect'], tag: [], industry: [] },
      }),
    ).toBe('/api/v1/accounts?status=prospect&format=csv');
    expect(
      contactsCsvUrl({ q: 'ada', sort: 'lastName', filters: { accountId: ['a1'], ownerId: [] } }),
    ).toBe('/api/v1/contacts?q=ada&sort=lastName&accountId=a1&format=csv');
  });

  it('reads 64-bit counts written as decimal strings', () => {
    const parsed = accountSchema.parse({
      ...makeAccount({ id: 'a1', name: 'Acme' }),
      version: '7',
    });
    expect(parsed.version).toBe(7);
  });

  it('sends the version read with a change, and a merge with both versions', async () => {
    setCsrfToken('csrf-1');
    const acme = makeAccount({ id: 'a1', name: 'Acme', version: 4 });
    const requests = stubFetch(() => jsonResponse(200, acme));

    await updateAccount('a1', { phone: null }, 3);
    await mergeAccounts({ id: 'a1', version: 4 }, { id: 'a2', version: 9 });

    expect(requests.map(({ method, url, body }) => ({ method, url, body }))).toEqual([
      { method: 'PATCH', url: '/api/v1/accounts/a1', body: { phone: null, version: 3 } },
      {
        method: 'POST',
        url: '/api/v1/accounts/a1/merge',
        body: { mergedId: 'a2', version: 4, mergedVersion: 9 },
      },
    ]);
  });
});

describe('problem extension members', () => {
  it('finds the duplicates a refused create names', async () => {
    setCsrfToken('csrf-1');
    const existing = makeAccount({ id: 'a9', name: 'Acme GmbH', domain: 'acme.com' });
    stubFetch(() =>
      problemResponse(409, {
        type: 'urn:crm:problem:already-exists',
        title: 'Already exists',
        detail: 'An account with this domain exists.',
        duplicates: [existing],
      }),
    );

    const error = await failureOf(createAccount({ name: 'Acme', domain: 'acme.com' }));

    expect(error).toBeInstanceOf(ApiError);
    expect(duplicatesIn(error, accountSchema)).toEqual([existing]);
    expect(conflictIn(error, accountSchema)).toBeNull();
  });

  it('finds the current version (and record) of a stale write', async () => {
    setCsrfToken('csrf-1');
    const current = makeAccount({ id: 'a1', name: 'Acme Corp', version: 5 });
    stubFetch(() =>
      problemResponse(409, { title: 'Conflict', detail: 'Stale', currentVersion: 5, current }),
    );

    const error = await failureOf(updateAccount('a1', { name: 'Acme' }, 4));

    expect(conflictIn(error, accountSchema)).toEqual({ currentVersion: 5, current });
    expect(duplicatesIn(error, accountSchema)).toBeNull();
  });

  it('ignores other errors and malformed members', () => {
    const notFound = new ApiError({ status: 404, title: 'Not found' });
    const odd = new ApiError({
      status: 409,
      title: 'Conflict',
      extensions: { currentVersion: 'soon', duplicates: [{ id: 1 }] },
    });
    expect(duplicatesIn(notFound, accountSchema)).toBeNull();
    expect(conflictIn(odd, accountSchema)).toBeNull();
    expect(duplicatesIn(odd, accountSchema)).toBeNull();
  });
});

describe('contacts and imports clients', () => {
  it('asks for duplicates of every typed address', async () => {
    const ada = makeContact({ id: 'c1', firstName: 'Ada', email: 'ada@example.com' });
    const requests = stubFetch(() => jsonResponse(200, { items: [ada] }));

    await expect(
      findDuplicateContacts({ emails: ['ada@example.com', 'ada@work.example'], excludeId: 'c2' }),
    ).resolves.toEqual([ada]);
    expect(requests[0]?.url).toBe(
      '/api/v1/contacts/duplicates?email=ada%40example.com&email=ada%40work.example&excludeId=c2',
    );
  });

  it('starts an import as multipart: entity, mapping as JSON text, dry run flag, then the file', async () => {
    setCsrfToken('csrf-1');
    const requests = stubFetch(() =>
      jsonResponse(202, {
        id: 'imp1',
        entity: 'contacts',
        status: 'queued',
        dryRun: true,
        fileName: 'people.csv',
        mapping: [{ column: 'Mail', field: 'email' }],
        totalRows: '0',
        processedRows: 0,
        createdCount: 0,
        updatedCount: 0,
        errorCount: 0,
        unchangedCount: 0,
        createdBy: 'u1',
        createdAt: '2025-03-04T10:00:00Z',
        failure: null,
        undoSkippedCount: 0,
        errors: [],
      }),
    );
    const file = new File(['Mail\nada@example.com\n'], 'people.csv', { type: 'text/csv' });

    const job = await startImport({
      entity: 'contacts',
      file,
      mapping: [{ column: 'Mail', field: 'email' }],
      dryRun: true,
    });

    expect(job).toMatchObject({ id: 'imp1', status: 'queued', finishedAt: null, totalRows: 0 });
    const form = requests[0]?.form;
    expect(requests[0]?.headers['content-type']).toBeUndefined();
    expect([...(form?.keys() ?? [])]).toEqual(['entity', 'mapping', 'dryRun', 'file']);
    expect(form?.get('mapping')).toBe('[{"column":"Mail","field":"email"}]');
    expect(form?.get('dryRun')).toBe('true');
    expect((form?.get('file') as File).name).toBe('people.csv');
  });
});
