import {
  Alert,
  Button,
  Code,
  EmptyState,
  Group,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useAuditEvents } from '../../api/audit-event-queries.js';
import { AUDIT_ACTIONS, type AuditEvent } from '../../api/audit-events.js';
import { errorMessage } from '../../api/api-error.js';
import { SkeletonRows } from '../../components/skeleton-rows.js';
import { formatDateTime } from '../../lib/format.js';
import { changeLines } from './audit-format.js';

const COLUMNS = 6;

function Dash() {
  return (
    <Text c="dimmed" span size="sm">
      —
    </Text>
  );
}

function Changes({ event }: { readonly event: AuditEvent }) {
  const lines = changeLines(event);
  if (lines.length === 0) return <Dash />;
  return (
    <Stack gap={2}>
      {lines.map((line) => (
        <Text key={line.field} size="sm">
          <Text span fw={600} size="sm">
            {line.field}
          </Text>
          : {line.before} → {line.after}
        </Text>
      ))}
    </Stack>
  );
}

function EventRow({ event }: { readonly event: AuditEvent }) {
  return (
    <Table.Tr>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <time dateTime={event.at}>{formatDateTime(event.at)}</time>
      </Table.Td>
      <Table.Td>{event.actorName ?? event.actorId ?? <Dash />}</Table.Td>
      <Table.Td>
        <Code>{event.action}</Code>
      </Table.Td>
      <Table.Td>
        {event.resourceType}
        {event.resourceId !== null && (
          <Text c="dimmed" size="xs">
            {event.resourceId}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Changes event={event} />
      </Table.Td>
      <Table.Td>{event.address ?? <Dash />}</Table.Td>
    </Table.Tr>
  );
}

export function AuditLogPage() {
  const [action, setAction] = useState<string | null>(null);
  const events = useAuditEvents(action);
  const rows = useMemo(() => events.data?.pages.flatMap((page) => page.items) ?? [], [events.data]);
  const failedFirstLoad = events.isError && !events.isFetchNextPageError;

  return (
    <Stack gap="md">
      <Title order={2}>Audit log</Title>

      <Select
        label="Action"
        placeholder="All actions"
        data={[...AUDIT_ACTIONS]}
        clearable
        // Mantine hides the clear button from the keyboard and screen readers; it is the way back
        // to all actions, so it is labelled and reachable.
        clearButtonProps={{ 'aria-label': 'Show all actions', 'aria-hidden': false, tabIndex: 0 }}
        searchable
        value={action}
        onChange={setAction}
        maw={320}
      />

      {failedFirstLoad ? (
        <Alert color="red" role="alert" title="Could not load the audit log">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{errorMessage(events.error)}</Text>
            <Button size="xs" variant="light" color="red" onClick={() => void events.refetch()}>
              Retry
            </Button>
          </Stack>
        </Alert>
      ) : !events.isPending && rows.length === 0 ? (
        <EmptyState
          icon={<IconHistory aria-hidden />}
          title="No events"
          description={
            action ? `Nothing recorded for ${action}.` : 'Nothing has been recorded yet.'
          }
        />
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table aria-label="Audit log" aria-busy={events.isPending} verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Who</Table.Th>
                <Table.Th>Action</Table.Th>
                <Table.Th>Resource</Table.Th>
                <Table.Th>Changes</Table.Th>
                <Table.Th>Address</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {events.isPending ? (
                <SkeletonRows columns={COLUMNS} />
              ) : (
                rows.map((event) => <EventRow key={event.id} event={event} />)
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      {events.isFetchNextPageError && (
        <Alert color="red" role="alert" title="Could not load more events">
          {errorMessage(events.error)}
        </Alert>
      )}

      {events.hasNextPage && !failedFirstLoad && (
        <Group justify="center">
          <Button
            variant="default"
            loading={events.isFetchingNextPage}
            onClick={() => void events.fetchNextPage()}
          >
            Load more
          </Button>
        </Group>
      )}
    </Stack>
  );
}
