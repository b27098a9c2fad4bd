import { Skeleton, Table } from '@mantine/core';

export interface SkeletonRowsProps {
  /** The table's column count, so the placeholder has its shape. */
  readonly columns: number;
  readonly rows?: number;
}

/** Stand-in rows while a table's first page loads; hidden from assistive technology. */
export function SkeletonRows({ columns, rows = 5 }: SkeletonRowsProps) {
  return Array.from({ length: rows }, (_, row) => (
    <Table.Tr key={row} aria-hidden>
      {Array.from({ length: columns }, (_, cell) => (
        <Table.Td key={cell}>
          <Skeleton height={14} radius="sm" />
        </Table.Td>
      ))}
    </Table.Tr>
  ));
}
