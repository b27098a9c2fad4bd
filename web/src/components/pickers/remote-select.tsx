import { Select } from '@mantine/core';
import type { ReactNode } from 'react';

export interface RemoteSelectItem {
  readonly id: string;
  readonly label: string;
}

export interface RemoteSelectProps {
  readonly label: string;
  readonly value: string | null;
  /** The matches of the current search, plus the chosen record. */
  readonly items: readonly RemoteSelectItem[];
  readonly search: string;
  readonly onSearchChange: (search: string) => void;
  readonly onChange: (id: string | null) => void;
  readonly loading: boolean;
  readonly placeholder?: string;
  readonly description?: ReactNode;
  readonly error?: ReactNode;
  readonly clearable?: boolean;
  readonly withAsterisk?: boolean;
  readonly autoFocus?: boolean;
  readonly onBlur?: () => void;
  readonly disabled?: boolean;
}

/** A searchable picker whose options come from the server's search, not from filtering a list. */
export function RemoteSelect({
  label,
  value,
  items,
  search,
  onSearchChange,
  onChange,
  loading,
  placeholder = 'Type to search',
  description,
  error,
  clearable = false,
  withAsterisk,
  autoFocus,
  onBlur,
  disabled,
}: RemoteSelectProps) {
  return (
    <Select
      label={label}
      placeholder={placeholder}
      description={description}
      error={error}
      withAsterisk={withAsterisk}
      data={items.map((item) => ({ value: item.id, label: item.label }))}
      value={value}
      onChange={onChange}
      searchable
      searchValue={search}
      onSearchChange={onSearchChange}
      // The server already matched the search (typos included); filtering again would hide hits.
      filter={({ options }) => options}
      nothingFoundMessage={loading ? 'Searching…' : 'Nothing found'}
      clearable={clearable}
      clearButtonProps={{ 'aria-label': `Clear ${label}` }}
      autoFocus={autoFocus}
      onBlur={onBlur}
      disabled={disabled}
    />
  );
}
