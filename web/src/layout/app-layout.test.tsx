import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { jsonResponse } from '../test/fetch-stub.js';
import { meAs, stubSignedIn } from '../test/session-fixtures.js';
import { renderApp } from '../test/render-app.js';

describe('AppLayout', () => {
  it('renders the shell around the 404 page for unknown paths', async () => {
    stubSignedIn(() => jsonResponse(200, { items: [], nextCursor: null }), meAs('staff'));
    renderApp('/no/such/page');

    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeTruthy();
    expect(screen.getByText('CRM')).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Accounts' }).getAttribute('href')).toBe(
      '/accounts',
    );
  });
});
