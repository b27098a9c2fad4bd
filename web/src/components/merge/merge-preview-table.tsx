import { Table, Text } from '@mantine/core';

export interface MergePreviewRow {
  readonly label: string;
  readonly survivor: string;
  readonly merged: string;
  readonly result: string;
}

export interface MergePreviewTableProps {
  readonly survivorName: string;
  readonly mergedName: string;
  readonly rows: readonly MergePreviewRow[];
}

/** Both records side by side and what the kept one holds afterwards, field by field. */
export function MergePreviewTable({ survivorName, mergedName, rows }: MergePreviewTableProps) {
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table withTableBorder withColumnBorders aria-label="Merge preview" layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={130}>Field</Table.Th>
            <Table.Th>{survivorName} (kept)</Table.Th>
            <Table.Th>{mergedName} (merged in)</Table.Th>
            <Table.Th>After the merge</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            const changed = row.result !== row.survivor;
            return (
              <Table.Tr key={row.label}>
                <Table.Td>{row.label}</Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={3}>
                    {row.survivor}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={3}>
                    {row.merged}
                  </Text>
                </Table.Td>
                <Table.Td bg={changed ? 'var(--mantine-color-yellow-light)' : undefined}>
                  <Text size="sm" lineClamp={3} fw={changed ? 600 : undefined}>
                    {row.result}
                  </Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
