import { Alert, Anchor, Group, Stack } from '@mantine/core';
import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { useImportJob, useRefreshAfterImport } from '../../api/import-queries.js';
import { isSettled, type ImportJob } from '../../api/imports.js';
import { ENTITY_LABELS } from './import-fields.js';
import { ImportCounts } from './import-counts.js';
import { ImportErrorsTable } from './import-errors-table.js';
import { ImportProgress } from './import-progress.js';

/** Step 4: the import running, then its outcome. */
export function ImportRunStep({ started }: { readonly started: ImportJob }) {
  const job = useImportJob(started.id, started).data ?? started;
  const refresh = useRefreshAfterImport();
  const settled = isSettled(job.status);

  // Whatever the outcome, rows may have changed: the lists showing them are stale.
  useEffect(() => {
    if (settled) refresh(job.entity);
  }, [settled, job.entity, refresh]);

  if (!settled) return <ImportProgress job={job} label="Import progress" />;

  const links = (
    <Group>
      <Anchor component={Link} to={`/${job.entity}`}>
        Open {ENTITY_LABELS[job.entity].toLowerCase()}
      </Anchor>
      <Anchor component={Link} to="/imports">
        Import history
      </Anchor>
    </Group>
  );

  if (job.status !== 'completed') {
    return (
      <Stack gap="md">
        <Alert color="red" role="alert" title="The import failed">
          {job.failure || 'The import stopped before the end.'}
        </Alert>
        {links}
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <Alert color="green" title="Import completed">
        {job.totalRows} rows read. It can be undone from the import history.
      </Alert>
      <ImportCounts job={job} />
      <ImportErrorsTable job={job} />
      {links}
    </Stack>
  );
}
