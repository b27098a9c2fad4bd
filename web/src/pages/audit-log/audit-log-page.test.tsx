import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../api/audit-events.js';
import { jsonResponse } from '../../test/fetch-stub.js';
import { renderApp } from '../../test/render-app.js';
import { stubSignedIn } from '../../test/session-fixtures.js';

function makeEvent(id: string, action: string, overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id,
    at: '2025-04-01T08:30:00Z',
    actorId: 'u-admin',
    actorName: 'Ada Admin',
    action,
    resourceType: 'user',
    resourceId: 'u-linus',
    changes: null,
    address: '203.0.113.7',
    ...overrides,
  };
}

const roleChange = makeEvent('e1', 'user.updated', {
  changes: {
    role: { before: 'staff', after: 'manager' },
    managerId: { before: 'u-1', after: null },
  },
});
const failedLogin = makeEvent('e2', 'auth.login_failed', {
  actorId: null,
  actorName: null,
  resourceType: 'session',
  resourceId: null,
  address: null,
});
const tokenCreated = makeEvent('e3', 'token.created', { resourceType: 'api-token' });

describe('AuditLogPage', () => {
  it('shows who did what, the changes field by field, and loads more', async () => {
    const requests = stubSignedIn(({ url }) =>
      url.includes('cursor=c2')
        ? jsonResponse(200, { items: [tokenCreated], nextCursor: null })
        : jsonResponse(200, { items: [roleChange, failedLogin], nextCursor: 'c2' }),
    );
    renderApp('/audit-log');

    const table = await screen.findByRole('table', { name: 'Audit log' });
    const row = (await within(table).findByText('user.updated')).closest('tr');
    if (!row) throw new Error('no row for user.updated');
    expect(within(row).getByText('Ada Admin')).toBeTruthy();
    expect(within(row).getByText('203.0.113.7')).toBeTruthy();
    expect(row.textContent).toContain('role: staff → manager');
    expect(row.textContent).toContain('managerId: u-1 → —');

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await within(table).findByText('token.created')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull());
    expect(requests.map((request) => request.url)).toEqual([
      '/api/v1/audit-events?limit=50',
      '/api/v1/audit-events?cursor=c2&limit=50',
    ]);
  });

  it('filters by action', async () => {
    const requests = stubSignedIn(({ url }) =>
      jsonResponse(200, {
        items: url.includes('action=') ? [failedLogin] : [roleChange, failedLogin],
        nextCursor: null,
      }),
    );
    renderApp('/audit-log');
    const table = await screen.findByRole('table', { name: 'Audit log' });
    await within(table).findByText('user.updated');

    fireEvent.click(screen.getByRole('combobox', { name: 'Action' }));
    fireEvent.click(await screen.findByRole('option', { name: 'auth.login_failed' }));

    await waitFor(() => expect(within(table).queryByText('user.updated')).toBeNull());
    expect(requests.at(-1)?.url).toBe('/api/v1/audit-events?action=auth.login_failed&limit=50');
  });
});
