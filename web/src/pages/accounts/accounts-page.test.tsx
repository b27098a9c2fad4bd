import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Account } from '../../api/accounts.js';
import { createQueryClient } from '../../app/query-client.js';
import { jsonResponse } from '../../test/fetch-stub.js';
import { stubSignedIn } from '../../test/session-fixtures.js';
import { renderApp } from '../../test/render-app.js';

function makeAccount(
  id: string,
  name: string,
  domain: string | null,
  createdAt = '2025-03-04T10:00:00Z',
): Account {
  return { id, name, domain, ownerId: null, createdAt, updatedAt: createdAt };
}

function accountNamesIn(table: HTMLElement): string[] {
  return within(table)
    .getAllByRole('link')
    .map((link) => link.textContent);
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
    const requests = stubSignedIn(({ url }) =>
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
    const requests = stubSignedIn(({ url }) =>
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

  it('never lets the search term exceed what the API accepts', async () => {
    stubSignedIn(() => jsonResponse(200, { items: [], nextCursor: null }));
    renderApp('/accounts');

    const search = await screen.findByRole('searchbox', { name: 'Search accounts' });
    expect(search.getAttribute('maxlength')).toBe('200');
  });

  it('sorts by a clicked column header, toggling the direction and announcing it', async () => {
    const acme = makeAccount('a1', 'Acme', null, '2025-01-01T00:00:00Z');
    const globex = makeAccount('a2', 'Globex', null, '2025-02-01T00:00:00Z');
    const initech = makeAccount('a3', 'Initech', null, '2025-03-01T00:00:00Z');
    const orders: Record<string, Account[]> = {
      '': [initech, globex, acme],
      name: [acme, globex, initech],
      '-name': [initech, globex, acme],
      createdAt: [acme, globex, initech],
    };
    const requests = stubSignedIn(({ url }) => {
      const sort = new URL(url, 'http://localhost').searchParams.get('sort') ?? '';
      return jsonResponse(200, { items: orders[sort] ?? [], nextCursor: null });
    });
    renderApp('/accounts');

    const table = await screen.findByRole('table', { name: 'Accounts' });
    await within(table).findByRole('link', { name: 'Acme' });
    const nameHeader = within(table).getByRole('columnheader', { name: 'Name' });
    const createdHeader = within(table).getByRole('columnheader', { name: 'Created' });
    expect(accountNamesIn(table)).toEqual(['Initech', 'Globex', 'Acme']);
    expect(createdHeader.getAttribute('aria-sort')).toBe('descending');
    expect(nameHeader.hasAttribute('aria-sort')).toBe(false);

    fireEvent.click(within(nameHeader).getByRole('button', { name: 'Name' }));
    await waitFor(() => expect(accountNamesIn(table)).toEqual(['Acme', 'Globex', 'Initech']));
    expect(nameHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(createdHeader.hasAttribute('aria-sort')).toBe(false);

    fireEvent.click(within(nameHeader).getByRole('button', { name: 'Name' }));
    await waitFor(() => expect(accountNamesIn(table)).toEqual(['Initech', 'Globex', 'Acme']));
    expect(nameHeader.getAttribute('aria-sort')).toBe('descending');

    // Back to newest first: the default order's page is still cached under its own key.
    fireEvent.click(within(createdHeader).getByRole('button', { name: 'Created' }));
    expect(createdHeader.getAttribute('aria-sort')).toBe('descending');
    fireEvent.click(within(createdHeader).getByRole('button', { name: 'Created' }));
    await waitFor(() => expect(accountNamesIn(table)).toEqual(['Acme', 'Globex', 'Initech']));
    expect(createdHeader.getAttribute('aria-sort')).toBe('ascending');

    expect(requests.map((request) => request.url)).toEqual([
      '/api/v1/accounts?limit=50',
      '/api/v1/accounts?sort=name&limit=50',
      '/api/v1/accounts?sort=-name&limit=50',
      '/api/v1/accounts?sort=createdAt&limit=50',
    ]);
  });

  it('orders a search by relevance until a column is clicked, and clearing it restores newest first', async () => {
    const acme = makeAccount('a1', 'Acme', null, '2025-01-01T00:00:00Z');
    const acmeLabs = makeAccount('a2', 'Acme Labs', null, '2025-02-01T00:00:00Z');
    const initech = makeAccount('a3', 'Initech', null, '2025-03-01T00:00:00Z');
    const orders: Record<string, Account[]> = {
      '': [initech, acmeLabs, acme],
      'q=acme': [acme, acmeLabs],
      'q=acme&sort=-createdAt': [acmeLabs, acme],
    };
    const requests = stubSignedIn(({ url }) => {
      const params = new URL(url, 'http://localhost').searchParams;
      params.delete('limit');
      return jsonResponse(200, { items: orders[params.toString()] ?? [], nextCursor: null });
    });
    renderApp('/accounts');

    const table = await screen.findByRole('table', { name: 'Accounts' });
    await within(table).findByRole('link', { name: 'Initech' });
    const nameHeader = within(table).getByRole('columnheader', { name: 'Name' });
    const createdHeader = within(table).getByRole('columnheader', { name: 'Created' });
    const search = screen.getByRole('searchbox', { name: 'Search accounts' });
    expect(screen.queryByText('Best matches first')).toBeNull();

    fireEvent.change(search, { target: { value: 'acme' } });
    await waitFor(() => expect(accountNamesIn(table)).toEqual(['Acme', 'Acme Labs']));
    expect(nameHeader.hasAttribute('aria-sort')).toBe(false);
    expect(createdHeader.hasAttribute('aria-sort')).toBe(false);
    const hint = screen.getByText('Best matches first');
    expect(table.getAttribute('aria-describedby')).toBe(hint.id);

    // Newest first is no longer implied by leaving `sort` out, so it is asked for by name.
    fireEvent.click(within(createdHeader).getByRole('button', { name: 'Created' }));
    await waitFor(() => expect(accountNamesIn(table)).toEqual(['Acme Labs', 'Acme']));
    expect(createdHeader.getAttribute('aria-sort')).toBe('descending');
    expect(screen.queryByText('Best matches first')).toBeNull();
    expect(table.hasAttribute('aria-describedby')).toBe(false);

    fireEvent.change(search, { target: { value: '' } });
    await waitFor(() => expect(accountNamesIn(table)).toEqual(['Initech', 'Acme Labs', 'Acme']));
    expect(createdHeader.getAttribute('aria-sort')).toBe('descending');
    expect(nameHeader.hasAttribute('aria-sort')).toBe(false);
    expect(screen.queryByText('Best matches first')).toBeNull();

    expect(requests.map((request) => request.url)).toEqual([
      '/api/v1/accounts?limit=50',
      '/api/v1/accounts?q=acme&limit=50',
      '/api/v1/accounts?q=acme&sort=-createdAt&limit=50',
    ]);
  });

  it('returns to relevance order when a new term is typed after a column was clicked', async () => {
    const acme = makeAccount('a1', 'Acme', null);
    const acmeLabs = makeAccount('a2', 'Acme Labs', null);
    const orders: Record<string, Account[]> = {
      '': [acmeLabs, acme],
      'sort=name': [acme, acmeLabs],
      'q=labs': [acmeLabs],
    };
    const requests = stubSignedIn(({ url }) => {
      const params = new URL(url, 'http://localhost').searchParams;
      params.delete('limit');
      return jsonResponse(200, { items: orders[params.toString()] ?? [], nextCursor: null });
    });
    renderApp('/accounts');

    const table = await screen.findByRole('table', { name: 'Accounts' });
    await within(table).findByRole('link', { name: 'Acme' });
    const nameHeader = within(table).getByRole('columnheader', { name: 'Name' });
    fireEvent.click(within(nameHeader).getByRole('button', { name: 'Name' }));
    await waitFor(() => expect(accountNamesIn(table)).toEqual(['Acme', 'Acme Labs']));
    expect(nameHeader.getAttribute('aria-sort')).toBe('ascending');

    fireEvent.change(screen.getByRole('searchbox', { name: 'Search accounts' }), {
      target: { value: 'labs' },
    });
    await waitFor(() => expect(accountNamesIn(table)).toEqual(['Acme Labs']));
    expect(nameHeader.hasAttribute('aria-sort')).toBe(false);
    expect(screen.getByText('Best matches first')).toBeTruthy();
    expect(requests.map((request) => request.url)).toEqual([
      '/api/v1/accounts?limit=50',
      '/api/v1/accounts?sort=name&limit=50',
      '/api/v1/accounts?q=labs&limit=50',
    ]);
  });

  it('shows the empty state when there are no accounts', async () => {
    stubSignedIn(() => jsonResponse(200, { items: [], nextCursor: null }));
    renderApp('/accounts');

    expect(await screen.findByText('No accounts yet')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('shows a server field error on the Name field', async () => {
    const requests = stubSignedIn(({ method }) =>
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
    const requests = stubSignedIn(() => jsonResponse(200, { items: [], nextCursor: null }));
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
    stubSignedIn(({ method }) =>
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
    stubSignedIn(() =>
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

  it('explains a 503 with the problem detail after retrying, and offers a retry', async () => {
    let failing = true;
    const requests = stubSignedIn(() =>
      failing
        ? jsonResponse(
            503,
            {
              type: 'urn:crm:problem:unavailable',
              title: 'Service unavailable',
              status: 503,
              detail: 'A service the request needs is unavailable; try again shortly.',
            },
            'application/problem+json',
          )
        : jsonResponse(200, { items: [makeAccount('a1', 'Acme', null)], nextCursor: null }),
    );
    // The app's retry policy, without its back-off pauses.
    const queryClient = createQueryClient();
    queryClient.setDefaultOptions({
      ...queryClient.getDefaultOptions(),
      queries: { ...queryClient.getDefaultOptions().queries, retryDelay: 0 },
    });
    renderApp('/accounts', queryClient);

    const alert = await screen.findByRole('alert', { name: 'Could not load accounts' });
    expect(
      within(alert).getByText('A service the request needs is unavailable; try again shortly.'),
    ).toBeTruthy();
    // A server failure may pass, so it was retried before being shown (a 4xx is not).
    expect(requests).toHaveLength(3);

    failing = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));

    expect(await screen.findByRole('link', { name: 'Acme' })).toBeTruthy();
    expect(screen.queryByRole('alert', { name: 'Could not load accounts' })).toBeNull();
  });
});
