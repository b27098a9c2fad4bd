import { Progress, Stack, Text } from '@mantine/core';
import type { ImportJob } from '../../api/imports.js';

export interface ImportProgressProps {
  readonly job: ImportJob;
  /** The progress bar's accessible name, e.g. "Import progress". */
  readonly label: string;
}

/** How far a job has got; the total is known only once the file has been read to the end. */
export function ImportProgress({ job, label }: ImportProgressProps) {
  const known = job.totalRows > 0;
  const percent = known ? Math.min(100, Math.round((job.processedRows / job.totalRows) * 100)) : 0;
  return (
    <Stack gap={4}>
      <Progress
        value={known ? percent : 100}
        striped={!known}
        animated
        aria-label={label}
        aria-valuetext={known ? `${percent}%` : 'Starting'}
      />
      <Text size="sm" c="dimmed">
        {job.status === 'queued'
          ? 'Waiting to start…'
          : known
            ? `${job.processedRows} of ${job.totalRows} rows (${percent}%)`
            : `${job.processedRows} rows so far…`}
      </Text>
    </Stack>
  );
}
