import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ImportJob } from '../../api/imports.js';
import { makeImportJob, pageOf, routes, stubApi } from '../../test/address-book-fixtures.js';
import { jsonResponse, problemResponse } from '../../test/fetch-stub.js';
import { renderApp } from '../../test/render-app.js';
import { meAs } from '../../test/session-fixtures.js';

const manager = meAs('manager', { id: 'm1', name: 'Mia Manager' });

function rowOf(table: HTMLElement, fileName: string): HTMLElement {
  const row = within(table).getByText(fileName).closest('tr');
  if (!row) throw new Error(`no row for ${fileName}`);
  return row;
}

describe('ImportsPage', () => {
  it('lists imports with their outcome and offers undo only for completed real imports', async () => {
    stubApi(
      routes({
        'GET /api/v1/imports': () =>
          pageOf([
            makeImportJob({
              id: 'i1',
              fileName: 'mine.csv',
              status: 'completed',
              createdBy: 'm1',
              createdCount: 12,
              updatedCount: 3,
              errorCount: 1,
            }),
            makeImportJob({
              id: 'i2',
              fileName: 'check.csv',
              status: 'completed',
              dryRun: true,
              createdBy: 'm1',
            }),
            makeImportJob({
              id: 'i3',
              fileName: 'broken.csv',
              status: 'failed',
              failure: 'Not a CSV file.',
              createdBy: 'm1',
            }),
            makeImportJob({
              id: 'i4',
              fileName: 'old.csv',
              entity: 'contacts',
              status: 'undone',
              undoSkippedCount: 2,
              createdBy: 'm1',
            }),
          ]),
      }),
      { me: manager },
    );
    renderApp('/imports');

    const table = await screen.findByRole('table', { name: 'Imports' });
    await within(table).findByText('mine.csv');
    const mine = rowOf(table, 'mine.csv');
    expect(within(mine).getByText('12 created, 3 updated, 1 with errors')).toBeTruthy();
    expect(within(mine).getByText('Completed')).toBeTruthy();
    expect(within(mine).getByRole('button', { name: 'Undo import of mine.csv' })).toBeTruthy();

    const check = rowOf(table, 'check.csv');
    expect(within(check).getByText('Dry run')).toBeTruthy();
    expect(within(check).queryByRole('button', { name: /Undo/ })).toBeNull();
    expect(within(rowOf(table, 'broken.csv')).getByText('Not a CSV file.')).toBeTruthy();
    const old = rowOf(table, 'old.csv');
    expect(within(old).getByText('Contacts')).toBeTruthy();
    expect(within(old).getByText('2 kept: changed after the import')).toBeTruthy();
    expect(within(old).queryByRole('button', { name: /Undo/ })).toBeNull();
  });

  it('undoes a completed import after confirmation and follows it until it is undone', async () => {
    let job: ImportJob = makeImportJob({
      id: 'i1',
      fileName: 'mine.csv',
      status: 'completed',
      createdBy: 'admin-1',
      createdCount: 4,
    });
    const requests = stubApi(
      routes({
        'GET /api/v1/imports': () => {
          const answer = pageOf([job]);
          // The list after the undo shows it running once, then done.
          if (job.status === 'undoing') job = { ...job, status: 'undone' };
          return answer;
        },
        'POST /api/v1/imports/i1/undo': () => {
          job = { ...job, status: 'undoing' };
          return jsonResponse(202, job);
        },
      }),
    );
    renderApp('/imports');
    const table = await screen.findByRole('table', { name: 'Imports' });

    fireEvent.click(await within(table).findByRole('button', { name: 'Undo import of mine.csv' }));
    const dialog = await screen.findByRole('dialog', { name: 'Undo import?' });
    expect(within(dialog).getByText(/Records this import created are deleted/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Undo import' }));

    expect(await screen.findByText('Undoing the import')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await within(table).findByText('Undoing')).toBeTruthy();
    expect(await within(table).findByText('Undone', {}, { timeout: 3_000 })).toBeTruthy();
    expect(within(table).queryByRole('button', { name: /Undo/ })).toBeNull();
    expect(requests.filter((request) => request.method === 'POST')).toHaveLength(1);
  });

  it('keeps the dialog open with the reason when the undo is refused', async () => {
    stubApi(
      routes({
        'GET /api/v1/imports': () =>
          pageOf([makeImportJob({ id: 'i1', fileName: 'mine.csv', status: 'completed' })]),
        'POST /api/v1/imports/i1/undo': () =>
          problemResponse(409, {
            title: 'Conflict',
            detail: 'The import is already being undone.',
          }),
      }),
    );
    renderApp('/imports');

    fireEvent.click(await screen.findByRole('button', { name: 'Undo import of mine.csv' }));
    const dialog = await screen.findByRole('dialog', { name: 'Undo import?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Undo import' }));

    expect(await within(dialog).findByText('The import is already being undone.')).toBeTruthy();
  });

  it("does not offer to undo someone else's import to a manager, who may undo only their own", async () => {
    stubApi(
      routes({
        'GET /api/v1/imports': () =>
          pageOf([
            makeImportJob({
              id: 'i9',
              fileName: 'theirs.csv',
              status: 'completed',
              createdBy: 'admin-1',
            }),
          ]),
      }),
      { me: manager },
    );
    renderApp('/imports');

    const table = await screen.findByRole('table', { name: 'Imports' });
    await within(table).findByText('theirs.csv');
    expect(within(table).queryByRole('button', { name: /Undo/ })).toBeNull();
    expect(screen.getByRole('link', { name: 'New import' }).getAttribute('href')).toBe(
      '/imports/new',
    );
  });
});
