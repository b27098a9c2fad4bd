import {
  Badge,
  Button,
  EmptyState,
  Group,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconFileImport, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../api/api-error.js';
import { useImports, useUndoImport } from '../../api/import-queries.js';
import type { ImportJob } from '../../api/imports.js';
import { allows, allowsOn } from '../../auth/access.js';
import { useSession } from '../../auth/session-context.js';
import { ConfirmModal } from '../../components/confirm-modal.js';
import { LoadMore } from '../../components/load-more.js';
import { QueryErrorAlert } from '../../components/query-error-alert.js';
import { UserName } from '../../components/user-name.js';
import { formatDateTime } from '../../lib/format.js';
import { ENTITY_LABELS, IMPORT_STATUS_COLORS, IMPORT_STATUS_LABELS } from './import-fields.js';

const SKELETON_ROWS = 3;

/** created / updated / errors, and for an undone import what was kept. */
function Outcome({ job }: { readonly job: ImportJob }) {
  const parts = [
    `${job.createdCount} ${job.dryRun ? 'to create' : 'created'}`,
    `${job.updatedCount} ${job.dryRun ? 'to update' : 'updated'}`,
    `${job.errorCount} with errors`,
  ];
  return (
    <Stack gap={0}>
      <Text size="sm">{parts.join(', ')}</Text>
      {job.status === 'undone' && job.undoSkippedCount > 0 && (
        <Text size="xs" c="dimmed">
          {job.undoSkippedCount} kept: changed after the import
        </Text>
      )}
      {job.status === 'failed' && job.failure && (
        <Text size="xs" c="red">
          {job.failure}
        </Text>
      )}
    </Stack>
  );
}

/** Past imports, newest first, with undo for completed ones. */
export function ImportsPage() {
  const me = useSession();
  const imports = useImports();
  const undo = useUndoImport();
  const [toUndo, setToUndo] = useState<ImportJob | null>(null);
  const jobs = imports.data?.pages.flatMap((page) => page.items) ?? [];
  const mayUndo = (job: ImportJob) =>
    job.status === 'completed' && !job.dryRun && allowsOn(me, 'imports', 'undo', job.createdBy);

  const closeUndo = () => {
    setToUndo(null);
    undo.reset();
  };

  let content;
  if (imports.isError && !imports.isFetchNextPageError) {
    content = (
      <QueryErrorAlert
        title="Could not load the imports"
        error={imports.error}
        onRetry={() => void imports.refetch()}
      />
    );
  } else if (!imports.isPending && jobs.length === 0) {
    content = (
      <EmptyState
        icon={<IconFileImport aria-hidden />}
        title="No imports yet"
        description="Bring accounts or contacts in from a CSV file, such as an export from another CRM."
      />
    );
  } else {
    content = (
      <Table.ScrollContainer minWidth={900}>
        <Table aria-label="Imports" aria-busy={imports.isPending}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>File</Table.Th>
              <Table.Th>Records</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Outcome</Table.Th>
              <Table.Th>By</Table.Th>
              <Table.Th>Started</Table.Th>
              <Table.Th>Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {imports.isPending
              ? Array.from({ length: SKELETON_ROWS }, (_, row) => (
                  <Table.Tr key={row} aria-hidden>
                    <Table.Td colSpan={7}>
                      <Skeleton height={14} />
                    </Table.Td>
                  </Table.Tr>
                ))
              : jobs.map((job) => (
                  <Table.Tr key={job.id}>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Text size="sm" fw={500}>
                          {job.fileName}
                        </Text>
                        {job.dryRun && (
                          <Badge size="xs" variant="outline" color="gray">
                            Dry run
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>{ENTITY_LABELS[job.entity]}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={IMPORT_STATUS_COLORS[job.status]} tt="none">
                        {IMPORT_STATUS_LABELS[job.status]}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Outcome job={job} />
                    </Table.Td>
                    <Table.Td>
                      <UserName id={job.createdBy} />
                    </Table.Td>
                    <Table.Td>
                      <time dateTime={job.createdAt}>{formatDateTime(job.createdAt)}</time>
                    </Table.Td>
                    <Table.Td>
                      {mayUndo(job) && (
                        <Button
                          size="xs"
                          variant="default"
                          leftSection={<IconArrowBackUp size={14} aria-hidden />}
                          aria-label={`Undo import of ${job.fileName}`}
                          onClick={() => setToUndo(job)}
                        >
                          Undo
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );
  }

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>Imports</Title>
        {allows(me.permissions, 'imports', 'create') && (
          <Button
            component={Link}
            to="/imports/new"
            leftSection={<IconPlus size={16} aria-hidden />}
          >
            New import
          </Button>
        )}
      </Group>
      {content}
      {!(imports.isError && !imports.isFetchNextPageError) && (
        <LoadMore pager={imports} what="imports" />
      )}
      <ConfirmModal
        opened={toUndo !== null}
        title="Undo import?"
        confirmLabel="Undo import"
        loading={undo.isPending}
        error={undo.isError ? errorMessage(undo.error) : null}
        onConfirm={() => {
          if (!toUndo) return;
          undo.mutate(toUndo.id, {
            onSuccess: () => {
              notifications.show({
                color: 'green',
                title: 'Undoing the import',
                message: toUndo.fileName,
              });
              closeUndo();
            },
          });
        }}
        onClose={closeUndo}
      >
        {`Records this import created are deleted, and records it updated get their previous values back — except those changed since, which are kept as they are.`}
      </ConfirmModal>
    </Stack>
  );
}
