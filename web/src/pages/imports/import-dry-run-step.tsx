import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { errorMessage } from '../../api/api-error.js';
import { useImportJob, useStartImport } from '../../api/import-queries.js';
import {
  isSettled,
  type ColumnMapping,
  type ImportEntity,
  type ImportJob,
} from '../../api/imports.js';
import { ImportCounts } from './import-counts.js';
import { ImportErrorsTable } from './import-errors-table.js';
import { ImportProgress } from './import-progress.js';

export interface ImportDryRunStepProps {
  readonly entity: ImportEntity;
  readonly file: File;
  readonly mapping: readonly ColumnMapping[];
  /** The dry run as the server queued it. */
  readonly started: ImportJob;
  readonly onBack: () => void;
  readonly onImportStarted: (job: ImportJob) => void;
}

/** Step 3: what the import would do, row errors included, before anything changes. */
export function ImportDryRunStep({
  entity,
  file,
  mapping,
  started,
  onBack,
  onImportStarted,
}: ImportDryRunStepProps) {
  const job = useImportJob(started.id, started).data ?? started;
  const start = useStartImport();

  const runImport = async () => {
    try {
      onImportStarted(await start.mutateAsync({ entity, file, mapping, dryRun: false }));
    } catch {
      // Shown from the mutation's error below.
    }
  };

  if (!isSettled(job.status)) {
    return (
      <Stack gap="md">
        <Text size="sm">Checking every row; nothing is changed.</Text>
        <ImportProgress job={job} label="Dry run progress" />
      </Stack>
    );
  }

  if (job.status !== 'completed') {
    return (
      <Stack gap="md">
        <Alert color="red" role="alert" title="The dry run failed">
          {job.failure || 'The file could not be checked.'}
        </Alert>
        <Group>
          <Button variant="default" onClick={onBack}>
            Back
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <Text size="sm">
        Dry run of {job.totalRows} rows finished: nothing has been changed yet.
        {job.errorCount > 0 &&
          ' Rows with errors are left out when you import; fix them in the file and start again to include them.'}
      </Text>
      <ImportCounts job={job} />
      <ImportErrorsTable job={job} />
      {start.isError && (
        <Alert color="red" role="alert" title="Could not start the import">
          {errorMessage(start.error)}
        </Alert>
      )}
      <Group>
        <Button variant="default" onClick={onBack}>
          Back
        </Button>
        <Button loading={start.isPending} onClick={() => void runImport()}>
          Import
        </Button>
      </Group>
    </Stack>
  );
}
