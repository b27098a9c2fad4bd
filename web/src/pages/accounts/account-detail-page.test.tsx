import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Account } from '../../api/accounts.js';
import type { TimelineEntry } from '../../api/timeline.js';
import {
  makeAccount,
  makeContact,
  makeEntry,
  pageOf,
  routes,
  stubApi,
} from '../../test/address-book-fixtures.js';
import { jsonResponse, noContent, problemResponse, type Responder } from '../../test/fetch-stub.js';
import { currentPath, renderApp } from '../../test/render-app.js';
import { makeUser, meAs } from '../../test/session-fixtures.js';

const grace = makeUser({ id: 'u-grace', name: 'Grace Hopper' });
const acme = makeAccount({
  id: 'a1',
  name: 'Acme',
  domain: 'acme.com',
  phone: '+44 20 7946 0958',
  status: 'prospect',
  ownerId: grace.id,
  tags: ['vip'],
  contactCount: 1,
  version: 3,
});

/** The routes every account page loads, answered with `acme` and nothing else on it. */
function accountRoutes(
  account: Account,
  extra: Readonly<Record<string, Responder>> = {},
  timeline: readonly TimelineEntry[] = [],
) {
  return routes({
    'GET /api/v1/accounts/a1': () => jsonResponse(200, account),
    'GET /api/v1/contacts': () => pageOf([]),
    'GET /api/v1/accounts/a1/timeline': () => pageOf(timeline),
    'GET /api/v1/accounts/a1/attachments': () => pageOf([]),
    ...extra,
  });
}

function region(name: string): HTMLElement {
  return screen.getByRole('region', { name });
}

