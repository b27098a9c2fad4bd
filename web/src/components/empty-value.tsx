import { Text } from '@mantine/core';

/** What an empty field shows. */
export function EmptyValue() {
  return (
    <Text c="dimmed" span>
      —
    </Text>
  );
}
