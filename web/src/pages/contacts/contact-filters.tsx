import { Button, Group, MultiSelect } from '@mantine/core';
import type { ContactFilters } from '../../api/contacts.js';
import { AccountSelect } from '../../components/pickers/account-select.js';
import { useUserLookup } from '../../lib/user-lookup.js';

export interface ContactFiltersBarProps {
  readonly filters: ContactFilters;
  readonly onChange: (key: keyof ContactFilters, values: readonly string[]) => void;
  readonly onClear: () => void;
  readonly filtered: boolean;
}

/** Narrows the contacts list to an account and to owners. */
export function ContactFiltersBar({
  filters,
  onChange,
  onClear,
  filtered,
}: ContactFiltersBarProps) {
  const { options: owners } = useUserLookup();
  return (
    <Group gap="sm" align="flex-end">
      <div style={{ width: 260 }}>
        <AccountSelect
          label="Account"
          placeholder="Any account"
          value={filters.accountId[0] ?? null}
          onChange={(account) => onChange('accountId', account ? [account.id] : [])}
          clearable
        />
      </div>
      <MultiSelect
        label="Owner"
        placeholder={filters.ownerId.length === 0 ? 'Anyone' : undefined}
        data={[...owners]}
        value={[...filters.ownerId]}
        onChange={(values) => onChange('ownerId', values)}
        searchable
        clearable
        clearButtonProps={{ 'aria-label': 'Clear owner filter' }}
        w={220}
      />
      {filtered && (
        <Button variant="subtle" onClick={onClear}>
          Clear filters
        </Button>
      )}
    </Group>
  );
}
