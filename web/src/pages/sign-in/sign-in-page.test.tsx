import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/api-error.js';
import {
  jsonResponse,
  noContent,
  problemResponse,
  stubFetch,
  type RecordedRequest,
} from '../../test/fetch-stub.js';
import { currentPath, renderApp } from '../../test/render-app.js';
import { meAs } from '../../test/session-fixtures.js';
import { signInErrorMessage } from './sign-in-page.js';

const admin = meAs('admin');

function signInWith(email: string, password: string) {
  fireEvent.change(screen.getByLabelText('Email'), { target: { value: email } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

/** A gateway where `password` is the only right one; before sign-in every other call is a 401. */
function stubGateway(login: (request: RecordedRequest) => Response): RecordedRequest[] {
  let signedIn = false;
  return stubFetch((request) => {
    if (request.url === '/api/v1/auth/login') {
      const response = login(request);
      signedIn = response.ok;
      return response;
    }
    if (!signedIn) return problemResponse(401, { title: 'Unauthorized' });
    if (request.url === '/api/v1/me') return jsonResponse(200, admin);
    if (request.url === '/api/v1/auth/logout') return noContent();
    return jsonResponse(200, { items: [], nextCursor: null });
  });
}

describe('SignInPage', () => {
  it('signs in, returns to the page asked for and writes with the token from the answer', async () => {
    const requests = stubGateway(() =>
      jsonResponse(200, { user: admin.user, csrfToken: 'from-login' }),
    );
    const { router } = renderApp('/users');
    await screen.findByRole('button', { name: 'Sign in' });
    expect(currentPath(router)).toBe('/sign-in?next=%2Fusers');

    signInWith(' ada@example.com ', 'correct horse');

    expect(await screen.findByRole('heading', { name: 'Users' })).toBeTruthy();
    expect(currentPath(router)).toBe('/users');
    const login = requests.find((request) => request.url === '/api/v1/auth/login');
    expect(login?.body).toEqual({ email: 'ada@example.com', password: 'correct horse' });
    expect(login?.headers).not.toHaveProperty('x-csrf-token');

    fireEvent.click(screen.getByRole('button', { name: 'User menu' }));
    fireEvent.click(
      within(await screen.findByRole('menu')).getByRole('menuitem', { name: 'Sign out' }),
    );
    await screen.findByRole('button', { name: 'Sign in' });
    const logout = requests.find((request) => request.url === '/api/v1/auth/logout');
    expect(logout?.headers['x-csrf-token']).toBe('from-login');
    expect(requests.some((request) => request.url === '/api/v1/auth/csrf')).toBe(false);
  });

  it('goes to /accounts when `next` points off the site', async () => {
    stubGateway(() => jsonResponse(200, { user: admin.user, csrfToken: 't' }));
    const { router } = renderApp('/sign-in?next=%2F%2Fevil.example%2Fx');

    signInWith('ada@example.com', 'correct horse');

    expect(await screen.findByRole('heading', { name: 'Accounts' })).toBeTruthy();
    expect(currentPath(router)).toBe('/accounts');
  });

  it('says when the email or password is wrong, and clears the password', async () => {
    stubGateway(() =>
      problemResponse(401, { title: 'Unauthorized', detail: 'Email or password is incorrect.' }),
    );
    const { router } = renderApp('/sign-in');

    signInWith('ada@example.com', 'wrong');

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Email or password is incorrect.')).toBeTruthy();
    expect((screen.getByLabelText('Password') as HTMLInputElement).value).toBe('');
    expect(currentPath(router)).toBe('/sign-in');
  });

  it('passes on a rate limit with how long to wait', async () => {
    stubGateway(() =>
      problemResponse(
        429,
        { title: 'Too Many Requests', detail: 'Too many sign-in attempts.' },
        { 'Retry-After': '60' },
      ),
    );
    renderApp('/sign-in');

    signInWith('ada@example.com', 'guess');

    const alert = await screen.findByRole('alert');
    expect(
      within(alert).getByText('Too many sign-in attempts. Wait 60 seconds before trying again.'),
    ).toBeTruthy();
  });

  it('asks for both fields before calling the server', async () => {
    const requests = stubGateway(() => jsonResponse(200, {}));
    renderApp('/sign-in');

    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByText('Enter your email')).toBeTruthy();
    expect(screen.getByText('Enter your password')).toBeTruthy();
    expect(requests).toEqual([]);
  });
});

describe('signInErrorMessage', () => {
  it('asks to wait a moment when the server gives no Retry-After', () => {
    expect(signInErrorMessage(new ApiError({ status: 429, title: 'Too Many Requests' }))).toBe(
      'Too many sign-in attempts. Wait a moment before trying again.',
    );
  });
});