describe('AccountDetailPage', () => {
  it('shows the fields, contacts, readable timeline, attachments and the sections still to come', async () => {
    stubApi(
      accountRoutes(
        acme,
        {
          'GET /api/v1/contacts': () =>
            pageOf([
              makeContact({
                id: 'c1',
                firstName: 'Ada',
                lastName: 'Lovelace',
                email: 'ada@acme.com',
                accountId: 'a1',
                primary: true,
              }),
            ]),
          'GET /api/v1/accounts/a1/attachments': () =>
            pageOf([
              {
                id: 'att1',
                subjectType: 'account',
                subjectId: 'a1',
                fileName: 'contract.pdf',
                contentType: 'application/pdf',
                sizeBytes: 1536,
                sha256: 'ab'.repeat(32),
                uploadedBy: grace.id,
                createdAt: '2025-03-05T10:00:00Z',
              },
            ]),
        },
        [
          makeEntry({ id: 'n1', kind: 'note', actorUserId: grace.id, body: 'Met at the fair.' }),
          makeEntry({
            id: 'e2',
            kind: 'updated',
            actorUserId: 'admin-1',
            changes: [
              { field: 'status', before: 'prospect', after: 'customer' },
              { field: 'tags', before: [], after: ['vip'] },
            ],
          }),
          makeEntry({
            id: 'e3',
            kind: 'merged',
            actorUserId: grace.id,
            related: { type: 'account', id: 'a2', label: 'Acme Ltd' },
            changes: [{ field: 'phone', before: null, after: '+44 20 7946 0958' }],
          }),
          makeEntry({ id: 'e4', kind: 'imported', body: 'Imported from accounts.csv' }),
        ],
      ),
      { users: [grace] },
    );
    renderApp('/accounts/a1');

    expect(await screen.findByRole('heading', { name: 'Acme', level: 2 })).toBeTruthy();
    const details = region('Details');
    expect(within(details).getByText('acme.com').getAttribute('href')).toBe('https://acme.com');
    expect(await within(details).findByText('Grace Hopper')).toBeTruthy();

    const contacts = region('Contacts');
    expect(
      (await within(contacts).findByRole('link', { name: 'Ada Lovelace' })).getAttribute('href'),
    ).toBe('/contacts/c1');
    expect(within(contacts).getByText('Primary')).toBeTruthy();

    const timeline = region('Timeline');
    expect(await within(timeline).findByText('Met at the fair.')).toBeTruthy();
    expect(within(timeline).getByText('Grace Hopper added a note')).toBeTruthy();
    expect(within(timeline).getByText('Ada admin changed 2 fields')).toBeTruthy();
    expect(within(timeline).getByText('Status: Prospect → Customer')).toBeTruthy();
    expect(within(timeline).getByText('Tags: empty → vip')).toBeTruthy();
    expect(
      within(timeline).getByText('Grace Hopper merged “Acme Ltd” into this account'),
    ).toBeTruthy();
    expect(within(timeline).getByText('Phone: empty → +44 20 7946 0958')).toBeTruthy();
    expect(within(timeline).getByText('The system imported this account')).toBeTruthy();
    expect(within(timeline).getByText('Imported from accounts.csv')).toBeTruthy();

    const files = region('Attachments');
    const download = await within(files).findByRole('link', { name: 'contract.pdf' });
    expect(download.getAttribute('href')).toBe('/api/v1/attachments/att1/content');
    expect(within(files).getByText('1.5 KB')).toBeTruthy();

    expect(within(region('Deals')).getByText(/once deals arrive/)).toBeTruthy();
    expect(within(region('Tasks')).getByText(/once tasks arrive/)).toBeTruthy();
    expect(within(region('Hours')).getByText(/once time tracking arrives/)).toBeTruthy();
  });

  it('edits a field in place: Enter saves it with the version read, Escape cancels', async () => {
    const saved = { ...acme, phone: '+49 30 1234567', version: 4 };
    const requests = stubApi(
      accountRoutes(acme, { 'PATCH /api/v1/accounts/a1': () => jsonResponse(200, saved) }),
    );
    renderApp('/accounts/a1');
    const details = await screen.findByRole('region', { name: 'Details' });

    fireEvent.click(within(details).getByRole('button', { name: 'Edit Industry' }));
    const industry = within(details).getByRole('textbox', { name: 'Industry' });
    fireEvent.change(industry, { target: { value: 'Retail' } });
    fireEvent.keyDown(industry, { key: 'Escape' });
    expect(within(details).queryByRole('textbox', { name: 'Industry' })).toBeNull();

    fireEvent.click(within(details).getByRole('button', { name: 'Edit Phone' }));
    const phone = within(details).getByRole('textbox', { name: 'Phone' });
    fireEvent.change(phone, { target: { value: 'call me' } });
    fireEvent.keyDown(phone, { key: 'Enter' });
    expect(
      await within(details).findByText('Enter a phone number such as +44 20 7946 0958'),
    ).toBeTruthy();
    expect(phone.getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(phone, { target: { value: ' +49 30 1234567 ' } });
    fireEvent.keyDown(phone, { key: 'Enter' });

    expect(await within(details).findByRole('link', { name: '+49 30 1234567' })).toBeTruthy();
    // The focus the closed editor had is back on the field, not lost to the page.
    await waitFor(() =>
      expect(document.activeElement).toBe(
        within(details).getByRole('button', { name: 'Edit Phone' }),
      ),
    );
    const patches = requests.filter((request) => request.method === 'PATCH');
    expect(patches.map((request) => request.body)).toEqual([
      { phone: '+49 30 1234567', version: 3 },
    ]);
  });

  it('puts the server field error under the field being edited', async () => {
    stubApi(
      accountRoutes(acme, {
        'PATCH /api/v1/accounts/a1': () =>
          problemResponse(422, {
            title: 'Invalid request',
            errors: [{ path: '/website', message: 'must name a host such as example.com' }],
          }),
      }),
    );
    renderApp('/accounts/a1');
    const details = await screen.findByRole('region', { name: 'Details' });

    fireEvent.click(within(details).getByRole('button', { name: 'Edit Website' }));
    const website = within(details).getByRole('textbox', { name: 'Website' });
    fireEvent.change(website, { target: { value: 'acme.example' } });
    fireEvent.blur(website);

    expect(await within(details).findByText('must name a host such as example.com')).toBeTruthy();
    expect(within(details).getByRole('textbox', { name: 'Website' })).toBeTruthy();
  });

  it('on a stale write shows the current values, then reapplies the change on the current version', async () => {
    const theirs = { ...acme, name: 'Acme Corporation', status: 'customer' as const, version: 5 };
    const mine = { ...theirs, status: 'former_customer' as const, version: 6 };
    let attempt = 0;
    const requests = stubApi(
      accountRoutes(acme, {
        'PATCH /api/v1/accounts/a1': () => {
          attempt += 1;
          return attempt === 1
            ? problemResponse(409, {
                type: 'urn:crm:problem:conflict',
                title: 'Conflict',
                detail: 'The account was changed by someone else.',
                currentVersion: 5,
                current: theirs,
              })
            : jsonResponse(200, mine);
        },
      }),
    );
    renderApp('/accounts/a1');
    const details = await screen.findByRole('region', { name: 'Details' });

    fireEvent.click(within(details).getByRole('button', { name: 'Edit Status' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Former customer' }));

    const alert = await screen.findByRole('alert', { name: 'Changed by someone else' });
    const values = within(alert).getByRole('table', { name: 'Conflicting values' });
    const row = within(values).getByText('Status').closest('tr');
    if (!row) throw new Error('no status row');
    expect(within(row).getByText('Former customer')).toBeTruthy();
    expect(within(row).getByText('Customer')).toBeTruthy();

    fireEvent.click(within(alert).getByRole('button', { name: 'Reapply my change' }));

    await waitFor(() =>
      expect(screen.queryByRole('alert', { name: 'Changed by someone else' })).toBeNull(),
    );
    expect(await screen.findByRole('heading', { name: 'Acme Corporation', level: 2 })).toBeTruthy();
    expect(
      requests.filter((request) => request.method === 'PATCH').map((request) => request.body),
    ).toEqual([
      { status: 'former_customer', version: 3 },
      { status: 'former_customer', version: 5 },
    ]);
  });

  it('on a stale write can reload their version instead, saving nothing', async () => {
    const theirs = { ...acme, phone: '+1 555 0100', version: 5 };
    const requests = stubApi(
      accountRoutes(acme, {
        'PATCH /api/v1/accounts/a1': () =>
          problemResponse(409, { title: 'Conflict', currentVersion: 5, current: theirs }),
      }),
    );
    renderApp('/accounts/a1');
    const details = await screen.findByRole('region', { name: 'Details' });

    fireEvent.click(within(details).getByRole('button', { name: 'Edit Phone' }));
    const phone = within(details).getByRole('textbox', { name: 'Phone' });
    fireEvent.change(phone, { target: { value: '+1 555 0199' } });
    fireEvent.keyDown(phone, { key: 'Enter' });
    const alert = await screen.findByRole('alert', { name: 'Changed by someone else' });
    expect(within(alert).getByText('+1 555 0199')).toBeTruthy();
    expect(within(alert).getByText('+1 555 0100')).toBeTruthy();

    fireEvent.click(within(alert).getByRole('button', { name: 'Reload' }));

    expect(await within(details).findByRole('link', { name: '+1 555 0100' })).toBeTruthy();
    expect(screen.queryByRole('alert', { name: 'Changed by someone else' })).toBeNull();
    expect(requests.filter((request) => request.method === 'PATCH')).toHaveLength(1);
  });

  it("adds a note and deletes the user's own note, but not someone else's", async () => {
    const me = meAs('manager', { id: 'm1', name: 'Mia Manager' });
    let timeline: TimelineEntry[] = [
      makeEntry({ id: 'n2', kind: 'note', actorUserId: grace.id, body: 'Theirs.' }),
    ];
    const requests = stubApi(
      routes({
        'GET /api/v1/accounts/a1': () => jsonResponse(200, acme),
        'GET /api/v1/contacts': () => pageOf([]),
        'GET /api/v1/accounts/a1/attachments': () => pageOf([]),
        'GET /api/v1/accounts/a1/timeline': () => pageOf(timeline),
        'POST /api/v1/accounts/a1/notes': () => {
          const note = makeEntry({
            id: 'n3',
            kind: 'note',
            actorUserId: 'm1',
            body: 'Call back Monday.',
          });
          timeline = [note, ...timeline];
          return jsonResponse(201, note);
        },
        'DELETE /api/v1/notes/n3': () => {
          timeline = timeline.filter((entry) => entry.id !== 'n3');
          return noContent();
        },
      }),
      { me, users: [grace] },
    );
    renderApp('/accounts/a1');
    const section = await screen.findByRole('region', { name: 'Timeline' });
    await within(section).findByText('Theirs.');
    expect(within(section).queryByRole('button', { name: 'Delete note' })).toBeNull();

    fireEvent.click(within(section).getByRole('button', { name: 'Add note' }));
    expect(await within(section).findByText('Write something first')).toBeTruthy();

    fireEvent.change(within(section).getByRole('textbox', { name: 'Note' }), {
      target: { value: '  Call back Monday.  ' },
    });
    fireEvent.click(within(section).getByRole('button', { name: 'Add note' }));

    // Not the textarea, whose default value React keeps as its text.
    expect(await within(section).findByText('Call back Monday.', { selector: 'p' })).toBeTruthy();
    expect(
      (within(section).getByRole('textbox', { name: 'Note' }) as HTMLTextAreaElement).value,
    ).toBe('');
    expect(within(section).getAllByRole('button', { name: 'Delete note' })).toHaveLength(1);

    fireEvent.click(within(section).getByRole('button', { name: 'Delete note' }));
    const confirm = await screen.findByRole('dialog', { name: 'Delete note?' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Delete note' }));

    await waitFor(() =>
      expect(within(section).queryByText('Call back Monday.', { selector: 'p' })).toBeNull(),
    );
    expect(
      requests
        .filter((request) => request.method !== 'GET')
        .map(({ method, url, body }) => ({ method, url, body })),
    ).toEqual([
      { method: 'POST', url: '/api/v1/accounts/a1/notes', body: { body: 'Call back Monday.' } },
      { method: 'DELETE', url: '/api/v1/notes/n3', body: undefined },
    ]);
  });

  it('refuses a file over the upload limit before sending it', async () => {
    const requests = stubApi(accountRoutes(acme));
    renderApp('/accounts/a1');
    const files = await screen.findByRole('region', { name: 'Attachments' });
    await within(files).findByText('No files yet.');

    const big = new File(['x'], 'video.mp4', { type: 'video/mp4' });
    Object.defineProperty(big, 'size', { value: 26 * 1024 * 1024 });
    const input = files.querySelector('input[type="file"]');
    if (!input) throw new Error('no file input');
    fireEvent.change(input, { target: { files: [big] } });

    expect(
      await within(files).findByText('video.mp4 is too large: files may be at most 25 MB.'),
    ).toBeTruthy();
    expect(requests.some((request) => request.method === 'POST')).toBe(false);
  });

  it('adds a contact to the account', async () => {
    const ada = makeContact({ id: 'c9', firstName: 'Ada', lastName: 'Lovelace', accountId: 'a1' });
    const requests = stubApi(
      accountRoutes(acme, {
        'POST /api/v1/contacts': () => jsonResponse(201, ada),
        'GET /api/v1/contacts/duplicates': () => jsonResponse(200, { items: [] }),
      }),
    );
    renderApp('/accounts/a1');
    const contacts = await screen.findByRole('region', { name: 'Contacts' });

    fireEvent.click(within(contacts).getByRole('button', { name: 'Add contact' }));
    const dialog = await screen.findByRole('dialog', { name: 'New contact' });
    expect(await within(dialog).findByDisplayValue('Acme (acme.com)')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('First name'), { target: { value: 'Ada' } });
    fireEvent.change(within(dialog).getByLabelText('Last name'), { target: { value: 'Lovelace' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create contact' }));

    expect(await screen.findByText('Contact created')).toBeTruthy();
    expect(requests.find((request) => request.method === 'POST')?.body).toEqual({
      firstName: 'Ada',
      lastName: 'Lovelace',
      accountId: 'a1',
      ownerId: 'admin-1',
    });
  });

  it('says so when the account does not exist', async () => {
    stubApi(() => problemResponse(404, { title: 'Not Found' }));
    const { router } = renderApp('/accounts/missing');

    expect(await screen.findByRole('heading', { name: 'Account not found' })).toBeTruthy();
    expect(currentPath(router)).toBe('/accounts/missing');
  });
});
