import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { User } from '../../api/users.js';
import { jsonResponse, noContent, problemResponse } from '../../test/fetch-stub.js';
import { renderApp } from '../../test/render-app.js';
import { makeUser, meAs, stubSignedIn, TEST_CSRF_TOKEN } from '../../test/session-fixtures.js';

const me = meAs('admin', { id: 'u-admin', name: 'Ada Admin' });
const grace = makeUser({ id: 'u-grace', name: 'Grace Hopper', role: 'manager' });
const linus = makeUser({ id: 'u-linus', name: 'Linus Staff', managerId: 'u-grace' });
const everyone: User[] = [me.user, grace, linus];

const usersPage = (items: readonly User[]) => jsonResponse(200, { items, nextCursor: null });

async function usersTable(): Promise<HTMLElement> {
  const table = await screen.findByRole('table', { name: 'Users' });
  await within(table).findByText('Linus Staff');
  return table;
}

describe('UsersPage', () => {
  it('lists users with their role, manager and status', async () => {
    const requests = stubSignedIn(() => usersPage(everyone), me);
    renderApp('/users');

    const table = await usersTable();
    const linusRow = within(table).getByText('Linus Staff').closest('tr');
    if (!linusRow) throw new Error('no row for Linus');
    expect(within(linusRow).getByText('u-linus@example.com')).toBeTruthy();
    expect(within(linusRow).getByText('Staff')).toBeTruthy();
    expect(within(linusRow).getByText('Grace Hopper')).toBeTruthy();
    expect(within(linusRow).getByText('Active')).toBeTruthy();
    expect(requests.map((request) => request.url).sort()).toEqual([
      '/api/v1/users?limit=200',
      '/api/v1/users?limit=50',
    ]);
  });

  it('puts the server field errors of a new user on the form fields', async () => {
    const requests = stubSignedIn(
      ({ method }) =>
        method === 'POST'
          ? problemResponse(422, {
              title: 'Invalid request',
              errors: [
                { path: '/email', message: 'A user with this email already exists' },
                { path: '/password', message: 'This password is too common' },
              ],
            })
          : usersPage(everyone),
      me,
    );
    renderApp('/users');
    await usersTable();

    fireEvent.click(screen.getByRole('button', { name: 'New user' }));
    const dialog = await screen.findByRole('dialog', { name: 'New user' });
    fireEvent.change(within(dialog).getByLabelText(/^Name/), { target: { value: ' Ken ' } });
    const email = within(dialog).getByLabelText(/^Email/);
    fireEvent.change(email, { target: { value: 'grace@example.com' } });
    const password = within(dialog).getByLabelText(/^Initial password/);
    fireEvent.change(password, { target: { value: 'password1234' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create user' }));

    const emailError = await within(dialog).findByText('A user with this email already exists');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(email.getAttribute('aria-describedby')).toContain(emailError.id);
    expect(within(dialog).getByText('This password is too common')).toBeTruthy();
    expect(password.getAttribute('aria-invalid')).toBe('true');
    const post = requests.find((request) => request.method === 'POST');
    expect(post?.body).toEqual({
      name: 'Ken',
      email: 'grace@example.com',
      role: 'staff',
      password: 'password1234',
    });
    expect(post?.headers['x-csrf-token']).toBe(TEST_CSRF_TOKEN);
  });

  it('checks a new user on the client first', async () => {
    const requests = stubSignedIn(() => usersPage(everyone), me);
    renderApp('/users');
    await usersTable();

    fireEvent.click(screen.getByRole('button', { name: 'New user' }));
    const dialog = await screen.findByRole('dialog', { name: 'New user' });
    fireEvent.change(within(dialog).getByLabelText(/^Email/), { target: { value: 'nope' } });
    fireEvent.change(within(dialog).getByLabelText(/^Initial password/), {
      target: { value: 'short' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create user' }));

    expect(await within(dialog).findByText('Name is required')).toBeTruthy();
    expect(
      within(dialog).getByText('Enter an email address such as jane@example.com'),
    ).toBeTruthy();
    expect(within(dialog).getByText('Use at least 12 characters')).toBeTruthy();
    expect(requests.every((request) => request.method === 'GET')).toBe(true);
  });

  it('deactivates a user after confirmation and ends sessions', async () => {
    const requests = stubSignedIn(({ method }) => {
      if (method === 'PATCH') return jsonResponse(200, { ...linus, active: false });
      if (method === 'DELETE') return noContent();
      return usersPage(everyone);
    }, me);
    renderApp('/users');
    await usersTable();

    fireEvent.click(screen.getByRole('button', { name: 'Actions for Linus Staff' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Deactivate' }));
    const confirm = await screen.findByRole('dialog', { name: 'Deactivate Linus Staff?' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Deactivate' }));
    expect(await screen.findByText('User deactivated')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Actions for Linus Staff' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'End sessions' }));
    const endDialog = await screen.findByRole('dialog', { name: "End Linus Staff's sessions?" });
    fireEvent.click(within(endDialog).getByRole('button', { name: 'End sessions' }));
    expect(await screen.findByText('Sessions ended')).toBeTruthy();

    const writes = requests.filter((request) => request.method !== 'GET');
    expect(writes.map(({ method, url, body }) => ({ method, url, body }))).toEqual([
      { method: 'PATCH', url: '/api/v1/users/u-linus', body: { active: false } },
      { method: 'DELETE', url: '/api/v1/users/u-linus/sessions', body: undefined },
    ]);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('changes a role and a manager with the pickers', async () => {
    const requests = stubSignedIn(
      ({ method }) => (method === 'PATCH' ? jsonResponse(200, linus) : usersPage(everyone)),
      me,
    );
    renderApp('/users');
    await usersTable();

    fireEvent.click(screen.getByRole('button', { name: 'Actions for Linus Staff' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Change role' }));
    const roleDialog = await screen.findByRole('dialog', { name: 'Change role for Linus Staff' });
    fireEvent.click(within(roleDialog).getByRole('combobox', { name: 'Role' }));
    fireEvent.click(await within(roleDialog).findByRole('option', { name: 'Manager' }));
    fireEvent.click(within(roleDialog).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Role changed')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Actions for Linus Staff' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Change manager' }));
    const managerDialog = await screen.findByRole('dialog', {
      name: 'Change manager for Linus Staff',
    });
    // Clearing the picker leaves Linus without a manager.
    fireEvent.click(within(managerDialog).getByRole('button', { name: 'Clear manager' }));
    fireEvent.click(within(managerDialog).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Manager changed')).toBeTruthy();

    expect(requests.filter((r) => r.method === 'PATCH').map((r) => r.body)).toEqual([
      { role: 'manager' },
      { managerId: null },
    ]);
  });

  it('does not offer an admin to demote or deactivate themselves', async () => {
    stubSignedIn(() => usersPage(everyone), me);
    renderApp('/users');
    await usersTable();

    fireEvent.click(screen.getByRole('button', { name: 'Actions for Ada Admin' }));
    const menu = await screen.findByRole('menu');
    expect(within(menu).queryByRole('menuitem', { name: 'Change role' })).toBeNull();
    expect(within(menu).queryByRole('menuitem', { name: 'Deactivate' })).toBeNull();
    expect(within(menu).getByRole('menuitem', { name: 'Change manager' })).toBeTruthy();
  });

  it('shows a manager their team without the admin actions', async () => {
    stubSignedIn(() => usersPage([grace, linus]), meAs('manager', { id: 'u-grace' }));
    renderApp('/users');
    await usersTable();

    expect(screen.queryByRole('button', { name: 'New user' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Actions for/ })).toBeNull();
  });
});
