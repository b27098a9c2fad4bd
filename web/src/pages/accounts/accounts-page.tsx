import { Button, EmptyState, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBuildingSkyscraper, IconFileImport, IconPlus, IconSearch } from '@tabler/icons-react';
import { useId, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useAccounts } from '../../api/account-queries.js';
import { accountsCsvUrl, type Account } from '../../api/accounts.js';
import { allows } from '../../auth/access.js';
import { useSession } from '../../auth/session-context.js';
import { ExportCsvButton } from '../../components/export-csv-button.js';
import { LoadMore } from '../../components/load-more.js';
import { QueryErrorAlert } from '../../components/query-error-alert.js';
import { AccountFiltersBar } from './account-filters.js';
import { useAccountListParams } from './account-list-params.js';
import { AccountsTable } from './accounts-table.js';
import { CreateAccountModal } from './create-account-modal.js';

/** The API refuses a longer `q` outright, so the box never lets one be typed. */
const SEARCH_MAX_LENGTH = 200;

export function AccountsPage() {
  const { permissions } = useSession();
  const params = useAccountListParams();
  const { q, sort, filters } = params;
  const [modalOpened, modal] = useDisclosure(false);
  // Accounts created here are shown at once, even when the server's order puts them on a later page.
  const [created, setCreated] = useState<readonly Account[]>([]);
  const byRelevance = sort === 'relevance';
  const relevanceHintId = useId();
  const accounts = useAccounts({ q, sort, filters });

  const rows = useMemo(() => {
    const loaded = accounts.data?.pages.flatMap((page) => page.items) ?? [];
    const loadedIds = new Set(loaded.map((account) => account.id));
    return [...created.filter((account) => !loadedIds.has(account.id)), ...loaded];
  }, [accounts.data, created]);

  // A new search, order or filter defines a new list; the just-created rows belong to the old one.
  const changeList =
    <A extends unknown[]>(change: (...args: A) => void) =>
    (...args: A) => {
      setCreated([]);
      change(...args);
    };

  const showSkeleton = accounts.isPending;
  const failedFirstLoad = accounts.isError && !accounts.isFetchNextPageError;
  const narrowed = q !== '' || params.filtered;

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>Accounts</Title>
        <Group gap="xs">
          {allows(permissions, 'imports', 'create') && (
            <Button
              component={Link}
              to="/imports/new?entity=accounts"
              variant="default"
              leftSection={<IconFileImport size={16} aria-hidden />}
            >
              Import
            </Button>
          )}
          <ExportCsvButton href={accountsCsvUrl({ q, sort, filters })} />
          {allows(permissions, 'accounts', 'create') && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={modal.open}>
              New account
            </Button>
          )}
        </Group>
      </Group>

      <TextInput
        type="search"
        aria-label="Search accounts"
        placeholder="Search accounts"
        leftSection={<IconSearch size={16} aria-hidden />}
        maxLength={SEARCH_MAX_LENGTH}
        value={params.search}
        onChange={(event) => changeList(params.setSearch)(event.currentTarget.value)}
        maw={420}
      />

      <AccountFiltersBar
        filters={filters}
        onChange={changeList(params.setFilter)}
        onClear={changeList(params.clearFilters)}
        filtered={params.filtered}
      />

      {failedFirstLoad ? (
        <QueryErrorAlert
          title="Could not load accounts"
          error={accounts.error}
          onRetry={() => void accounts.refetch()}
        />
      ) : !showSkeleton && rows.length === 0 ? (
        <EmptyState
          icon={<IconBuildingSkyscraper aria-hidden />}
          title={narrowed ? 'No matching accounts' : 'No accounts yet'}
          description={
            q
              ? `Nothing matches “${q}”${params.filtered ? ' with these filters' : ''}.`
              : narrowed
                ? 'No account has what the filters ask for.'
                : 'Create the first account to get started.'
          }
        />
      ) : (
        <Stack gap="xs">
          {byRelevance && (
            <Text id={relevanceHintId} size="sm" c="dimmed">
              Best matches first
            </Text>
          )}
          <AccountsTable
            accounts={rows}
            loading={showSkeleton}
            sort={sort}
            onSort={changeList(params.setSort)}
            describedBy={byRelevance ? relevanceHintId : undefined}
          />
        </Stack>
      )}

      {!failedFirstLoad && <LoadMore pager={accounts} what="accounts" />}

      <CreateAccountModal
        opened={modalOpened}
        onClose={modal.close}
        onCreated={(account) => setCreated((previous) => [account, ...previous])}
      />
    </Stack>
  );
}
