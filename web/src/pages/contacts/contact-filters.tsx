import type { ContactFilters } from '../../api/contacts.js';
import { AccountSelect } from '../../components/pickers/account-select.js';
import {
  FiltersBar,
  OwnerFilter,
  type RecordFiltersProps,
} from '../../components/record-list/filters-bar.js';

export type ContactFiltersBarProps = RecordFiltersProps<keyof ContactFilters>;

/** Narrows the contacts list to an account and to owners. */
export function ContactFiltersBar({
  filters,
  onChange,
  onClear,
  filtered,
}: ContactFiltersBarProps) {
  return (
    <FiltersBar filtered={filtered} onClear={onClear}>
      <div style={{ width: 260 }}>
        <AccountSelect
          label="Account"
          placeholder="Any account"
          value={filters.accountId[0] ?? null}
          onChange={(account) => onChange('accountId', account ? [account.id] : [])}
          clearable
        />
      </div>
      <OwnerFilter value={filters.ownerId} onChange={(values) => onChange('ownerId', values)} />
    </FiltersBar>
  );
}
