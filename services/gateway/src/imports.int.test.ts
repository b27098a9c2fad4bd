import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quietLogger, uniqueName, waitFor } from '@crm/testing';
import {
  startCrmStack,
  type CrmStack,
  type HttpSession,
  type Problem,
} from './crm-stack.test-support.js';

interface Preview {
  columns: string[];
  sampleRows: string[][];
  suggestedMapping: Array<{ column: string; field: string }>;
  fields: string[];
}

interface ImportJob {
  id: string;
  entity: string;
  status: string;
  dryRun: boolean;
  fileName: string;
  mapping: Array<{ column: string; field: string }>;
  totalRows: number;
  processedRows: number;
  createdCount: number;
  updatedCount: number;
  unchangedCount: number;
  errorCount: number;
  createdBy: string;
  finishedAt: string | null;
  errors: Array<{ row: number; field: string | null; message: string }>;
}

interface Account {
  id: string;
  name: string;
  domain: string | null;
  size: string | null;
  tags: string[];
}

/** A name that may also be part of a domain or an email address. */
const slug = (prefix: string) => uniqueName(prefix).replaceAll('_', '-');

const MAX_BYTES = 256 * 1024;

function csvForm(csv: string, fields: Record<string, string>, fileName = 'people.csv'): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  form.set('file', new Blob([csv], { type: 'text/csv' }), fileName);
  return form;
}

