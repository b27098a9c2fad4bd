import { Button, Group, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useImportErrors } from '../../api/import-queries.js';
import type { ImportJob } from '../../api/imports.js';
import { LoadMore } from '../../components/load-more.js';
import { QueryErrorAlert } from '../../components/query-error-alert.js';
import { fieldLabel } from '../../lib/record-fields.js';

/**
 * The rows the job left out and why. The job carries the first errors; "Show all" pages through
 * every one of them.
 */
export function ImportErrorsTable({ job }: { readonly job: ImportJob }) {
  const [showAll, setShowAll] = useState(false);
  const all = useImportErrors(job.id, showAll);
  const errors = showAll && all.data ? all.data.pages.flatMap((page) => page.items) : job.errors;
  if (job.errorCount === 0) return null;

  return (
    <>
      <Table.ScrollContainer minWidth={480}>
        <Table aria-label="Row errors" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={80}>Row</Table.Th>
              <Table.Th w={180}>Field</Table.Th>
              <Table.Th>Problem</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {errors.map((error, index) => (
              <Table.Tr key={`${error.row}-${error.field}-${index}`}>
                <Table.Td>{error.row}</Table.Td>
                <Table.Td>{error.field ? fieldLabel(error.field) : 'Whole row'}</Table.Td>
                <Table.Td>{error.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {showAll && all.isError && !all.isFetchNextPageError && (
        <QueryErrorAlert
          title="Could not load the row errors"
          error={all.error}
          onRetry={() => void all.refetch()}
        />
      )}
      {showAll ? (
        <LoadMore pager={all} what="row errors" auto={false} />
      ) : (
        job.errorCount > job.errors.length && (
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              Showing the first {job.errors.length} of {job.errorCount} row errors.
            </Text>
            <Button size="xs" variant="default" onClick={() => setShowAll(true)}>
              Show all row errors
            </Button>
          </Group>
        )
      )}
    </>
  );
}
