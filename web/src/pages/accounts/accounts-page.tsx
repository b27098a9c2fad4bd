import { IconBuildingSkyscraper } from '@tabler/icons-react';
import { useAccounts } from '../../api/account-queries.js';
import { accountsCsvUrl } from '../../api/accounts.js';
import { RecordListPage } from '../../components/record-list/record-list-page.js';
import { AccountFiltersBar } from './account-filters.js';
import { useAccountListParams } from './account-list-params.js';
import { AccountsTable } from './accounts-table.js';
import { CreateAccountModal } from './create-account-modal.js';

export function AccountsPage() {
  const params = useAccountListParams();
  const { q, sort, filters } = params;
  const accounts = useAccounts({ q, sort, filters });
  return (
    <RecordListPage
      type="account"
      icon={<IconBuildingSkyscraper aria-hidden />}
      searchPlaceholder="Search accounts"
      emptyHint="Create the first account to get started."
      params={params}
      query={accounts}
      exportHref={accountsCsvUrl({ q, sort, filters })}
      filters={(handlers) => (
        <AccountFiltersBar filters={filters} filtered={params.filtered} {...handlers} />
      )}
      table={({ rows, ...table }) => <AccountsTable accounts={rows} sort={sort} {...table} />}
      createModal={(modal) => <CreateAccountModal {...modal} />}
    />
  );
}
