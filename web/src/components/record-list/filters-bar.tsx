import { Button, Group, MultiSelect } from '@mantine/core';
import type { ReactNode } from 'react';
import { useUserLookup } from '../../lib/user-lookup.js';

/** What a record list's filters bar is given: each filter a list of values. */
export interface RecordFiltersProps<F extends string> {
  readonly filters: Readonly<Record<F, readonly string[]>>;
  readonly onChange: (key: F, values: readonly string[]) => void;
  readonly onClear: () => void;
  readonly filtered: boolean;
}

/** A list's filters in a row, with a way to drop them all once any is set. */
export function FiltersBar({
  filtered,
  onClear,
  children,
}: {
  readonly filtered: boolean;
  readonly onClear: () => void;
  readonly children: ReactNode;
}) {
  return (
    <Group gap="sm" align="flex-end">
      {children}
      {filtered && (
        <Button variant="subtle" onClick={onClear}>
          Clear filters
        </Button>
      )}
    </Group>
  );
}

/** Narrows a list to records owned by any of the picked users. */
export function OwnerFilter({
  value,
  onChange,
}: {
  readonly value: readonly string[];
  readonly onChange: (ownerIds: readonly string[]) => void;
}) {
  const { options: owners } = useUserLookup();
  return (
    <MultiSelect
      label="Owner"
      placeholder={value.length === 0 ? 'Anyone' : undefined}
      data={[...owners]}
      value={[...value]}
      onChange={onChange}
      searchable
      clearable
      clearButtonProps={{ 'aria-label': 'Clear owner filter' }}
      w={220}
    />
  );
}
