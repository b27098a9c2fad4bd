import {
  Alert,
  Anchor,
  Button,
  EmptyState,
  Group,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import {
  IconBuildingSkyscraper,
  IconChevronDown,
  IconChevronUp,
  IconPlus,
  IconSearch,
  IconSelector,
} from '@tabler/icons-react';
import { useId, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useAccounts } from '../../api/account-queries.js';
import { errorMessage } from '../../api/api-error.js';
import {
  defaultAccountSort,
  type Account,
  type AccountFieldSort,
  type AccountSort,
} from '../../api/accounts.js';
import { nextSort, sortDirection, type SortableColumn } from './account-sort.js';
import { CreateAccountModal } from './create-account-modal.js';
import { formatDate } from '../../lib/format.js';

const SEARCH_DEBOUNCE_MS = 300;
const SKELETON_ROWS = 5;
/** The API refuses a longer `q` outright, so the box never lets one be typed. */
const SEARCH_MAX_LENGTH = 200;

function AccountRow({ account }: { readonly account: Account }) {
  return (
    <Table.Tr>
      <Table.Td>
        <Anchor component={Link} to={`/accounts/${encodeURIComponent(account.id)}`}>
          {account.name}
        </Anchor>
      </Table.Td>
      <Table.Td>
        {account.domain ?? (
          <Text c="dimmed" span>
            —
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <time dateTime={account.createdAt}>{formatDate(account.createdAt)}</time>
      </Table.Td>
    </Table.Tr>
  );
}

interface SortableHeaderProps {
  readonly column: SortableColumn;
  readonly label: string;
  readonly sort: AccountSort;
  readonly onSort: (sort: AccountFieldSort) => void;
}

function SortableHeader({ column, label, sort, onSort }: SortableHeaderProps) {
  const direction = sortDirection(sort, column);
  const Icon =
    direction === 'ascending'
      ? IconChevronUp
      : direction === 'descending'
        ? IconChevronDown
        : IconSelector;
  return (
    // The header carries the state (aria-sort); the button inside is what keyboards reach.
    <Table.Th aria-sort={direction}>
      <UnstyledButton
        onClick={() => onSort(nextSort(sort, column))}
        fw={700}
        fz="inherit"
        // A flex button rather than a Group inside it: a button may only hold phrasing content.
        style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}
      >
        {label}
        <Icon size={14} aria-hidden />
      </UnstyledButton>
    </Table.Th>
  );
}

function SkeletonRows() {
  return Array.from({ length: SKELETON_ROWS }, (_, row) => (
    <Table.Tr key={row} aria-hidden>
      {[0, 1, 2].map((cell) => (
        <Table.Td key={cell}>
          <Skeleton height={14} radius="sm" />
        </Table.Td>
      ))}
    </Table.Tr>
  ));
}

export function AccountsPage() {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS);
  const [modalOpened, modal] = useDisclosure(false);
  // Accounts created here are shown at once, even when the server's order puts them on a later page.
  const [created, setCreated] = useState<readonly Account[]>([]);
  // The column the user clicked since typing the search; until then the API's own order applies.
  const [chosenSort, setChosenSort] = useState<AccountFieldSort | null>(null);
  const sort: AccountSort = chosenSort ?? defaultAccountSort(q);
  const byRelevance = sort === 'relevance';
  const relevanceHintId = useId();
  const accounts = useAccounts(q, sort);

  const rows = useMemo(() => {
    const loaded = accounts.data?.pages.flatMap((page) => page.items) ?? [];
    const loadedIds = new Set(loaded.map((account) => account.id));
    return [...created.filter((account) => !loadedIds.has(account.id)), ...loaded];
  }, [accounts.data, created]);

  const onSearchChange = (value: string) => {
    // A new term asks for its best matches, whatever column ordered the previous one.
    if (value.trim() !== search.trim()) setChosenSort(null);
    setSearch(value);
    // A new search defines a new list; the just-created rows belong to the old one.
    setCreated([]);
  };

  const onSortChange = (value: AccountFieldSort) => {
    setChosenSort(value);
    // Same as a new search: the just-created rows would sit out of order at the top.
    setCreated([]);
  };

  const showSkeleton = accounts.isPending;
  const failedFirstLoad = accounts.isError && !accounts.isFetchNextPageError;

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>Accounts</Title>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={modal.open}>
          New account
        </Button>
      </Group>

      <TextInput
        type="search"
        aria-label="Search accounts"
        placeholder="Search accounts"
        leftSection={<IconSearch size={16} aria-hidden />}
        maxLength={SEARCH_MAX_LENGTH}
        value={search}
        onChange={(event) => onSearchChange(event.currentTarget.value)}
        maw={420}
      />

      {failedFirstLoad ? (
        <Alert color="red" role="alert" title="Could not load accounts">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{errorMessage(accounts.error)}</Text>
            <Button size="xs" variant="light" color="red" onClick={() => void accounts.refetch()}>
              Retry
            </Button>
          </Stack>
        </Alert>
      ) : !showSkeleton && rows.length === 0 ? (
        <EmptyState
          icon={<IconBuildingSkyscraper aria-hidden />}
          title={q ? 'No matching accounts' : 'No accounts yet'}
          description={q ? `Nothing matches “${q}”.` : 'Create the first account to get started.'}
        />
      ) : (
        <Stack gap="xs">
          {byRelevance && (
            <Text id={relevanceHintId} size="sm" c="dimmed">
              Best matches first
            </Text>
          )}
          <Table.ScrollContainer minWidth={560}>
            <Table
              highlightOnHover
              aria-label="Accounts"
              aria-busy={showSkeleton}
              aria-describedby={byRelevance ? relevanceHintId : undefined}
            >
              <Table.Thead>
                <Table.Tr>
                  <SortableHeader column="name" label="Name" sort={sort} onSort={onSortChange} />
                  <Table.Th>Domain</Table.Th>
                  <SortableHeader
                    column="createdAt"
                    label="Created"
                    sort={sort}
                    onSort={onSortChange}
                  />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {showSkeleton ? (
                  <SkeletonRows />
                ) : (
                  rows.map((account) => <AccountRow key={account.id} account={account} />)
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      )}

      {accounts.isFetchNextPageError && (
        <Alert color="red" role="alert" title="Could not load more accounts">
          {errorMessage(accounts.error)}
        </Alert>
      )}

      {accounts.hasNextPage && !failedFirstLoad && (
        <Group justify="center">
          <Button
            variant="default"
            loading={accounts.isFetchingNextPage}
            onClick={() => void accounts.fetchNextPage()}
          >
            Load more
          </Button>
        </Group>
      )}

      <CreateAccountModal
        opened={modalOpened}
        onClose={modal.close}
        onCreated={(account) => setCreated((previous) => [account, ...previous])}
      />
    </Stack>
  );
}
