import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Account } from '../../api/accounts.js';
import { jsonResponse, stubFetch } from '../../test/fetch-stub.js';
import { renderApp } from '../../test/render-app.js';

function makeAccount(id: string, name: string, domain: string | null): Account {
  return {
    id,
    name,
    domain,
    ownerId: null,
    createdAt: '2025-03-04T10:00:00Z',
    updatedAt: '2025-03-04T10:00:00Z',
  };
}

async function openCreateForm() {
  fireEvent.click(await screen.findByRole('button', { name: 'New account' }));
  const dialog = await screen.findByRole('dialog', { name: 'New account' });
  return {
    dialog,
    name: within(dialog).getByLabelText(/^Name/),
    domain: within(dialog).getByLabelText('Domain'),
    submit: within(dialog).getByRole('button', { name: 'Create account' }),
  };
}

describe('AccountsPage', () => {
  it('redirects / to the accounts list and renders the rows of every loaded page', async () => {
    const requests = stubFetch(({ url }) =>
      url.includes('cursor=page2')
        ? jsonResponse(200, { items: [makeAccount('a3', 'Initech', null)], nextCursor: null })
        : jsonResponse(200, {
            items: [
              makeAccount('a1', 'Acme', 'acme.com'),
              makeAccount('a2', 'Globex', 'globex.com'),
            ],
            nextCursor: 'page2',
          }),
    );
    renderApp('/');

    const table = await screen.findByRole('table', { name: 'Accounts' });
    const acme = await within(table).findByRole('link', { name: 'Acme' });
    expect(acme.getAttribute('href')).toBe('/accounts/a1');
    expect(within(table).getByText('globex.com')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Accounts' }).getAttribute('aria-current')).toBe(
      'page',
    );

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));

    expect(await within(table).findByRole('link', { name: 'Initech' })).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull());
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    expect(requests.map((request) => request.url)).toEqual([
      '/api/v1/accounts?limit=50',
      '/api/v1/accounts?cursor=page2&limit=50',
    ]);
  });

  it('searches with the debounced, trimmed term and says when nothing matches', async () => {
    const requests = stubFetch(({ url }) =>
      url.includes('q=')
        ? jsonResponse(200, { items: [], nextCursor: null })
        : jsonResponse(200, { items: [makeAccount('a1', 'Acme', null)], nextCursor: null }),
    );
    renderApp('/accounts');
    await screen.findByRole('link', { name: 'Acme' });

    fireEvent.change(screen.getByRole('searchbox', { name: 'Search accounts' }), {
      target: { value: ' glo ' },
    });

    expect(await screen.findByText('No matching accounts')).toBeTruthy();
    expect(requests.map((request) => request.url)).toEqual([
      '/api/v1/accounts?limit=50',
      '/api/v1/accounts?q=glo&limit=50',
    ]);
  });

  it('shows the empty state when there are no accounts', async () => {
    stubFetch(() => jsonResponse(200, { items: [], nextCursor: null }));
    renderApp('/accounts');

    expect(await screen.findByText('No accounts yet')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('shows a server field error on the Name field', async () => {
    const requests = stubFetch(({ method }) =>
      method === 'POST'
        ? jsonResponse(
            422,
            {
              type: 'about:blank',
              title: 'Invalid request',
              status: 422,
              errors: [{ path: '/name', message: 'An account with this name already exists' }],
            },
            'application/problem+json',
          )
        : jsonResponse(200, { items: [], nextCursor: null }),
    );
    renderApp('/accounts');
    const form = await openCreateForm();

    fireEvent.change(form.name, { target: { value: '  Acme  ' } });
    fireEvent.change(form.domain, { target: { value: 'ACME.com' } });
    fireEvent.click(form.submit);

    const message = await within(form.dialog).findByText(
      'An account with this name already exists',
    );
    expect(form.name.getAttribute('aria-invalid')).toBe('true');
    expect(form.name.getAttribute('aria-describedby')).toContain(message.id);
    expect(requests.find((request) => request.method === 'POST')?.body).toEqual({
      name: 'Acme',
      domain: 'acme.com',
    });
  });

  it('validates on the client before calling the server', async () => {
    const requests = stubFetch(() => jsonResponse(200, { items: [], nextCursor: null }));
    renderApp('/accounts');
    const form = await openCreateForm();

    fireEvent.change(form.domain, { target: { value: 'not a domain' } });
    fireEvent.click(form.submit);

    expect(await within(form.dialog).findByText('Name is required')).toBeTruthy();
    expect(within(form.dialog).getByText('Enter a domain such as acme.com')).toBeTruthy();
    expect(requests.every((request) => request.method === 'GET')).toBe(true);
  });

  it('creates an account, notifies and shows the new row', async () => {
    const created = makeAccount('a9', 'Umbrella', 'umbrella.com');
    stubFetch(({ method }) =>
      method === 'POST'
        ? jsonResponse(201, created)
        : jsonResponse(200, { items: [], nextCursor: null }),
    );
    renderApp('/accounts');
    const form = await openCreateForm();

    fireEvent.change(form.name, { target: { value: 'Umbrella' } });
    fireEvent.change(form.domain, { target: { value: 'umbrella.com' } });
    fireEvent.click(form.submit);

    expect(await screen.findByText('Account created')).toBeTruthy();
    const table = await screen.findByRole('table', { name: 'Accounts' });
    expect(within(table).getByRole('link', { name: 'Umbrella' })).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('shows an error with a retry when the list fails to load', async () => {
    let failing = true;
    stubFetch(() =>
      failing
        ? jsonResponse(
            403,
            { title: 'Forbidden', status: 403, detail: 'You may not list accounts' },
            'application/problem+json',
          )
        : jsonResponse(200, { items: [makeAccount('a1', 'Acme', null)], nextCursor: null }),
    );
    renderApp('/accounts');

    const alert = await screen.findByRole('alert', { name: 'Could not load accounts' });
    expect(within(alert).getByText('You may not list accounts')).toBeTruthy();

    failing = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));

    expect(await screen.findByRole('link', { name: 'Acme' })).toBeTruthy();
  });
});
