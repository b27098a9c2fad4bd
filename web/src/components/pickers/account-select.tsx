import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState, type ReactNode } from 'react';
import { useAccount, useAccounts } from '../../api/account-queries.js';
import type { Account } from '../../api/accounts.js';
import { RemoteSelect } from './remote-select.js';

const SEARCH_DEBOUNCE_MS = 250;

export interface AccountSelectProps {
  readonly label: string;
  readonly value: string | null;
  readonly onChange: (account: Account | null) => void;
  /** Left out of the choices (the account being merged into). */
  readonly excludeId?: string;
  readonly placeholder?: string;
  readonly description?: ReactNode;
  readonly error?: ReactNode;
  readonly clearable?: boolean;
  readonly withAsterisk?: boolean;
  readonly autoFocus?: boolean;
  readonly onBlur?: () => void;
  readonly disabled?: boolean;
}

export function accountLabel(account: Pick<Account, 'name' | 'domain'>): string {
  return account.domain ? `${account.name} (${account.domain})` : account.name;
}

/** Picks an account by searching for it. */
export function AccountSelect({ value, onChange, excludeId, ...props }: AccountSelectProps) {
  const [search, setSearch] = useState('');
  const chosen = useAccount(value ?? '', { enabled: value !== null });
  // Once an account is picked the box shows its label: that is no search to run.
  const shown = chosen.data && chosen.data.id === value ? accountLabel(chosen.data) : null;
  const [q] = useDebouncedValue(search === shown ? '' : search.trim(), SEARCH_DEBOUNCE_MS);
  const matches = useAccounts({ q });

  const accounts = useMemo(() => {
    const found = matches.data?.pages[0]?.items ?? [];
    const all = chosen.data && chosen.data.id === value ? [chosen.data, ...found] : found;
    const unique = new Map(all.map((account) => [account.id, account]));
    if (excludeId !== undefined) unique.delete(excludeId);
    return [...unique.values()];
  }, [matches.data, chosen.data, value, excludeId]);

  return (
    <RemoteSelect
      {...props}
      value={value}
      items={accounts.map((account) => ({ id: account.id, label: accountLabel(account) }))}
      search={search}
      onSearchChange={setSearch}
      onChange={(id) => onChange(accounts.find((account) => account.id === id) ?? null)}
      loading={matches.isFetching}
    />
  );
}
