import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ApiToken } from '../../api/api-tokens.js';
import { createQueryClient } from '../../app/query-client.js';
import { jsonResponse, noContent, problemResponse } from '../../test/fetch-stub.js';
import { renderApp } from '../../test/render-app.js';
import { meAs, stubSignedIn } from '../../test/session-fixtures.js';

const SECRET = 'crm_pat_s3cr3t-value';

function makeToken(id: string, name: string, overrides: Partial<ApiToken> = {}): ApiToken {
  return {
    id,
    name,
    scopes: ['read'],
    expiresAt: null,
    lastUsedAt: null,
    createdAt: '2025-02-01T09:00:00Z',
    createdBy: 'admin-1',
    ...overrides,
  };
}

describe('ApiTokensPage', () => {
  it('creates a token and shows its secret once, with a warning', async () => {
    const tokens: ApiToken[] = [makeToken('t1', 'Billing sync')];
    const requests = stubSignedIn(({ method }) => {
      if (method === 'POST') {
        const created = makeToken('t2', 'Warehouse', { scopes: ['read', 'ingest'] });
        tokens.push(created);
        return jsonResponse(201, { ...created, token: SECRET });
      }
      return jsonResponse(200, { items: tokens, nextCursor: null });
    }, meAs('admin'));
    const queryClient = createQueryClient();
    renderApp('/api-tokens', queryClient);
    const table = await screen.findByRole('table', { name: 'API tokens' });
    expect(await within(table).findByText('Billing sync')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'New token' }));
    const form = await screen.findByRole('dialog', { name: 'New API token' });
    fireEvent.change(within(form).getByLabelText(/^Name/), { target: { value: ' Warehouse ' } });
    fireEvent.click(within(form).getByRole('checkbox', { name: 'Read' }));
    fireEvent.click(within(form).getByRole('checkbox', { name: 'Ingest' }));
    fireEvent.change(within(form).getByLabelText('Expires on'), {
      target: { value: '2099-12-31' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Create token' }));

    const shown = await screen.findByRole('dialog', { name: 'Token “Warehouse” created' });
    expect(within(shown).getByText(SECRET)).toBeTruthy();
    expect(within(shown).getByText(/It will not be shown again/)).toBeTruthy();
    expect(within(shown).getByRole('button', { name: 'Copy token' })).toBeTruthy();
    expect(screen.queryByRole('dialog', { name: 'New API token' })).toBeNull();

    fireEvent.click(within(shown).getByRole('button', { name: 'Done' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await within(table).findByText('Warehouse')).toBeTruthy();
    expect(screen.queryByText(SECRET)).toBeNull();
    // Nor is it kept anywhere it could be read back from later.
    await waitFor(() => {
      const cached = [
        ...queryClient
          .getQueryCache()
          .getAll()
          .map((query) => query.state.data),
        ...queryClient
          .getMutationCache()
          .getAll()
          .map((mutation) => mutation.state.data),
      ];
      expect(JSON.stringify(cached)).not.toContain(SECRET);
    });
    const post = requests.find((request) => request.method === 'POST');
    expect(post?.body).toEqual({
      name: 'Warehouse',
      scopes: ['read', 'ingest'],
      expiresAt: new Date(2099, 11, 31, 23, 59, 59, 999).toISOString(),
    });
  });

  it('asks for a name and a scope, and shows server field errors', async () => {
    const requests = stubSignedIn(({ method }) =>
      method === 'POST'
        ? problemResponse(422, {
            title: 'Invalid request',
            errors: [{ path: '/expiresAt', message: 'Must be within a year' }],
          })
        : jsonResponse(200, { items: [], nextCursor: null }),
    );
    renderApp('/api-tokens');

    fireEvent.click(await screen.findByRole('button', { name: 'New token' }));
    const form = await screen.findByRole('dialog', { name: 'New API token' });
    fireEvent.click(within(form).getByRole('button', { name: 'Create token' }));
    expect(await within(form).findByText('Name is required')).toBeTruthy();
    expect(within(form).getByText('Choose at least one scope')).toBeTruthy();
    expect(requests.some((request) => request.method === 'POST')).toBe(false);

    fireEvent.change(within(form).getByLabelText(/^Name/), { target: { value: 'CI' } });
    fireEvent.click(within(form).getByRole('checkbox', { name: 'Write' }));
    fireEvent.change(within(form).getByLabelText('Expires on'), {
      target: { value: '2099-01-01' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Create token' }));

    expect(await within(form).findByText('Must be within a year')).toBeTruthy();
    expect(within(form).getByLabelText('Expires on').getAttribute('aria-invalid')).toBe('true');
  });

  it('revokes a token after confirmation', async () => {
    let tokens = [makeToken('t1', 'Billing sync', { lastUsedAt: '2025-03-01T10:00:00Z' })];
    const requests = stubSignedIn(({ method }) => {
      if (method === 'DELETE') {
        tokens = [];
        return noContent();
      }
      return jsonResponse(200, { items: tokens, nextCursor: null });
    });
    renderApp('/api-tokens');

    fireEvent.click(await screen.findByRole('button', { name: 'Revoke Billing sync' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke “Billing sync”?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke token' }));

    expect(await screen.findByText('No API tokens')).toBeTruthy();
    expect(requests.find((request) => request.method === 'DELETE')?.url).toBe(
      '/api/v1/api-tokens/t1',
    );
  });
});
