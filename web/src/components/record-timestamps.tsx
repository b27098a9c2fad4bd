import { SimpleGrid, Stack, Text } from '@mantine/core';
import { formatDateTime } from '../lib/format.js';

/** When a record was created and last changed. */
export function RecordTimestamps({
  createdAt,
  updatedAt,
}: {
  readonly createdAt: string;
  readonly updatedAt: string;
}) {
  const items = [
    { label: 'Created', at: createdAt },
    { label: 'Updated', at: updatedAt },
  ];
  return (
    <SimpleGrid cols={2}>
      {items.map((item) => (
        <Stack key={item.label} gap={2}>
          <Text size="xs" c="dimmed" fw={500}>
            {item.label}
          </Text>
          <Text size="sm">
            <time dateTime={item.at}>{formatDateTime(item.at)}</time>
          </Text>
        </Stack>
      ))}
    </SimpleGrid>
  );
}
