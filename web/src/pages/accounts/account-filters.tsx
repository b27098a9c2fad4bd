import { MultiSelect, TagsInput } from '@mantine/core';
import type { AccountFilters } from '../../api/accounts.js';
import {
  FiltersBar,
  OwnerFilter,
  type RecordFiltersProps,
} from '../../components/record-list/filters-bar.js';
import { ACCOUNT_STATUS_OPTIONS, INDUSTRY_SUGGESTIONS } from '../../lib/record-fields.js';

export type AccountFiltersBarProps = RecordFiltersProps<keyof AccountFilters>;

/** Narrows the accounts list: any of the values within a filter, every filter at once. */
export function AccountFiltersBar({
  filters,
  onChange,
  onClear,
  filtered,
}: AccountFiltersBarProps) {
  return (
    <FiltersBar filtered={filtered} onClear={onClear}>
      <OwnerFilter value={filters.ownerId} onChange={(values) => onChange('ownerId', values)} />
      <MultiSelect
        label="Status"
        placeholder={filters.status.length === 0 ? 'Any status' : undefined}
        data={ACCOUNT_STATUS_OPTIONS}
        value={[...filters.status]}
        onChange={(values) => onChange('status', values)}
        clearable
        clearButtonProps={{ 'aria-label': 'Clear status filter' }}
        w={220}
      />
      <TagsInput
        label="Tag"
        placeholder={filters.tag.length === 0 ? 'Any tag' : undefined}
        value={[...filters.tag]}
        onChange={(values) =>
          onChange(
            'tag',
            values.map((tag) => tag.trim().toLowerCase()),
          )
        }
        clearable
        w={200}
      />
      <TagsInput
        label="Industry"
        placeholder={filters.industry.length === 0 ? 'Any industry' : undefined}
        data={[...INDUSTRY_SUGGESTIONS]}
        value={[...filters.industry]}
        onChange={(values) => onChange('industry', values)}
        clearable
        w={220}
      />
    </FiltersBar>
  );
}
