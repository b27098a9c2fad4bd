import { Select, type ComboboxItem } from '@mantine/core';
import type { ReactNode } from 'react';
import { EmptyValue } from '../empty-value.js';
import { InlineField } from './inline-field.js';
import { useInlineEdit } from './use-inline-edit.js';

export interface InlineSelectProps<V extends string> {
  readonly label: string;
  readonly fieldPath: string;
  readonly value: V | null;
  readonly data: ReadonlyArray<ComboboxItem<V>>;
  readonly editable: boolean;
  /** Lets the field be emptied. */
  readonly clearable?: boolean;
  readonly searchable?: boolean;
  readonly onSave: (value: V | null) => Promise<void>;
  /** How a value reads; its option's label by default. */
  readonly display?: (value: V) => ReactNode;
}

/** A choice edited in place: picking an option saves it, leaving the field or Escape cancels. */
export function InlineSelect<V extends string>({
  label,
  fieldPath,
  value,
  data,
  editable,
  clearable = false,
  searchable = false,
  onSave,
  display,
}: InlineSelectProps<V>) {
  const edit = useInlineEdit<V | null>({ value, fieldPath, onSave });
  const labelOf = (option: V) => data.find((item) => item.value === option)?.label ?? option;

  return (
    <InlineField
      label={label}
      editable={editable}
      editing={edit.editing}
      onEdit={edit.start}
      display={value === null ? <EmptyValue /> : (display?.(value) ?? labelOf(value))}
    >
      <Select<V>
        aria-label={label}
        data={[...data]}
        value={edit.draft}
        onChange={(next) => void edit.commit(next)}
        onBlur={() => edit.cancel()}
        onKeyDown={(event) => {
          if (event.key === 'Escape') edit.cancel();
        }}
        clearable={clearable}
        clearButtonProps={{ 'aria-label': `Clear ${label}` }}
        searchable={searchable}
        allowDeselect={false}
        error={edit.error}
        disabled={edit.saving}
        defaultDropdownOpened
        autoFocus
      />
    </InlineField>
  );
}
