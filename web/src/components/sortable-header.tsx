import { Table, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconSelector } from '@tabler/icons-react';
import type { SortDirection } from '../lib/column-sort.js';

export interface SortableHeaderProps {
  readonly label: string;
  /** How the list is ordered by this column; undefined when it is ordered otherwise. */
  readonly direction: SortDirection | undefined;
  readonly onSort: () => void;
}

export function SortableHeader({ label, direction, onSort }: SortableHeaderProps) {
  const Icon =
    direction === 'ascending'
      ? IconChevronUp
      : direction === 'descending'
        ? IconChevronDown
        : IconSelector;
  return (
    // The header carries the state (aria-sort); the button inside is what keyboards reach.
    <Table.Th aria-sort={direction}>
      <UnstyledButton
        onClick={onSort}
        fw={700}
        fz="inherit"
        // A flex button rather than a Group inside it: a button may only hold phrasing content.
        style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}
      >
        {label}
        <Icon size={14} aria-hidden />
      </UnstyledButton>
    </Table.Th>
  );
}
