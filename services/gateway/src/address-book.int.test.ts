import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quietLogger, uniqueName, waitFor } from '@crm/testing';
import {
  startCrmStack,
  type CrmStack,
  type HttpSession,
  type Problem,
} from './crm-stack.test-support.js';

interface Account {
  id: string;
  name: string;
  domain: string | null;
  industry: string | null;
  size: string | null;
  status: string;
  tags: string[];
  ownerId: string | null;
  contactCount: number;
  version: number;
}

interface Contact {
  id: string;
  accountId: string | null;
  accountName: string | null;
  firstName: string;
  lastName: string;
  email: string | null;
  otherEmails: string[];
  version: number;
}

/** The 409 of a record's writes names the current record or the duplicates. */
type RecordProblem = Problem & {
  currentVersion?: number;
  current?: Account | Contact;
  duplicates?: Array<Account | Contact>;
};

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

interface TimelineEntry {
  id: string;
  subjectType: string;
  subjectId: string;
  kind: string;
  actorUserId: string | null;
  body: string;
  changes: Array<{ field: string; before: unknown; after: unknown }>;
}

/** A domain no other test uses, so duplicate checks only ever meet this test's accounts. */
const uniqueDomain = () =>
  `${uniqueName('d')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')}.example`;

describe('accounts and contacts through the gateway', () => {
  const logger = quietLogger('gateway');
  let stack: CrmStack;
  let admin: HttpSession;

  const createAccount = async (body: Record<string, unknown>): Promise<Account> => {
    const response = await admin.request<Account>('POST', '/api/v1/accounts', body);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  };
  const createContact = async (body: Record<string, unknown>): Promise<Contact> => {
    const response = await admin.request<Contact>('POST', '/api/v1/contacts', body);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  };

  beforeAll(async () => {
    stack = await startCrmStack(logger);
    admin = await stack.signedInAdmin();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('creates, reads, changes and deletes an account with every field', async () => {
    const domain = uniqueDomain();
    const created = await admin.request<Account>('POST', '/api/v1/accounts', {
      name: uniqueName('Initech'),
      domain,
      industry: 'Software',
      size: '51-200',
      address: {
        street: '1 Main St',
        city: 'Austin',
        region: 'TX',
        postalCode: '78701',
        country: 'US',
      },
      phone: '+1 512 555 0100',
      website: 'https://initech.example',
      status: 'customer',
      tags: ['Key', 'b2b'],
      notes: 'Prefers email.',
    });
    expect(created.status).toBe(201);
    const account = created.body;
    expect(account).toMatchObject({
      domain,
      industry: 'Software',
      size: '51-200',
      address: { city: 'Austin', country: 'US' },
      status: 'customer',
      tags: ['b2b', 'key'],
      notes: 'Prefers email.',
      ownerId: admin.userId,
      contactCount: 0,
    });
    expect(typeof account.version).toBe('number');
    expect(created.headers.get('etag')).toBe(`"${account.version}"`);

    const read = await admin.request<Account>('GET', `/api/v1/accounts/${account.id}`);
    expect(read.body).toEqual(account);
    expect(read.headers.get('etag')).toBe(`"${account.version}"`);

    const patched = await admin.request<Account>('PATCH', `/api/v1/accounts/${account.id}`, {
      status: 'former_customer',
      size: null,
      phone: null,
      tags: ['churned'],
      version: account.version,
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      status: 'former_customer',
      size: null,
      phone: null,
      tags: ['churned'],
      industry: 'Software',
    });
    expect(patched.body.version).toBeGreaterThan(account.version);

    // The version may come as If-Match (the ETag of the last read) instead.
    const viaHeader = await admin.request<Account>(
      'PATCH',
      `/api/v1/accounts/${account.id}`,
      { industry: 'Consulting' },
      { headers: { 'if-match': `"${patched.body.version}"` } },
    );
    expect(viaHeader.status).toBe(200);
    expect(viaHeader.body.industry).toBe('Consulting');

    const deleted = await admin.request(
      'DELETE',
      `/api/v1/accounts/${account.id}?version=${viaHeader.body.version}`,
    );
    expect(deleted.status).toBe(204);
    expect((await admin.request('GET', `/api/v1/accounts/${account.id}`)).status).toBe(404);
  });

  it('refuses a change based on a stale version, naming the current one', async () => {
    const account = await createAccount({ name: uniqueName('Stale') });
    const first = await admin.request<Account>('PATCH', `/api/v1/accounts/${account.id}`, {
      notes: 'first',
      version: account.version,
    });
    expect(first.status).toBe(200);

    const stale = await admin.request<RecordProblem>('PATCH', `/api/v1/accounts/${account.id}`, {
      notes: 'second',
      version: account.version,
    });
    expect(stale.status).toBe(409);
    expect(stale.headers.get('content-type')).toContain('application/problem+json');
    expect(stale.body).toMatchObject({
      type: 'urn:crm:problem:conflict',
      currentVersion: first.body.version,
      current: { id: account.id, notes: 'first', version: first.body.version },
    });

    const blind = await admin.request<RecordProblem>('PATCH', `/api/v1/accounts/${account.id}`, {
      notes: 'blind',
    });
    expect(blind.status).toBe(400);
    expect(blind.body.errors?.map((error) => error.path)).toEqual(['/version']);

    const staleDelete = await admin.request<RecordProblem>(
      'DELETE',
      `/api/v1/accounts/${account.id}?version=${account.version}`,
    );
    expect(staleDelete.status).toBe(409);
    expect(staleDelete.body.currentVersion).toBe(first.body.version);
  });

  it('warns about a duplicate domain and creates it anyway on request', async () => {
    const domain = uniqueDomain();
    const original = await createAccount({ name: uniqueName('Original'), domain });

    const duplicate = await admin.request<RecordProblem>('POST', '/api/v1/accounts', {
      name: uniqueName('Copy'),
      domain,
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.type).toBe('urn:crm:problem:duplicate');
    expect(duplicate.body.duplicates).toEqual([original]);

    const check = await admin.request<{ items: Account[] }>(
      'GET',
      `/api/v1/accounts/duplicates?domain=${domain}`,
    );
    expect(check.body.items.map((account) => account.id)).toEqual([original.id]);
    const excluded = await admin.request<{ items: Account[] }>(
      'GET',
      `/api/v1/accounts/duplicates?domain=${domain}&excludeId=${original.id}`,
    );
    expect(excluded.body.items).toEqual([]);

    const anyway = await admin.request<Account>('POST', '/api/v1/accounts', {
      name: uniqueName('Copy'),
      domain,
      allowDuplicate: true,
    });
    expect(anyway.status).toBe(201);
  });

  it('filters accounts by owner, status, tag and industry, each repeatable', async () => {
    const industry = uniqueName('Industry');
    const a = await createAccount({
      name: uniqueName('Filter'),
      industry,
      status: 'customer',
      tags: ['alpha'],
    });
    const b = await createAccount({
      name: uniqueName('Filter'),
      industry,
      status: 'prospect',
      tags: ['beta'],
    });
    await createAccount({ name: uniqueName('Filter'), industry, status: 'former_customer' });
    const ids = async (query: string) =>
      (
        await admin.request<Page<Account>>(
          'GET',
          `/api/v1/accounts?industry=${encodeURIComponent(industry)}&sort=name&${query}`,
        )
      ).body.items
        .map((account) => account.id)
        .sort();

    expect(await ids('status=customer')).toEqual([a.id]);
    expect(await ids('status=customer&status=prospect')).toEqual([a.id, b.id].sort());
    expect(await ids('tag=beta')).toEqual([b.id]);
    expect(await ids('tag=alpha&tag=beta')).toEqual([a.id, b.id].sort());
    expect(await ids(`ownerId=${admin.userId}&tag=alpha`)).toEqual([a.id]);
    expect(await ids('ownerId=00000000-0000-4000-8000-000000000000')).toEqual([]);

    const invalid = await admin.request<RecordProblem>('GET', '/api/v1/accounts?status=lead');
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors?.[0]?.path).toBe('/status');
  });

  it('keeps contacts with their account and refuses to delete an account that has some', async () => {
    const account = await createAccount({ name: uniqueName('Umbrella'), domain: uniqueDomain() });
    const email = `${uniqueName('alice').toLowerCase()}@umbrella.example`;
    const contact = await createContact({
      accountId: account.id,
      firstName: 'Alice',
      lastName: 'Abernathy',
      email: email.toUpperCase(),
      otherEmails: ['alice@home.example'],
      primary: true,
    });
    expect(contact).toMatchObject({
      accountId: account.id,
      accountName: account.name,
      email,
      otherEmails: ['alice@home.example'],
    });

    const listed = await admin.request<Page<Contact>>(
      'GET',
      `/api/v1/contacts?accountId=${account.id}`,
    );
    expect(listed.body.items.map((item) => item.id)).toEqual([contact.id]);
    expect(
      (await admin.request<Account>('GET', `/api/v1/accounts/${account.id}`)).body.contactCount,
    ).toBe(1);

    const refused = await admin.request<RecordProblem>('DELETE', `/api/v1/accounts/${account.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.type).toBe('urn:crm:problem:failed-precondition');

    const duplicate = await admin.request<RecordProblem>('POST', '/api/v1/contacts', {
      firstName: 'Other',
      lastName: 'Alice',
      email,
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.type).toBe('urn:crm:problem:duplicate');
    expect(duplicate.body.duplicates?.map((item) => item.id)).toEqual([contact.id]);
    const check = await admin.request<{ items: Contact[] }>(
      'GET',
      `/api/v1/contacts/duplicates?email=${encodeURIComponent(email)}&email=nobody%40example.com`,
    );
    expect(check.body.items.map((item) => item.id)).toEqual([contact.id]);

    const moved = await admin.request<Contact>('PATCH', `/api/v1/contacts/${contact.id}`, {
      accountId: null,
      version: contact.version,
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ accountId: null, accountName: null });
    const stale = await admin.request<RecordProblem>('PATCH', `/api/v1/contacts/${contact.id}`, {
      title: 'CTO',
      version: contact.version,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ id: contact.id, accountId: null });

    expect((await admin.request('DELETE', `/api/v1/contacts/${contact.id}`)).status).toBe(204);
    expect((await admin.request('DELETE', `/api/v1/accounts/${account.id}`)).status).toBe(204);
  });

  it('merges accounts: contacts move to the survivor and the other account is gone', async () => {
    const survivor = await createAccount({ name: uniqueName('Survivor'), tags: ['a'] });
    const merged = await createAccount({
      name: uniqueName('Merged'),
      industry: 'Retail',
      tags: ['b'],
    });
    const contact = await createContact({
      accountId: merged.id,
      firstName: 'Moving',
      lastName: uniqueName('Person'),
    });

    const response = await admin.request<Account>('POST', `/api/v1/accounts/${survivor.id}/merge`, {
      mergedId: merged.id,
      version: survivor.version,
      mergedVersion: merged.version,
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: survivor.id,
      name: survivor.name,
      industry: 'Retail',
      tags: ['a', 'b'],
      contactCount: 1,
    });
    expect((await admin.request('GET', `/api/v1/accounts/${merged.id}`)).status).toBe(404);
    const moved = await admin.request<Contact>('GET', `/api/v1/contacts/${contact.id}`);
    expect(moved.body).toMatchObject({ accountId: survivor.id, accountName: survivor.name });

    const timeline = await admin.request<Page<TimelineEntry>>(
      'GET',
      `/api/v1/accounts/${survivor.id}/timeline`,
    );
    expect(timeline.body.items.map((entry) => entry.kind)).toContain('merged');

    // The audit log records the merge, from the event on the bus, with what the survivor gained.
    const audited = await waitFor(async () => {
      const page = await admin.request<{
        items: Array<{ resourceId: string; changes: Record<string, unknown> }>;
      }>('GET', '/api/v1/audit-events?action=account.merged&limit=200');
      return page.body.items.find((event) => event.resourceId === survivor.id);
    });
    expect(audited.changes).toMatchObject({
      mergedAccount: { before: { id: merged.id, name: merged.name }, after: null },
      industry: { before: null, after: 'Retail' },
      tags: { before: ['a'], after: ['a', 'b'] },
    });
  });

  it('merges contacts, uniting their addresses', async () => {
    const keep = await createContact({
      firstName: 'Bob',
      lastName: uniqueName('Twin'),
      email: `${uniqueName('bob').toLowerCase()}@one.example`,
    });
    const fold = await createContact({
      firstName: 'Robert',
      lastName: keep.lastName,
      email: `${uniqueName('bob').toLowerCase()}@two.example`,
      title: 'Buyer',
    });
    const response = await admin.request<Contact & { title: string | null }>(
      'POST',
      `/api/v1/contacts/${keep.id}/merge`,
      { mergedId: fold.id },
    );
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: keep.id, email: keep.email, title: 'Buyer' });
    expect(response.body.otherEmails).toContain(fold.email);
    expect((await admin.request('GET', `/api/v1/contacts/${fold.id}`)).status).toBe(404);
  });

  it('keeps notes on timelines, newest first, and deletes them', async () => {
    const account = await createAccount({ name: uniqueName('Noted') });
    const note = await admin.request<TimelineEntry>(
      'POST',
      `/api/v1/accounts/${account.id}/notes`,
      { body: '  Called; follow up in May.  ' },
    );
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({
      subjectType: 'account',
      subjectId: account.id,
      kind: 'note',
      body: 'Called; follow up in May.',
      actorUserId: admin.userId,
    });

    const patched = await admin.request<Account>('PATCH', `/api/v1/accounts/${account.id}`, {
      industry: 'Telecom',
      version: account.version,
    });
    expect(patched.status).toBe(200);
    const timeline = await admin.request<Page<TimelineEntry>>(
      'GET',
      `/api/v1/accounts/${account.id}/timeline?limit=10`,
    );
    expect(timeline.body.items.map((entry) => entry.kind)).toEqual(['updated', 'note', 'created']);
    expect(timeline.body.items[0]?.changes).toEqual([
      { field: 'industry', before: null, after: 'Telecom' },
    ]);

    const csv = await admin.request<string>(
      'GET',
      `/api/v1/accounts/${account.id}/timeline?format=csv`,
    );
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toBe(
      'id,subjectType,subjectId,kind,occurredAt,actorUserId,body,changes,relatedType,relatedId,relatedLabel',
    );

    expect((await admin.request('DELETE', `/api/v1/notes/${note.body.id}`)).status).toBe(204);
    const after = await admin.request<Page<TimelineEntry>>(
      'GET',
      `/api/v1/accounts/${account.id}/timeline`,
    );
    expect(after.body.items.map((entry) => entry.kind)).not.toContain('note');

    const empty = await admin.request<RecordProblem>(
      'POST',
      `/api/v1/accounts/${account.id}/notes`,
      {
        body: '   ',
      },
    );
    expect(empty.status).toBe(400);
    expect(empty.body.errors?.[0]?.path).toBe('/body');
    const missing = await admin.request(
      'POST',
      '/api/v1/contacts/00000000-0000-4000-8000-000000000000/notes',
      { body: 'Nobody' },
    );
    expect(missing.status).toBe(404);
  });

  it('exports formula-safe CSV, contacts with their account by name', async () => {
    const tag = uniqueName('csv').toLowerCase();
    const formula = `=HYPERLINK("http://evil.example","click") ${tag}`;
    const account = await createAccount({
      name: formula,
      tags: [tag, 'second'],
      address: { city: 'Paris', country: 'FR' },
    });
    await createContact({
      accountId: account.id,
      firstName: '@risky',
      lastName: tag,
      email: `${tag}@evil.example`,
    });

    const accounts = await admin.request<string>('GET', `/api/v1/accounts?tag=${tag}&format=csv`);
    expect(accounts.status).toBe(200);
    expect(accounts.headers.get('content-disposition')).toMatch(
      /^attachment; filename="accounts-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const [header, row, ...rest] = accounts.body.trimEnd().split('\r\n');
    expect(header).toBe(
      'id,name,domain,industry,size,status,tags,phone,website,street,city,region,postalCode,country,ownerId,notes,createdAt,updatedAt',
    );
    expect(rest).toEqual([]);
    // The cell starts with a quote: a spreadsheet shows the text instead of evaluating it.
    expect(row).toContain(`"'=HYPERLINK(""http://evil.example"",""click"") ${tag}"`);
    expect(row).toContain(`"${tag};second"`);
    expect(row).toContain(',Paris,,,FR,');

    const contacts = await admin.request<string>(
      'GET',
      `/api/v1/contacts?accountId=${account.id}&format=csv`,
    );
    const [contactHeader, contactRow] = contacts.body.trimEnd().split('\r\n');
    expect(contactHeader).toBe(
      'id,firstName,lastName,email,otherEmails,phone,otherPhones,title,account,accountId,ownerId,primary,createdAt,updatedAt',
    );
    expect(contactRow).toContain(`,'@risky,${tag},`);
    expect(contactRow).toContain(
      `,"'=HYPERLINK(""http://evil.example"",""click"") ${tag}",${account.id},`,
    );
  });
});
