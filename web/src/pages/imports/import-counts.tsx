import { SimpleGrid, Stack, Text } from '@mantine/core';
import type { ImportJob } from '../../api/imports.js';

/** The job's outcome in four numbers; a dry run says what would happen. */
export function ImportCounts({ job }: { readonly job: ImportJob }) {
  const counts = job.dryRun
    ? [
        { label: 'Would be created', value: job.createdCount },
        { label: 'Would be updated', value: job.updatedCount },
        { label: 'Unchanged', value: job.unchangedCount },
        { label: 'Rows with errors', value: job.errorCount },
      ]
    : [
        { label: 'Created', value: job.createdCount },
        { label: 'Updated', value: job.updatedCount },
        { label: 'Unchanged', value: job.unchangedCount },
        { label: 'Rows with errors', value: job.errorCount },
      ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} role="list" aria-label="Import results">
      {counts.map((count) => (
        <Stack key={count.label} gap={0} role="listitem">
          <Text
            size="xl"
            fw={700}
            c={count.label === 'Rows with errors' && count.value > 0 ? 'red' : undefined}
          >
            {count.value}
          </Text>
          <Text size="sm" c="dimmed">
            {count.label}
          </Text>
        </Stack>
      ))}
    </SimpleGrid>
  );
}
