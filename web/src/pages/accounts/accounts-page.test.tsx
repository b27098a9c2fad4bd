import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Account } from '../../api/accounts.js';
import { createQueryClient } from '../../app/query-client.js';
import { makeAccount, pageOf, stubApi, urlOf } from '../../test/address-book-fixtures.js';
import { jsonResponse, problemResponse, type RecordedRequest } from '../../test/fetch-stub.js';
import { currentPath, renderApp } from '../../test/render-app.js';
import { makeUser, meAs } from '../../test/session-fixtures.js';

const grace = makeUser({ id: 'u-grace', name: 'Grace Hopper' });

function account(id: string, name: string, domain: string | null, createdAt?: string): Account {
  return makeAccount({ id, name, domain, ...(createdAt && { createdAt, updatedAt: createdAt }) });
}

function accountNamesIn(table: HTMLElement): string[] {
  return within(table)
    .getAllByRole('link')
    .map((link) => link.textContent);
}

/** The list requests, leaving out duplicate look-ups and single accounts. */
function listUrls(requests: readonly RecordedRequest[]): string[] {
  return requests
    .filter(
      (request) => request.method === 'GET' && urlOf(request.url).pathname === '/api/v1/accounts',
    )
    .map((request) => request.url);
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

async function chooseOption(label: string, option: string) {
  fireEvent.click(screen.getByRole('combobox', { name: label }));
  fireEvent.click(await screen.findByRole('option', { name: option }));
}

describe('AccountsPage', () => {
  it('redirects / to the accounts list and renders the rows of every loaded page', async () => {
    const requests = stubApi(({ url }) =>
      url.includes('cursor=page2')
        ? pageOf([account('a3', 'Initech', null)])
        : pageOf(
            [account('a1', 'Acme', 'acme.com'), account('a2', 'Globex', 'globex.com')],
            'page2',
          ),
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
    expect(listUrls(requests)).toEqual([
      '/api/v1/accounts?limit=50',
      '/api/v1/accounts?cursor=page2&limit=50',
    ]);
  });

  it('shows status, owner, tags and contact count in each row', async () => {
    stubApi(
      () =>
        pageOf([
          makeAccount({
            id: 'a1',
            name: 'Acme',
            status: 'customer',
            ownerId: grace.id,
            industry: 'Retail',
            tags: ['vip', 'eu', 'beta', 'partner'],
            contactCount: 3,
          }),
        ]),
      { users: [grace] },
    );
    renderApp('/accounts');

    const table = await screen.findByRole('table', { name: 'Accounts' });
    const row = (await within(table).findByRole('link', { name: 'Acme' })).closest('tr');
    if (!row) throw new Error('no row for Acme');
    expect(within(row).getByText('Customer')).toBeTruthy();
    expect(await within(row).findByText('Grace Hopper')).toBeTruthy();
    expect(within(row).getByText('Retail')).toBeTruthy();
    expect(within(row).getByText('vip')).toBeTruthy();
    expect(within(row).getByText('+1')).toBeTruthy();
    expect(within(row).getByText('3')).toBeTruthy();
  });

  it("names other people's accounts for staff too, from the names-only directory", async () => {
    stubApi(() => pageOf([makeAccount({ id: 'a1', name: 'Acme', ownerId: grace.id })]), {
      me: meAs('staff'),
      users: [grace],
    });
    renderApp('/accounts');
    const table = await screen.findByRole('table', { name: 'Accounts' });
    const row = (await within(table).findByRole('link', { name: 'Acme' })).closest('tr');
    if (!row) throw new Error('no row for Acme');
    expect(await within(row).findByText('Grace Hopper')).toBeTruthy();
  });

  it('searches with the debounced, trimmed term and says when nothing matches', async () => {
    const requests = stubApi(({ url }) =>
      url.includes('q=') ? pageOf([]) : pageOf([account('a1', 'Acme', null)]),
    );
    const { router } = renderApp('/accounts');
    await screen.findByRole('link', { name: 'Acme' });

    fireEvent.change(screen.getByRole('searchbox', { name: 'Search accounts' }), {
      target: { value: ' glo ' },
    });

    expect(await screen.findByText('No matching accounts')).toBeTruthy();
    expect(listUrls(requests)).toEqual([
      '/api/v1/accounts?limit=50',
      '/api/v1/accounts?q=glo&limit=50',
    ]);
    // Kept in the address, so going back to the list finds the same search.
    expect(currentPath(router)).toBe('/accounts?q=glo');
  });

  it('never lets the search term exceed what the API accepts', async () => {
    stubApi(() => pageOf([]));
    renderApp('/accounts');

    const search = await screen.findByRole('searchbox', { name: 'Search accounts' });
    expect(search.getAttribute('maxlength')).toBe('200');
  });

  it('sorts by a clicked column header, toggling the direction and announcing it', async () => {
    const acme = account('a1', 'Acme', null, '2025-01-01T00:00:00Z');
    const globex = account('a2', 'Globex', null, '2025-02-01T00:00:00Z');
    const initech = account('a3', 'Initech', null, '2025-03-01T00:00:00Z');
    const orders: Record<string, Account[]> = {
      '': [initech, globex, acme],
      name: [acme, globex, initech],
      '-name': [initech, globex, acme],
      createdAt: [acme, globex, initech],
      '-updatedAt': [globex, initech, acme],
    };
    const requests = stubApi(({ url }) =>
      pageOf(orders[urlOf(url).searchParams.get('sort') ?? ''] ?? []),
    );
    renderApp('/accounts');

    const table = await screen.findByRole('table', { name: 'Accounts' });
    await within(table).findByRole('link', { name: 'Acme' });
    const nameHeader = within(table).getByRole('columnheader', { name: 'Name' });
    const createdHeader = within(table).getByRole('columnheader', { name: 'Created' });
    const updatedHeader = within(table).getByRole('columnheader', { name: 'Updated' });
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

    fireEvent.click(within(updatedHeader).getByRole('button', { name: 'Updated' }));
    await waitFor(() => expect(accountNamesIn(table)).toEqual(['Globex', 'Initech', 'Acme']));
    expect(updatedHeader.getAttribute('aria-sort')).toBe('descending');

    // Back to newest first: the default order's page is still cached under its own key.
    fireEvent.click(within(createdHeader).getByRole('button', { name: 'Created' }));
    expect(createdHeader.getAttribute('aria-sort')).toBe('descending');
    fireEvent.click(within(createdHeader).getByRole('button', { name: 'Created' }));
    await waitFor(() => expect(accountNamesIn(table)).toEqual(['Acme', 'Globex', 'Initech']));
    expect(createdHeader.getAttribute('aria-sort')).toBe('ascending');

    expect(listUrls(requests)).toEqual([
      '/api/v1/accounts?limit=50',
      '/api/v1/accounts?sort=name&limit=50',
      '/api/v1/accounts?sort=-name&limit=50',
      '/api/v1/accounts?sort=-updatedAt&limit=50',
      '/api/v1/accounts?sort=createdAt&limit=50',
    ]);
  });

  it('orders a search by relevance until a column is clicked, and clearing it restores newest first', async () => {
    const acme = account('a1', 'Acme', null, '2025-01-01T00:00:00Z');
    const acmeLabs = account('a2', 'Acme Labs', null, '2025-02-01T00:00:00Z');
    const initech = account('a3', 'Initech', null, '2025-03-01T00:00:00Z');
    const orders: Record<string, Account[]> = {
      '': [initech, acmeLabs, acme],
      'q=acme': [acme, acmeLabs],
      'q=acme&sort=-createdAt': [acmeLabs, acme],
    };
    const requests = stubApi(({ url }) => {
      const params = urlOf(url).searchParams;
      params.delete('limit');
      return pageOf(orders[params.toString()] ?? []);
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

    expect(listUrls(requests)).toEqual([
      '/api/v1/accounts?limit=50',
      '/api/v1/accounts?q=acme&limit=50',
      '/api/v1/accounts?q=acme&sort=-createdAt&limit=50',
    ]);
  });

  it('returns to relevance order when a new term is typed after a column was clicked', async () => {
    const acme = account('a1', 'Acme', null);
    const acmeLabs = account('a2', 'Acme Labs', null);
    const orders: Record<string, Account[]> = {
      '': [acmeLabs, acme],
      'sort=name': [acme, acmeLabs],
      'q=labs': [acmeLabs],
    };
    const requests = stubApi(({ url }) => {
      const params = urlOf(url).searchParams;
      params.delete('limit');
      return pageOf(orders[params.toString()] ?? []);
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
    expect(listUrls(requests)).toEqual([
      '/api/v1/accounts?limit=50',
      '/api/v1/accounts?sort=name&limit=50',
      '/api/v1/accounts?q=labs&limit=50',
    ]);
  });

  it('filters by status, owner and tag, keeps them in the address, and exports that list', async () => {
    const vip = makeAccount({ id: 'a1', name: 'Acme', status: 'customer', tags: ['vip'] });
    const requests = stubApi(
      ({ url }) =>
        urlOf(url).searchParams.has('tag')
          ? pageOf([vip])
          : pageOf([vip, account('a2', 'Globex', null)]),
      { users: [grace] },
    );
    const { router } = renderApp('/accounts');
    const table = await screen.findByRole('table', { name: 'Accounts' });
    await within(table).findByRole('link', { name: 'Globex' });

    await chooseOption('Status', 'Customer');
    await chooseOption('Owner', 'Grace Hopper');
    const tag = screen.getByRole('combobox', { name: 'Tag' });
    // Comboboxes take typing only from the focused input (autofill is told apart that way).
    tag.focus();
    fireEvent.change(tag, { target: { value: 'VIP' } });
    fireEvent.keyDown(tag, { key: 'Enter' });

    await waitFor(() => expect(accountNamesIn(table)).toEqual(['Acme']));
    const filtered = '?ownerId=u-grace&status=customer&tag=vip';
    expect(listUrls(requests).at(-1)).toBe(`/api/v1/accounts${filtered}&limit=50`);
    expect(screen.getByRole('link', { name: 'Export CSV' }).getAttribute('href')).toBe(
      `/api/v1/accounts${filtered}&format=csv`,
    );
    expect(urlOf(currentPath(router)).searchParams.getAll('tag')).toEqual(['vip']);

    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(accountNamesIn(table)).toEqual(['Acme', 'Globex']));
    expect(currentPath(router)).toBe('/accounts');
    expect(screen.getByRole('link', { name: 'Export CSV' }).getAttribute('href')).toBe(
      '/api/v1/accounts?format=csv',
    );
  });

  it('says so when no account has what the filters ask for', async () => {
    stubApi(() => pageOf([]));
    renderApp('/accounts?status=former_customer');

    expect(await screen.findByText('No matching accounts')).toBeTruthy();
    expect(screen.getByText('No account has what the filters ask for.')).toBeTruthy();
  });

  it('shows the empty state when there are no accounts', async () => {
    stubApi(() => pageOf([]));
    renderApp('/accounts');

    expect(await screen.findByText('No accounts yet')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('shows a server field error on the Name field', async () => {
    const requests = stubApi(({ method, url }) =>
      method === 'POST'
        ? problemResponse(422, {
            title: 'Invalid request',
            errors: [{ path: '/name', message: 'An account with this name already exists' }],
          })
        : url.startsWith('/api/v1/accounts/duplicates')
          ? jsonResponse(200, { items: [] })
          : pageOf([]),
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
      status: 'prospect',
      ownerId: 'admin-1',
    });
  });

  it('validates on the client before calling the server', async () => {
    const requests = stubApi(() => pageOf([]));
    renderApp('/accounts');
    const form = await openCreateForm();

    fireEvent.change(form.domain, { target: { value: 'not a domain' } });
    fireEvent.change(within(form.dialog).getByLabelText('Website'), {
      target: { value: 'ftp://acme.com' },
    });
    fireEvent.click(form.submit);

    expect(await within(form.dialog).findByText('Name is required')).toBeTruthy();
    expect(within(form.dialog).getByText('Enter a domain such as acme.com')).toBeTruthy();
    expect(within(form.dialog).getByText('Enter an http or https address')).toBeTruthy();
    expect(requests.every((request) => request.method === 'GET')).toBe(true);
  });

  it('creates an account, notifies and shows the new row', async () => {
    const created = account('a9', 'Umbrella', 'umbrella.com');
    stubApi(({ method, url }) =>
      method === 'POST'
        ? jsonResponse(201, created)
        : url.startsWith('/api/v1/accounts/duplicates')
          ? jsonResponse(200, { items: [] })
          : pageOf([]),
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

  it('warns of duplicates while typing, and offers them or "Create anyway" when the server refuses', async () => {
    const existing = account('a7', 'Acme GmbH', 'acme.com');
    const created = account('a9', 'Acme', 'acme.com');
    const requests = stubApi(({ method, url, body }) => {
      if (url.startsWith('/api/v1/accounts/duplicates')) {
        return jsonResponse(200, {
          items: urlOf(url).searchParams.get('domain') === 'acme.com' ? [existing] : [],
        });
      }
      if (method === 'POST') {
        const allowed = (body as { allowDuplicate?: boolean }).allowDuplicate === true;
        return allowed
          ? jsonResponse(201, created)
          : problemResponse(409, {
              type: 'urn:crm:problem:already-exists',
              title: 'Already exists',
              detail: 'An account with this domain already exists.',
              duplicates: [existing],
            });
      }
      return pageOf([]);
    });
    renderApp('/accounts');
    const form = await openCreateForm();

    fireEvent.change(form.name, { target: { value: 'Acme' } });
    fireEvent.change(form.domain, { target: { value: 'https://www.Acme.com/' } });

    const early = await within(form.dialog).findByRole('alert', { name: 'Possible duplicates' });
    expect(
      within(early).getByRole('link', { name: 'Open existing Acme GmbH' }).getAttribute('href'),
    ).toBe('/accounts/a7');
    expect(within(early).queryByRole('button', { name: 'Create anyway' })).toBeNull();
    expect(
      requests.some(
        (request) => request.url === '/api/v1/accounts/duplicates?domain=acme.com&name=Acme',
      ),
    ).toBe(true);

    fireEvent.click(form.submit);
    const refused = await within(form.dialog).findByRole('alert', {
      name: 'An account with this domain already exists',
    });
    expect(within(refused).getByRole('link', { name: 'Open existing Acme GmbH' })).toBeTruthy();

    fireEvent.click(within(refused).getByRole('button', { name: 'Create anyway' }));

    expect(await screen.findByText('Account created')).toBeTruthy();
    const posts = requests.filter((request) => request.method === 'POST');
    expect(posts.map((request) => request.body)).toEqual([
      { name: 'Acme', domain: 'https://www.acme.com/', status: 'prospect', ownerId: 'admin-1' },
      {
        name: 'Acme',
        domain: 'https://www.acme.com/',
        status: 'prospect',
        ownerId: 'admin-1',
        allowDuplicate: true,
      },
    ]);
  });

  it('shows an error with a retry when the list fails to load', async () => {
    let failing = true;
    stubApi(() =>
      failing
        ? problemResponse(403, { title: 'Forbidden', detail: 'You may not list accounts' })
        : pageOf([account('a1', 'Acme', null)]),
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
    const requests = stubApi(() =>
      failing
        ? problemResponse(503, {
            type: 'urn:crm:problem:unavailable',
            title: 'Service unavailable',
            detail: 'A service the request needs is unavailable; try again shortly.',
          })
        : pageOf([account('a1', 'Acme', null)]),
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
    expect(listUrls(requests)).toHaveLength(3);

    failing = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));

    expect(await screen.findByRole('link', { name: 'Acme' })).toBeTruthy();
    expect(screen.queryByRole('alert', { name: 'Could not load accounts' })).toBeNull();
  });
});
