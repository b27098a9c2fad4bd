import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { jsonResponse } from '../../test/fetch-stub.js';
import { stubSignedIn } from '../../test/session-fixtures.js';
import { renderApp } from '../../test/render-app.js';

describe('AccountDetailPage', () => {
  it("shows the account's fields", async () => {
    const requests = stubSignedIn(() =>
      jsonResponse(200, {
        id: 'a/1',
        name: 'Acme',
        domain: 'acme.com',
        ownerId: 'user-7',
        createdAt: '2025-03-04T10:00:00Z',
        updatedAt: '2025-03-05T11:00:00Z',
      }),
    );
    renderApp('/accounts/a%2F1');

    expect(await screen.findByRole('heading', { name: 'Acme' })).toBeTruthy();
    expect(screen.getByText('acme.com')).toBeTruthy();
    expect(screen.getByText('user-7')).toBeTruthy();
    expect(requests.map((request) => request.url)).toEqual(['/api/v1/accounts/a%2F1']);
  });

  it('says so when the account does not exist', async () => {
    stubSignedIn(() =>
      jsonResponse(404, { title: 'Not Found', status: 404 }, 'application/problem+json'),
    );
    renderApp('/accounts/missing');

    expect(await screen.findByRole('heading', { name: 'Account not found' })).toBeTruthy();
  });
});
