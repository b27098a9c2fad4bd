import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeAccount, pageOf, routes, stubApi, urlOf } from '../../test/address-book-fixtures.js';
import { jsonResponse, problemResponse, type RecordedRequest } from '../../test/fetch-stub.js';
import { currentPath, renderApp } from '../../test/render-app.js';
import { meAs } from '../../test/session-fixtures.js';

const acme = makeAccount({
  id: 'a1',
  name: 'Acme',
  domain: 'acme.com',
  tags: ['vip'],
  notes: 'Key account.',
  contactCount: 2,
  version: 3,
});
const acmeLtd = makeAccount({
  id: 'a2',
  name: 'Acme Ltd',
  domain: 'acme.co.uk',
  phone: '+44 20 7946 0958',
  status: 'customer',
  tags: ['uk', 'vip'],
  contactCount: 1,
  version: 8,
});

/** Both account pages, the search behind the picker and the merge itself. */
function stubMerge(answer: (request: RecordedRequest) => Response): RecordedRequest[] {
  const page = (id: string) => ({
    [`GET /api/v1/accounts/${id}/timeline`]: () => pageOf([]),
    [`GET /api/v1/accounts/${id}/attachments`]: () => pageOf([]),
  });
  return stubApi(
    routes({
      'GET /api/v1/accounts/a1': () => jsonResponse(200, acme),
      'GET /api/v1/accounts/a2': () => jsonResponse(200, acmeLtd),
      'GET /api/v1/accounts': ({ url }) =>
        pageOf(urlOf(url).searchParams.get('q') === 'ltd' ? [acmeLtd] : [acme, acmeLtd]),
      'GET /api/v1/contacts': () => pageOf([]),
      ...page('a1'),
      ...page('a2'),
      'POST /api/v1/accounts/a1/merge': answer,
      'POST /api/v1/accounts/a2/merge': answer,
    }),
  );
}

async function pickOther(dialog: HTMLElement) {
  const picker = within(dialog).getByRole('combobox', { name: 'Account to merge with' });
  picker.focus();
  fireEvent.change(picker, { target: { value: 'ltd' } });
  fireEvent.click(await within(dialog).findByRole('option', { name: 'Acme Ltd (acme.co.uk)' }));
}

async function openMerge(): Promise<HTMLElement> {
  fireEvent.click(await screen.findByRole('button', { name: 'Merge…' }));
  return screen.findByRole('dialog', { name: 'Merge accounts' });
}

function previewRow(dialog: HTMLElement, field: string): string[] {
  const table = within(dialog).getByRole('table', { name: 'Merge preview' });
  const row = within(table).getByText(field, { selector: 'td' }).closest('tr');
  if (!row) throw new Error(`no preview row for ${field}`);
  return within(row)
    .getAllByRole('cell')
    .map((cell) => cell.textContent);
}

describe('MergeAccountModal', () => {
  it('previews what the kept account holds, merges and opens it', async () => {
    const kept = {
      ...acme,
      phone: acmeLtd.phone,
      tags: ['uk', 'vip'],
      contactCount: 3,
      version: 4,
    };
    const requests = stubMerge(() => jsonResponse(200, kept));
    const { router } = renderApp('/accounts/a1');
    const dialog = await openMerge();
    expect(within(dialog).getByRole('button', { name: 'Merge' }).hasAttribute('disabled')).toBe(
      true,
    );

    await pickOther(dialog);

    expect(previewRow(dialog, 'Domain')).toEqual(['Domain', 'acme.com', 'acme.co.uk', 'acme.com']);
    expect(previewRow(dialog, 'Phone')).toEqual([
      'Phone',
      'empty',
      '+44 20 7946 0958',
      '+44 20 7946 0958',
    ]);
    expect(previewRow(dialog, 'Status')).toEqual(['Status', 'Prospect', 'Customer', 'Prospect']);
    expect(previewRow(dialog, 'Tags')).toEqual(['Tags', 'vip', 'uk, vip', 'uk, vip']);
    expect(previewRow(dialog, 'Contacts')).toEqual(['Contacts', '2', '1', '3']);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Merge' }));

    expect(await screen.findByText('Accounts merged')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(currentPath(router)).toBe('/accounts/a1');
    expect(
      requests
        .filter((request) => request.method === 'POST')
        .map(({ url, body }) => ({ url, body })),
    ).toEqual([
      { url: '/api/v1/accounts/a1/merge', body: { mergedId: 'a2', version: 3, mergedVersion: 8 } },
    ]);
  });

  it('can keep the other account instead, and then opens that one', async () => {
    const requests = stubMerge(() => jsonResponse(200, { ...acmeLtd, version: 9 }));
    const { router } = renderApp('/accounts/a1');
    const dialog = await openMerge();
    await pickOther(dialog);

    fireEvent.click(within(dialog).getByRole('radio', { name: 'Acme Ltd (acme.co.uk)' }));
    expect(previewRow(dialog, 'Domain')).toEqual([
      'Domain',
      'acme.co.uk',
      'acme.com',
      'acme.co.uk',
    ]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Merge' }));

    await waitFor(() => expect(currentPath(router)).toBe('/accounts/a2'));
    expect(await screen.findByRole('heading', { name: 'Acme Ltd', level: 2 })).toBeTruthy();
    expect(requests.find((request) => request.method === 'POST')).toMatchObject({
      url: '/api/v1/accounts/a2/merge',
      body: { mergedId: 'a1', version: 8, mergedVersion: 3 },
    });
  });

  it('explains a refused merge and stays open', async () => {
    stubMerge(() =>
      problemResponse(409, {
        title: 'Conflict',
        detail: 'Acme Ltd was changed since you opened it.',
        currentVersion: 9,
      }),
    );
    renderApp('/accounts/a1');
    const dialog = await openMerge();
    await pickOther(dialog);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Merge' }));

    const alert = await within(dialog).findByRole('alert', { name: 'Could not merge' });
    expect(within(alert).getByText('Acme Ltd was changed since you opened it.')).toBeTruthy();
  });

  it('is not offered to roles that may not merge', async () => {
    stubApi(
      routes({
        'GET /api/v1/accounts/a1': () => jsonResponse(200, acme),
        'GET /api/v1/contacts': () => pageOf([]),
        'GET /api/v1/accounts/a1/timeline': () => pageOf([]),
        'GET /api/v1/accounts/a1/attachments': () => pageOf([]),
      }),
      { me: meAs('staff') },
    );
    renderApp('/accounts/a1');

    expect(await screen.findByRole('heading', { name: 'Acme', level: 2 })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Merge…' })).toBeNull();
  });
});
