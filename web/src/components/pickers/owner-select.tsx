import { Select, type SelectProps } from '@mantine/core';
import { useUserLookup } from '../../lib/user-lookup.js';

/** Picks a new record's owner among the users; cleared, the record has none. */
export function OwnerSelect(props: Omit<SelectProps, 'data'>) {
  const { options: owners } = useUserLookup();
  return (
    <Select
      label="Owner"
      placeholder="No owner"
      data={[...owners]}
      searchable
      clearable
      clearButtonProps={{ 'aria-label': 'Clear owner' }}
      nothingFoundMessage="No matching users"
      {...props}
    />
  );
}
