import { Alert, Button, Group, Stack, Table, Text } from '@mantine/core';
import { fieldLabel, formatFieldValue } from '../../lib/record-fields.js';
import { useUserLookup } from '../../lib/user-lookup.js';

export interface ConflictAlertProps {
  /** "account" or "contact". */
  readonly what: string;
  /** The refused change, field by field. */
  readonly patch: Readonly<Record<string, unknown>>;
  /** The record as the server holds it now; null when the server did not send it. */
  readonly current: Readonly<Record<string, unknown>> | null;
  readonly reapplying: boolean;
  readonly error: string | null;
  readonly onReload: () => void;
  readonly onReapply: () => void;
}

/** Someone else saved the record first: what they have now next to what the user wanted. */
export function ConflictAlert({
  what,
  patch,
  current,
  reapplying,
  error,
  onReload,
  onReapply,
}: ConflictAlertProps) {
  const { nameOf } = useUserLookup();
  const fields = Object.keys(patch);
  return (
    <Alert color="orange" role="alert" title="Changed by someone else">
      <Stack gap="sm">
        <Text size="sm">
          Someone else saved this {what} after you opened it, so your change was not saved. Reload
          to see their version, or reapply your change on top of it.
        </Text>
        <Table withTableBorder aria-label="Conflicting values">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Field</Table.Th>
              <Table.Th>Your change</Table.Th>
              <Table.Th>Current value</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {fields.map((field) => (
              <Table.Tr key={field}>
                <Table.Td>{fieldLabel(field)}</Table.Td>
                <Table.Td>{formatFieldValue(field, patch[field], nameOf)}</Table.Td>
                <Table.Td>
                  {current === null ? 'unknown' : formatFieldValue(field, current[field], nameOf)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {error && (
          <Text size="sm" c="red">
            {error}
          </Text>
        )}
        <Group gap="xs">
          <Button size="xs" variant="default" onClick={onReload} disabled={reapplying}>
            Reload
          </Button>
          <Button size="xs" color="orange" onClick={onReapply} loading={reapplying}>
            Reapply my change
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