describe('imports through the gateway', () => {
  const logger = quietLogger('gateway');
  let stack: CrmStack;
  let admin: HttpSession;

  const uploads = async () =>
    (await stack.storage.list('imports/')).objects.map((object) => object.key);
  const startImport = async (form: FormData): Promise<ImportJob> => {
    const started = await admin.request<ImportJob>('POST', '/api/v1/imports', form);
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    return started.body;
  };
  /** Polls the job as a client would until it reaches `status`. */
  const settled = (id: string, status: string) =>
    waitFor(
      async () => {
        const job = (await admin.request<ImportJob>('GET', `/api/v1/imports/${id}`)).body;
        if (job.status === 'failed' && status !== 'failed') throw new Error(JSON.stringify(job));
        return job.status === status ? job : undefined;
      },
      { what: `import ${id} ${status}` },
    );
  const accountsTagged = async (tag: string) =>
    (await admin.request<{ items: Account[] }>('GET', `/api/v1/accounts?tag=${tag}&sort=name`)).body
      .items;

  beforeAll(async () => {
    stack = await startCrmStack(logger, { gatewayEnv: { IMPORT_MAX_BYTES: String(MAX_BYTES) } });
    admin = await stack.signedInAdmin();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('previews the head of a file and suggests a mapping from the header names', async () => {
    const rows = Array.from(
      { length: 8 },
      (_, row) => `Company ${row},c${row}.example,1000${row},x`,
    );
    const csv = [
      'Company Name;Web Site;Zip;Whatever',
      ...rows.map((r) => r.replaceAll(',', ';')),
    ].join('\r\n');
    // The entity may come after the file.
    const form = new FormData();
    form.set('file', new Blob([csv], { type: 'text/csv' }), 'companies.csv');
    form.set('entity', 'accounts');
    const preview = await admin.request<Preview>('POST', '/api/v1/imports/preview', form);
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body).toEqual({
      columns: ['Company Name', 'Web Site', 'Zip', 'Whatever'],
      sampleRows: rows.slice(0, 5).map((row) => row.split(',')),
      suggestedMapping: [
        { column: 'Company Name', field: 'name' },
        { column: 'Web Site', field: 'website' },
        { column: 'Zip', field: 'postalCode' },
      ],
      fields: expect.arrayContaining([
        'name',
        'domain',
        'website',
        'postalCode',
        'tags',
      ]) as unknown,
    });
    // A preview keeps nothing.
    expect(await uploads()).toEqual([]);
  });

  it('maps an export of its own to the same fields, leaving read-only columns out', async () => {
    const name = uniqueName('Exported');
    expect(
      (await admin.request('POST', '/api/v1/accounts', { name, tags: ['a', 'b'] })).status,
    ).toBe(201);
    const exported = await admin.request<string>(
      'GET',
      `/api/v1/accounts?q=${encodeURIComponent(name)}&format=csv`,
    );
    const preview = await admin.request<Preview>(
      'POST',
      '/api/v1/imports/preview',
      csvForm(exported.body, { entity: 'accounts' }),
    );
    expect(preview.status).toBe(200);
    const readOnly = ['id', 'createdAt', 'updatedAt'];
    expect(preview.body.suggestedMapping).toEqual(
      preview.body.columns
        .filter((column) => !readOnly.includes(column))
        .map((column) => ({ column, field: column })),
    );
    expect(preview.body.sampleRows[0]?.[1]).toBe(name);

    const contacts = await admin.request<Preview>(
      'POST',
      '/api/v1/imports/preview',
      csvForm('First Name,Surname,E-mail,Company,Mobile\nAda,Lovelace,ada@x.example,X,1\n', {
        entity: 'contacts',
      }),
    );
    expect(contacts.body.suggestedMapping).toEqual([
      { column: 'First Name', field: 'firstName' },
      { column: 'Surname', field: 'lastName' },
      { column: 'E-mail', field: 'email' },
      { column: 'Company', field: 'account' },
      { column: 'Mobile', field: 'phone' },
    ]);
  });

  it('previews a file larger than an import may be, reading only its head', async () => {
    const lines = ['name,domain'];
    while (lines.length < 40_000) lines.push(`Company ${lines.length},c${lines.length}.example`);
    const csv = lines.join('\n');
    expect(csv.length).toBeGreaterThan(MAX_BYTES);
    const preview = await admin.request<Preview>(
      'POST',
      '/api/v1/imports/preview',
      csvForm(csv, { entity: 'accounts' }),
    );
    expect(preview.status).toBe(200);
    expect(preview.body.sampleRows).toEqual(lines.slice(1, 6).map((line) => line.split(',')));
  });

  it('refuses what is not a CSV file, or a form without its fields', async () => {
    const png = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])], {
      type: 'text/csv',
    });
    const notCsv = new FormData();
    notCsv.set('entity', 'accounts');
    notCsv.set('file', png, 'image.csv');
    expect((await admin.request('POST', '/api/v1/imports/preview', notCsv)).status).toBe(415);

    const noEntity = await admin.request<Problem>(
      'POST',
      '/api/v1/imports/preview',
      csvForm('name\nAcme\n', {}),
    );
    expect(noEntity.status).toBe(400);
    expect(noEntity.body.errors?.map((error) => error.path)).toEqual(['/entity']);

    const empty = await admin.request<Problem>(
      'POST',
      '/api/v1/imports/preview',
      csvForm('', { entity: 'accounts' }),
    );
    expect(empty.status).toBe(400);
    expect(empty.body.errors?.map((error) => error.path)).toEqual(['/file']);

    const badMapping = await admin.request<Problem>(
      'POST',
      '/api/v1/imports',
      csvForm('name\nAcme\n', { entity: 'accounts', mapping: '[{"column": "name"' }),
    );
    expect(badMapping.status).toBe(400);
    expect(badMapping.body.errors?.map((error) => error.path)).toEqual(['/mapping']);

    const tooLarge = await admin.request<Problem>(
      'POST',
      '/api/v1/imports',
      csvForm(`name\n${'x'.repeat(MAX_BYTES)}\n`, { entity: 'accounts' }),
    );
    expect(tooLarge.status).toBe(413);
    // Nothing refused stays in storage.
    expect(await uploads()).toEqual([]);
  });

  it('stores an upload under imports/ and queues the job', async () => {
    const csv = `name,domain\n${uniqueName('Imported')},\n`;
    const started = await admin.request<ImportJob>(
      'POST',
      '/api/v1/imports',
      csvForm(csv, { entity: 'accounts', dryRun: 'true' }, 'accounts.csv'),
    );
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    expect(started.body).toMatchObject({
      entity: 'accounts',
      dryRun: true,
      fileName: 'accounts.csv',
      mapping: [
        { column: 'name', field: 'name' },
        { column: 'domain', field: 'domain' },
      ],
    });
    expect(started.headers.get('location')).toBe(`/api/v1/imports/${started.body.id}`);
    const job = await admin.request<ImportJob>('GET', `/api/v1/imports/${started.body.id}`);
    expect(job.body.id).toBe(started.body.id);
    expect(
      (await admin.request<{ items: ImportJob[] }>('GET', '/api/v1/imports')).body.items.map(
        (item) => item.id,
      ),
    ).toContain(started.body.id);
  });

  it('imports accounts in the background, reports the rows it left out, and undoes it all', async () => {
    const tag = slug('batch');
    const domain = `${slug('one')}.example`;
    const csv = [
      'Company Name,Web Site,Domain,Size,Tags',
      `Alpha ${tag},https://alpha.example,${domain},11-50,${tag}`,
      `Beta ${tag},,,huge,${tag}`,
      `Gamma ${tag},,,,${tag};second`,
    ].join('\n');
    const preview = await admin.request<Preview>(
      'POST',
      '/api/v1/imports/preview',
      csvForm(csv, { entity: 'accounts' }),
    );
    const before = await uploads();
    const job = await startImport(
      csvForm(
        csv,
        { entity: 'accounts', mapping: JSON.stringify(preview.body.suggestedMapping) },
        'companies.csv',
      ),
    );
    expect(job).toMatchObject({ entity: 'accounts', dryRun: false, createdBy: admin.userId });

    const done = await settled(job.id, 'completed');
    expect(done).toMatchObject({
      totalRows: 3,
      processedRows: 3,
      createdCount: 2,
      errorCount: 1,
      errors: [expect.objectContaining({ row: 2 })],
    });
    expect(done.finishedAt).not.toBeNull();
    // The uploaded file only fed the job: it does not stay in storage.
    await waitFor(async () => (await uploads()).every((key) => before.includes(key)), {
      what: 'the upload removed',
    });
    const errors = await admin.request<{ items: ImportJob['errors']; nextCursor: null }>(
      'GET',
      `/api/v1/imports/${job.id}/errors`,
    );
    expect(errors.body).toEqual({ items: done.errors, nextCursor: null });
    const imported = await accountsTagged(tag);
    expect(imported.map((account) => account.name)).toEqual([`Alpha ${tag}`, `Gamma ${tag}`]);
    expect(imported[0]).toMatchObject({ domain, size: '11-50' });
    expect(imported[1]?.tags).toEqual([tag, 'second']);

    const undo = await admin.request<ImportJob>('POST', `/api/v1/imports/${job.id}/undo`);
    expect(undo.status).toBe(202);
    await settled(job.id, 'undone');
    expect(await accountsTagged(tag)).toEqual([]);
  });

  it('runs with the mapping a preview suggests when none is sent', async () => {
    const csv = 'Company Name,Web Site,Zip,Whatever\nAcme,https://acme.example,12345,x\n';
    const preview = await admin.request<Preview>(
      'POST',
      '/api/v1/imports/preview',
      csvForm(csv, { entity: 'accounts' }),
    );
    const job = await startImport(csvForm(csv, { entity: 'accounts', dryRun: 'true' }));
    expect(job.mapping).toEqual(preview.body.suggestedMapping);
    const done = await settled(job.id, 'completed');
    expect(done).toMatchObject({ dryRun: true, createdCount: 1 });
    // A dry run changes nothing.
    const listed = await admin.request<{ items: Account[] }>('GET', '/api/v1/accounts?q=Acme');
    expect(listed.body.items.filter((account) => account.name === 'Acme')).toEqual([]);
  });

  it('re-imports its own export unchanged, contacts with their account by name', async () => {
    const tag = slug('roundtrip');
    const account = await admin.request<Account>('POST', '/api/v1/accounts', {
      name: `=Formula ${tag}`,
      domain: `${slug('rt')}.example`,
      tags: [tag],
      notes: 'line one\nline two, with "quotes"',
    });
    expect(account.status).toBe(201);
    const email = `${slug('ada')}@rt.example`;
    const contact = await admin.request('POST', '/api/v1/contacts', {
      firstName: 'Ada',
      lastName: tag,
      email,
      accountId: account.body.id,
    });
    expect(contact.status).toBe(201);

    const accountsCsv = await admin.request<string>(
      'GET',
      `/api/v1/accounts?tag=${tag}&format=csv`,
    );
    const accountsJob = await startImport(csvForm(accountsCsv.body, { entity: 'accounts' }));
    expect(await settled(accountsJob.id, 'completed')).toMatchObject({
      unchangedCount: 1,
      createdCount: 0,
      updatedCount: 0,
      errorCount: 0,
    });

    const contactsCsv = await admin.request<string>(
      'GET',
      `/api/v1/contacts?accountId=${account.body.id}&format=csv`,
    );
    const contactsJob = await startImport(csvForm(contactsCsv.body, { entity: 'contacts' }));
    expect(await settled(contactsJob.id, 'completed')).toMatchObject({
      unchangedCount: 1,
      createdCount: 0,
      errorCount: 0,
    });

    // A new contact in the file joins the account named in its `account` column.
    const newEmail = `${slug('grace')}@rt.example`;
    const more = `firstName,lastName,email,account\nGrace,${tag},${newEmail},'=Formula ${tag}\n`;
    const moreJob = await startImport(csvForm(more, { entity: 'contacts' }));
    expect(await settled(moreJob.id, 'completed')).toMatchObject({ createdCount: 1 });
    const joined = await admin.request<{ items: Array<{ email: string; accountName: string }> }>(
      'GET',
      `/api/v1/contacts?accountId=${account.body.id}`,
    );
    expect(joined.body.items.map((item) => item.email).sort()).toEqual([email, newEmail].sort());

    const listed = await admin.request<{ items: ImportJob[] }>('GET', '/api/v1/imports?format=csv');
    expect(String(listed.body).split('\r\n')[0]).toMatch(/^id,entity,status,dryRun,fileName,/);
  });
});
