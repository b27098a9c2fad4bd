import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createQueryClient } from '../app/query-client.js';
import {
  jsonResponse,
  noContent,
  problemResponse,
  stubFetch,
  type RecordedRequest,
} from '../test/fetch-stub.js';
import { currentPath, renderApp } from '../test/render-app.js';
import { meAs, stubSignedIn, TEST_CSRF_TOKEN } from '../test/session-fixtures.js';

const emptyPage = () => jsonResponse(200, { items: [], nextCursor: null });
const unauthorized = () =>
  problemResponse(401, { title: 'Unauthorized', detail: 'Sign in to continue.' });

async function navLinks(): Promise<string[]> {
  const nav = await screen.findByRole('navigation', { name: 'Main' });
  return within(nav)
    .getAllByRole('link')
    .map((link) => link.textContent);
}

async function openUserMenu(): Promise<HTMLElement> {
  fireEvent.click(await screen.findByRole('button', { name: 'User menu' }));
  return screen.findByRole('menu');
}

describe('session bootstrap', () => {
  it('sends a visitor without a session to sign in, remembering where they were going', async () => {
    stubFetch(unauthorized);
    const { router } = renderApp('/users?q=ada');

    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeTruthy();
    expect(currentPath(router)).toBe('/sign-in?next=%2Fusers%3Fq%3Dada');
  });

  it('sends the user to sign in when a later request finds the session ended, clearing the cache', async () => {
    let sessionEnded = false;
    stubSignedIn(() => (sessionEnded ? unauthorized() : emptyPage()));
    const queryClient = createQueryClient();
    const { router } = renderApp('/accounts', queryClient);
    expect(await screen.findByText('No accounts yet')).toBeTruthy();

    sessionEnded = true;
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search accounts' }), {
      target: { value: 'acme' },
    });

    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeTruthy();
    // The search is part of the address, so signing in again returns to it.
    expect(currentPath(router)).toBe('/sign-in?next=%2Faccounts%3Fq%3Dacme');
    await waitFor(() => expect(queryClient.getQueryCache().getAll()).toHaveLength(0));
  });
});

describe('navigation and access', () => {
  it('shows an admin every section', async () => {
    stubSignedIn(emptyPage, meAs('admin'));
    renderApp('/accounts');

    expect(await navLinks()).toEqual([
      'Accounts',
      'Contacts',
      'Imports',
      'Users',
      'API tokens',
      'Audit log',
    ]);
  });

  it('shows a manager the address book, imports and their team', async () => {
    stubSignedIn(emptyPage, meAs('manager'));
    renderApp('/accounts');
    expect(await navLinks()).toEqual(['Accounts', 'Contacts', 'Imports', 'Users']);
  });

  it('shows staff the address book only and refuses a typed-in admin page without loading it', async () => {
    const requests = stubSignedIn(emptyPage, meAs('staff'));
    renderApp('/audit-log');

    expect(
      await screen.findByRole('heading', { name: 'You do not have access to this page' }),
    ).toBeTruthy();
    expect(await navLinks()).toEqual(['Accounts', 'Contacts']);
    expect(requests).toEqual([]);
  });

  it('shows the user and their role in the header', async () => {
    stubSignedIn(emptyPage, meAs('manager', { name: 'Grace Hopper' }));
    renderApp('/accounts');

    const button = await screen.findByRole('button', { name: 'User menu' });
    expect(within(button).getByText('Grace Hopper')).toBeTruthy();
    expect(within(button).getByText('Manager')).toBeTruthy();
  });
});

describe('user menu', () => {
  it('signs out with the CSRF token and goes to the sign-in page', async () => {
    const requests = stubSignedIn(({ url }) =>
      url === '/api/v1/auth/logout' ? noContent() : emptyPage(),
    );
    const { router } = renderApp('/accounts');

    fireEvent.click(within(await openUserMenu()).getByRole('menuitem', { name: 'Sign out' }));

    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeTruthy();
    expect(currentPath(router)).toBe('/sign-in');
    const logout = requests.find((request) => request.url === '/api/v1/auth/logout');
    expect(logout).toMatchObject({ method: 'POST' });
    expect(logout?.headers['x-csrf-token']).toBe(TEST_CSRF_TOKEN);
  });

  it('changes the password, putting server field errors on the fields', async () => {
    let attempt = 0;
    const requests = stubSignedIn(({ url }) => {
      if (url !== '/api/v1/me/password') return emptyPage();
      attempt += 1;
      return attempt === 1
        ? problemResponse(422, {
            title: 'Invalid request',
            errors: [{ path: '/currentPassword', message: 'The current password is wrong' }],
          })
        : noContent();
    });
    renderApp('/accounts');

    fireEvent.click(
      within(await openUserMenu()).getByRole('menuitem', { name: 'Change password' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Change password' });
    const current = within(dialog).getByLabelText('Current password');
    fireEvent.change(current, { target: { value: 'old-password' } });
    fireEvent.change(within(dialog).getByLabelText('New password'), {
      target: { value: 'short' },
    });
    fireEvent.change(within(dialog).getByLabelText('Confirm new password'), {
      target: { value: 'different' },
    });
    const submit = within(dialog).getByRole('button', { name: 'Change password' });
    fireEvent.click(submit);

    expect(await within(dialog).findByText('Use at least 12 characters')).toBeTruthy();
    expect(within(dialog).getByText('The passwords do not match')).toBeTruthy();
    expect(requests.some((request: RecordedRequest) => request.method === 'PUT')).toBe(false);

    fireEvent.change(within(dialog).getByLabelText('New password'), {
      target: { value: 'a-long-new-password' },
    });
    fireEvent.change(within(dialog).getByLabelText('Confirm new password'), {
      target: { value: 'a-long-new-password' },
    });
    fireEvent.click(submit);

    expect(await within(dialog).findByText('The current password is wrong')).toBeTruthy();
    expect(current.getAttribute('aria-invalid')).toBe('true');

    fireEvent.click(submit);
    expect(await screen.findByText('Password changed')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(requests.filter((request) => request.method === 'PUT').map((r) => r.body)).toEqual([
      { currentPassword: 'old-password', newPassword: 'a-long-new-password' },
      { currentPassword: 'old-password', newPassword: 'a-long-new-password' },
    ]);
  });
});
