import { Table } from '@mantine/core';
import type { ReactNode } from 'react';
import {
  nextSort,
  sortDirection,
  type ColumnSort,
  type SortDirection,
} from '../../lib/column-sort.js';
import { SkeletonRows } from '../skeleton-rows.js';
import { SortableHeader } from '../sortable-header.js';

export interface RecordTableProps<C extends string> {
  /** The table's accessible name ("Accounts"). */
  readonly label: string;
  readonly minWidth: number;
  /** How many columns `head` makes, for the loading placeholder. */
  readonly columns: number;
  readonly loading: boolean;
  readonly describedBy: string | undefined;
  readonly sort: string;
  readonly onSort: (sort: ColumnSort<NoInfer<C>>) => void;
  /** The columns the list can be ordered by, each with the order its first click gives. */
  readonly firstDirection: Readonly<Record<C, SortDirection>>;
  /** The header cells; `header` makes the cell of a sortable column. */
  readonly head: (header: (column: NoInfer<C>, label: string) => ReactNode) => ReactNode;
  /** The rows, shown once the first page is in. */
  readonly children: ReactNode;
}

/** A paged list's table: sortable headers, and placeholder rows while the first page loads. */
export function RecordTable<C extends string>({
  label,
  minWidth,
  columns,
  loading,
  describedBy,
  sort,
  onSort,
  firstDirection,
  head,
  children,
}: RecordTableProps<C>) {
  const header = (column: C, columnLabel: string) => (
    <SortableHeader
      label={columnLabel}
      direction={sortDirection(sort, column)}
      onSort={() => onSort(nextSort(sort, column, firstDirection[column]))}
    />
  );
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table highlightOnHover aria-label={label} aria-busy={loading} aria-describedby={describedBy}>
        <Table.Thead>
          <Table.Tr>{head(header)}</Table.Tr>
        </Table.Thead>
        <Table.Tbody>{loading ? <SkeletonRows columns={columns} /> : children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
