import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ImportJob } from '../../api/imports.js';
import { makeImportJob, routes, stubApi } from '../../test/address-book-fixtures.js';
import { jsonResponse, type RecordedRequest } from '../../test/fetch-stub.js';
import { renderApp } from '../../test/render-app.js';
import { meAs } from '../../test/session-fixtures.js';

const CSV = 'Company,Web,Segment,Comment\nAcme,acme.com,vip,hello\nGlobex,globex.com,,\n';

const preview = {
  columns: ['Company', 'Web', 'Segment', 'Comment'],
  sampleRows: [
    ['Acme', 'acme.com', 'vip', 'hello'],
    ['Globex', 'globex.com', '', ''],
  ],
  suggestedMapping: [
    { column: 'Company', field: 'name' },
    { column: 'Web', field: 'domain' },
  ],
};

interface ImportServer {
  readonly requests: RecordedRequest[];
}

/**
 * An imports API whose dry run ends as `dryRunResult` and whose real run reports `progress` on
 * its first poll, then `finalRun`.
 */
function stubImports(
  dryRunResult: ImportJob,
  finalRun: ImportJob,
  progress?: ImportJob,
): ImportServer {
  let runPolls = 0;
  const requests = stubApi(
    routes({
      'POST /api/v1/imports/preview': () => jsonResponse(200, preview),
      'POST /api/v1/imports': ({ form }) =>
        form?.get('dryRun') === 'true'
          ? jsonResponse(202, { ...dryRunResult, status: 'queued', processedRows: 0 })
          : jsonResponse(202, { ...finalRun, status: 'queued', processedRows: 0 }),
      [`GET /api/v1/imports/${dryRunResult.id}`]: () => jsonResponse(200, dryRunResult),
      [`GET /api/v1/imports/${finalRun.id}`]: () => {
        runPolls += 1;
        return jsonResponse(200, runPolls === 1 && progress ? progress : finalRun);
      },
    }),
  );
  return { requests };
}

async function chooseFileAndPreview() {
  const input = await screen.findByLabelText('CSV file');
  fireEvent.change(input, {
    target: { files: [new File([CSV], 'companies.csv', { type: 'text/csv' })] },
  });
  fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
  return screen.findByRole('table', { name: 'Column mapping' });
}

async function mapColumn(column: string, field: string) {
  fireEvent.click(screen.getByRole('combobox', { name: `Field for column ${column}` }));
  fireEvent.click(await screen.findByRole('option', { name: field }));
}

function postedImports(requests: readonly RecordedRequest[]) {
  return requests
    .filter((request) => request.url === '/api/v1/imports')
    .map((request) => ({
      entity: request.form?.get('entity'),
      dryRun: request.form?.get('dryRun'),
      mapping: JSON.parse(String(request.form?.get('mapping'))) as unknown,
      file: (request.form?.get('file') as File | null)?.name,
    }));
}

