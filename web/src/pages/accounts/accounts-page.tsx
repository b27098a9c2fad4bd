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
} from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconBuildingSkyscraper, IconPlus, IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useAccounts } from '../../api/account-queries.js';
import { errorMessage } from '../../api/api-error.js';
import type { Account } from '../../api/accounts.js';
import { CreateAccountModal } from './create-account-modal.js';
import { formatDate } from './format.js';

const SEARCH_DEBOUNCE_MS = 300;
const SKELETON_ROWS = 5;

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
  const accounts = useAccounts(q);

  const rows = useMemo(() => {
    const loaded = accounts.data?.pages.flatMap((page) => page.items) ?? [];
    const loadedIds = new Set(loaded.map((account) => account.id));
    return [...created.filter((account) => !loadedIds.has(account.id)), ...loaded];
  }, [accounts.data, created]);

  const onSearchChange = (value: string) => {
    setSearch(value);
    // A new search defines a new list; the just-created rows belong to the old one.
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
        <Table.ScrollContainer minWidth={560}>
          <Table highlightOnHover aria-label="Accounts" aria-busy={showSkeleton}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Domain</Table.Th>
                <Table.Th>Created</Table.Th>
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
