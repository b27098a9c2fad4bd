import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeContact, pageOf, routes, stubApi } from '../../test/address-book-fixtures.js';
import { jsonResponse, noContent } from '../../test/fetch-stub.js';
import { currentPath, renderApp } from '../../test/render-app.js';

const ada = makeContact({
  id: 'c1',
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@acme.com',
  otherEmails: ['ada@home.example'],
  phone: '+44 20 7946 0958',
  title: 'CTO',
  accountId: 'a1',
  accountName: 'Acme',
  version: 2,
});
const adaAgain = makeContact({
  id: 'c2',
  firstName: 'Ada',
  lastName: '',
  email: 'ada.l@example.com',
  phone: '+442079460958',
  otherPhones: ['+1 555 0100'],
  title: null,
  version: 5,
});

function contactRoutes(extra: Parameters<typeof routes>[0] = {}) {
  return routes({
    'GET /api/v1/contacts/c1': () => jsonResponse(200, ada),
    'GET /api/v1/contacts/c1/timeline': () => pageOf([]),
    'GET /api/v1/contacts/c1/attachments': () => pageOf([]),
    ...extra,
  });
}

describe('ContactDetailPage', () => {
  it('shows the contact at their account and edits the email in place', async () => {
    const requests = stubApi(
      contactRoutes({
        'PATCH /api/v1/contacts/c1': () =>
          jsonResponse(200, { ...ada, email: 'ada@acme.example', version: 3 }),
      }),
    );
    renderApp('/contacts/c1');

    expect(await screen.findByRole('heading', { name: 'Ada Lovelace', level: 2 })).toBeTruthy();
    const byline = screen.getByText((_, element) => element?.textContent === 'CTO at Acme', {
      selector: 'p',
    });
    expect(within(byline).getByRole('link', { name: 'Acme' }).getAttribute('href')).toBe(
      '/accounts/a1',
    );
    const details = screen.getByRole('region', { name: 'Details' });
    expect(within(details).getByText('ada@home.example')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Deals' })).toBeTruthy();

    fireEvent.click(within(details).getByRole('button', { name: 'Edit Email' }));
    const email = within(details).getByRole('textbox', { name: 'Email' });
    fireEvent.change(email, { target: { value: 'ADA@Acme.example' } });
    fireEvent.keyDown(email, { key: 'Enter' });

    expect(await within(details).findByRole('link', { name: 'ada@acme.example' })).toBeTruthy();
    expect(requests.find((request) => request.method === 'PATCH')?.body).toEqual({
      email: 'ada@acme.example',
      version: 2,
    });
  });

  it('merges a duplicate contact, keeping every address and number of both', async () => {
    const requests = stubApi(
      contactRoutes({
        'GET /api/v1/contacts': () => pageOf([ada, adaAgain]),
        'POST /api/v1/contacts/c1/merge': () => jsonResponse(200, { ...ada, version: 3 }),
      }),
    );
    const { router } = renderApp('/contacts/c1');

    fireEvent.click(await screen.findByRole('button', { name: 'Merge…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Merge contacts' });
    const picker = within(dialog).getByRole('combobox', { name: 'Contact to merge with' });
    picker.focus();
    fireEvent.change(picker, { target: { value: 'ada' } });
    // The contact itself is not offered.
    const options = await within(dialog).findAllByRole('option');
    expect(options.map((option) => option.textContent)).toEqual(['Ada (ada.l@example.com)']);
    fireEvent.click(options[0] as HTMLElement);

    const preview = within(dialog).getByRole('table', { name: 'Merge preview' });
    const cells = (field: string) =>
      within(within(preview).getByText(field, { selector: 'td' }).closest('tr') as HTMLElement)
        .getAllByRole('cell')
        .map((cell) => cell.textContent);
    expect(cells('Other emails')).toEqual([
      'Other emails',
      'ada@home.example',
      'empty',
      'ada@home.example, ada.l@example.com',
    ]);
    // The same number written differently is kept once.
    expect(cells('Other phones')).toEqual(['Other phones', 'empty', '+1 555 0100', '+1 555 0100']);
    expect(cells('Job title')).toEqual(['Job title', 'CTO', 'empty', 'CTO']);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Merge' }));

    expect(await screen.findByText('Contacts merged')).toBeTruthy();
    expect(currentPath(router)).toBe('/contacts/c1');
    expect(requests.find((request) => request.method === 'POST')).toMatchObject({
      url: '/api/v1/contacts/c1/merge',
      body: { mergedId: 'c2', version: 2, mergedVersion: 5 },
    });
  });

  it('deletes the contact after confirmation and returns to the list', async () => {
    const requests = stubApi(
      contactRoutes({
        'DELETE /api/v1/contacts/c1': () => noContent(),
        'GET /api/v1/contacts': () => pageOf([]),
      }),
    );
    const { router } = renderApp('/contacts/c1');

    fireEvent.click(await screen.findByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete contact?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete contact' }));

    await waitFor(() => expect(currentPath(router)).toBe('/contacts'));
    expect(requests.find((request) => request.method === 'DELETE')?.url).toBe(
      '/api/v1/contacts/c1?version=2',
    );
  });
});