describe('ImportWizardPage', () => {
  it('previews the file, maps the columns, runs a dry run, then imports with progress', async () => {
    const mapping = [
      { column: 'Company', field: 'name' },
      { column: 'Web', field: 'domain' },
      { column: 'Segment', field: 'tags' },
    ];
    const dryRun = makeImportJob({
      id: 'dry1',
      dryRun: true,
      status: 'completed',
      fileName: 'companies.csv',
      mapping,
      totalRows: 2,
      processedRows: 2,
      createdCount: 1,
      updatedCount: 1,
    });
    const run = makeImportJob({
      id: 'run1',
      status: 'completed',
      fileName: 'companies.csv',
      mapping,
      totalRows: 2,
      processedRows: 2,
      createdCount: 1,
      updatedCount: 1,
    });
    const { requests } = stubImports(dryRun, run, { ...run, status: 'running', processedRows: 1 });
    renderApp('/imports/new');

    const table = await chooseFileAndPreview();
    // The server's suggestion is where the mapping starts.
    expect(within(table).getByText('acme.com · globex.com')).toBeTruthy();
    expect(
      (screen.getByRole('combobox', { name: 'Field for column Company' }) as HTMLInputElement)
        .value,
    ).toBe('Name');
    expect(
      (screen.getByRole('combobox', { name: 'Field for column Comment' }) as HTMLInputElement)
        .value,
    ).toBe('Ignore this column');
    await mapColumn('Segment', 'Tags (separated by ;)');

    fireEvent.click(screen.getByRole('button', { name: 'Dry run' }));

    const results = await screen.findByRole('list', { name: 'Import results' });
    expect(within(results).getByText('Would be created').previousSibling?.textContent).toBe('1');
    expect(within(results).getByText('Would be updated').previousSibling?.textContent).toBe('1');
    expect(screen.getByText(/nothing has been changed yet/)).toBeTruthy();
    expect(screen.queryByRole('table', { name: 'Row errors' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Import' }));

    const progress = await screen.findByRole('progressbar', { name: 'Import progress' });
    await waitFor(() => expect(progress.getAttribute('aria-valuenow')).toBe('50'));
    expect(await screen.findByText('Import completed', {}, { timeout: 3_000 })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open accounts' }).getAttribute('href')).toBe(
      '/accounts',
    );
    expect(postedImports(requests)).toEqual([
      { entity: 'accounts', dryRun: 'true', mapping, file: 'companies.csv' },
      { entity: 'accounts', dryRun: 'false', mapping, file: 'companies.csv' },
    ]);
  });

  it('shows the row errors of a dry run, and all of them on request', async () => {
    const dryRun = makeImportJob({
      id: 'dry2',
      entity: 'contacts',
      dryRun: true,
      status: 'completed',
      totalRows: 3,
      processedRows: 3,
      createdCount: 1,
      errorCount: 2,
      errors: [
        { row: 2, field: 'email', message: 'must be an email address such as ada@example.com' },
      ],
    });
    let errorPages = 0;
    const requests = stubApi(
      routes({
        'POST /api/v1/imports/preview': () =>
          jsonResponse(200, {
            ...preview,
            suggestedMapping: [{ column: 'Company', field: 'account' }],
          }),
        'POST /api/v1/imports': () => jsonResponse(202, { ...dryRun, status: 'running' }),
        'GET /api/v1/imports/dry2': () => jsonResponse(200, dryRun),
        'GET /api/v1/imports/dry2/errors': () => {
          errorPages += 1;
          return jsonResponse(200, {
            items: [
              {
                row: 2,
                field: 'email',
                message: 'must be an email address such as ada@example.com',
              },
              { row: 3, field: null, message: 'a contact needs a name or an email address' },
            ],
            nextCursor: null,
          });
        },
      }),
    );
    renderApp('/imports/new?entity=contacts');

    expect(
      ((await screen.findByRole('radio', { name: 'Contacts' })) as HTMLInputElement).checked,
    ).toBe(true);
    await chooseFileAndPreview();

    // Only the account column is mapped: no contact could get a name or an email address.
    fireEvent.click(screen.getByRole('button', { name: 'Dry run' }));
    expect(
      await screen.findByText(
        'Choose a column with the first name, last name or email: every contact needs one.',
      ),
    ).toBeTruthy();
    expect(requests.some((request) => request.url === '/api/v1/imports')).toBe(false);

    await mapColumn('Web', 'Email');
    fireEvent.click(screen.getByRole('button', { name: 'Dry run' }));

    const errors = await screen.findByRole('table', { name: 'Row errors' });
    expect(within(errors).getAllByRole('row')).toHaveLength(2);
    expect(
      within(errors).getByText('must be an email address such as ada@example.com'),
    ).toBeTruthy();
    expect(screen.getByText(/Rows with errors are left out when you import/)).toBeTruthy();
    expect(screen.getByText('Showing the first 1 of 2 row errors.')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Show all row errors' }));

    expect(
      await within(errors).findByText('a contact needs a name or an email address'),
    ).toBeTruthy();
    expect(within(errors).getByText('Whole row')).toBeTruthy();
    expect(errorPages).toBe(1);
    expect(screen.getByRole('button', { name: 'Import' })).toBeTruthy();
  });

  it('checks the file before sending it', async () => {
    const requests = stubApi(routes({}));
    renderApp('/imports/new');

    fireEvent.click(await screen.findByRole('button', { name: 'Preview' }));
    expect(await screen.findByText('Choose a CSV file')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('CSV file'), {
      target: { files: [new File(['x'], 'photo.png', { type: 'image/png' })] },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    expect(await screen.findByText(/Choose a \.csv file/)).toBeTruthy();
    expect(requests).toEqual([]);
  });

  it('is refused to roles that may not import', async () => {
    stubApi(routes({}), { me: meAs('staff') });
    renderApp('/imports/new');

    expect(
      await screen.findByRole('heading', { name: 'You do not have access to this page' }),
    ).toBeTruthy();
  });
});
