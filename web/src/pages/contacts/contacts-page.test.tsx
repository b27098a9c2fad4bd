import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  makeAccount,
  makeContact,
  pageOf,
  routes,
  stubApi,
  urlOf,
} from '../../test/address-book-fixtures.js';
import { jsonResponse, problemResponse, type RecordedRequest } from '../../test/fetch-stub.js';
import { currentPath, renderApp } from '../../test/render-app.js';

const acme = makeAccount({ id: 'a1', name: 'Acme', domain: 'acme.com' });
const ada = makeContact({
  id: 'c1',
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@acme.com',
  accountId: 'a1',
  accountName: 'Acme',
  primary: true,
});
const alan = makeContact({
  id: 'c2',
  firstName: 'Alan',
  lastName: 'Turing',
  email: 'alan@example.com',
});

function contactListUrls(requests: readonly RecordedRequest[]): string[] {
  return requests
    .filter(
      (request) => request.method === 'GET' && urlOf(request.url).pathname === '/api/v1/contacts',
    )
    .map((request) => request.url);
}

describe('ContactsPage', () => {
  it('lists contacts with their account, sorts by last name and loads more', async () => {
    const requests = stubApi(
      routes({
        'GET /api/v1/contacts': ({ url }) => {
          const params = urlOf(url).searchParams;
          if (params.get('cursor') === 'next') return pageOf([alan]);
          return params.get('sort') === 'lastName' ? pageOf([ada, alan]) : pageOf([ada], 'next');
        },
      }),
    );
    renderApp('/contacts');

    const table = await screen.findByRole('table', { name: 'Contacts' });
    const row = (await within(table).findByRole('link', { name: 'Ada Lovelace' })).closest('tr');
    if (!row) throw new Error('no row for Ada');
    expect(within(row).getByRole('link', { name: 'Acme' }).getAttribute('href')).toBe(
      '/accounts/a1',
    );
    expect(within(row).getByText('Primary')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await within(table).findByRole('link', { name: 'Alan Turing' })).toBeTruthy();

    const nameHeader = within(table).getByRole('columnheader', { name: 'Name' });
    fireEvent.click(within(nameHeader).getByRole('button', { name: 'Name' }));
    await waitFor(() => expect(nameHeader.getAttribute('aria-sort')).toBe('ascending'));
    expect(contactListUrls(requests)).toEqual([
      '/api/v1/contacts?limit=50',
      '/api/v1/contacts?cursor=next&limit=50',
      '/api/v1/contacts?sort=lastName&limit=50',
    ]);
  });

  it('filters by account from the address and from the account picker', async () => {
    const requests = stubApi(
      routes({
        'GET /api/v1/accounts/a1': () => jsonResponse(200, acme),
        'GET /api/v1/accounts': () => pageOf([acme]),
        'GET /api/v1/contacts': ({ url }) =>
          urlOf(url).searchParams.has('accountId') ? pageOf([ada]) : pageOf([ada, alan]),
      }),
    );
    const { router } = renderApp('/contacts?accountId=a1');

    const picker = await screen.findByRole('combobox', { name: 'Account' });
    await waitFor(() => expect((picker as HTMLInputElement).value).toBe('Acme (acme.com)'));
    const table = await screen.findByRole('table', { name: 'Contacts' });
    await within(table).findByRole('link', { name: 'Ada Lovelace' });
    expect(within(table).queryByRole('link', { name: 'Alan Turing' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Export CSV' }).getAttribute('href')).toBe(
      '/api/v1/contacts?accountId=a1&format=csv',
    );

    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(await within(table).findByRole('link', { name: 'Alan Turing' })).toBeTruthy();
    expect(currentPath(router)).toBe('/contacts');

    picker.focus();
    fireEvent.change(picker, { target: { value: 'acm' } });
    fireEvent.click(await screen.findByRole('option', { name: 'Acme (acme.com)' }));
    await waitFor(() => expect(currentPath(router)).toBe('/contacts?accountId=a1'));
    expect(contactListUrls(requests)).toContain('/api/v1/contacts?accountId=a1&limit=50');
  });

  it('warns of a contact with the same email while typing, and creates anyway when asked', async () => {
    const created = makeContact({ id: 'c9', firstName: 'Ada', email: 'ada@acme.com' });
    const requests = stubApi(
      routes({
        'GET /api/v1/contacts': () => pageOf([]),
        'GET /api/v1/contacts/duplicates': ({ url }) =>
          jsonResponse(200, {
            items: urlOf(url).searchParams.getAll('email').includes('ada@acme.com') ? [ada] : [],
          }),
        'POST /api/v1/contacts': ({ body }) =>
          (body as { allowDuplicate?: boolean }).allowDuplicate
            ? jsonResponse(201, created)
            : problemResponse(409, {
                title: 'Already exists',
                detail: 'A contact with this email address already exists.',
                duplicates: [ada],
              }),
      }),
    );
    renderApp('/contacts');
    fireEvent.click(await screen.findByRole('button', { name: 'New contact' }));
    const dialog = await screen.findByRole('dialog', { name: 'New contact' });

    fireEvent.click(within(dialog).getByRole('button', { name: 'Create contact' }));
    expect(await within(dialog).findByText('Enter a name or an email address')).toBeTruthy();

    fireEvent.change(within(dialog).getByLabelText('First name'), { target: { value: 'Ada' } });
    fireEvent.change(within(dialog).getByLabelText(/^Email/), {
      target: { value: ' ADA@acme.com ' },
    });

    const early = await within(dialog).findByRole('alert', { name: 'Possible duplicates' });
    expect(within(early).getByText('ada@acme.com · Acme')).toBeTruthy();
    expect(
      within(early).getByRole('link', { name: 'Open existing Ada Lovelace' }).getAttribute('href'),
    ).toBe('/contacts/c1');

    fireEvent.click(within(dialog).getByRole('button', { name: 'Create contact' }));
    const refused = await within(dialog).findByRole('alert', {
      name: 'A contact with this email address already exists',
    });
    fireEvent.click(within(refused).getByRole('button', { name: 'Create anyway' }));

    expect(await screen.findByText('Contact created')).toBeTruthy();
    expect(
      requests.filter((request) => request.method === 'POST').map((request) => request.body),
    ).toEqual([
      { firstName: 'Ada', lastName: '', email: 'ada@acme.com', ownerId: 'admin-1' },
      {
        firstName: 'Ada',
        lastName: '',
        email: 'ada@acme.com',
        ownerId: 'admin-1',
        allowDuplicate: true,
      },
    ]);
    expect(
      requests.some(
        (request) => request.url === '/api/v1/contacts/duplicates?email=ada%40acme.com',
      ),
    ).toBe(true);
  });
});
