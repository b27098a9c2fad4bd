import { Alert, Anchor, Button, DataList, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link, useParams } from 'react-router-dom';
import { useAccount } from '../../api/account-queries.js';
import { ApiError, errorMessage } from '../../api/api-error.js';
import type { Account } from '../../api/accounts.js';
import { formatDateTime } from '../../lib/format.js';

function BackLink() {
  return (
    <Anchor component={Link} to="/accounts" size="sm">
      <IconArrowLeft size={14} aria-hidden /> Accounts
    </Anchor>
  );
}

function AccountFields({ account }: { readonly account: Account }) {
  const none = (
    <Text c="dimmed" span>
      —
    </Text>
  );
  return (
    <DataList>
      <DataList.Item>
        <DataList.ItemLabel>Domain</DataList.ItemLabel>
        <DataList.ItemValue>{account.domain ?? none}</DataList.ItemValue>
      </DataList.Item>
      <DataList.Item>
        <DataList.ItemLabel>Owner</DataList.ItemLabel>
        <DataList.ItemValue>{account.ownerId ?? none}</DataList.ItemValue>
      </DataList.Item>
      <DataList.Item>
        <DataList.ItemLabel>Created</DataList.ItemLabel>
        <DataList.ItemValue>
          <time dateTime={account.createdAt}>{formatDateTime(account.createdAt)}</time>
        </DataList.ItemValue>
      </DataList.Item>
      <DataList.Item>
        <DataList.ItemLabel>Updated</DataList.ItemLabel>
        <DataList.ItemValue>
          <time dateTime={account.updatedAt}>{formatDateTime(account.updatedAt)}</time>
        </DataList.ItemValue>
      </DataList.Item>
    </DataList>
  );
}

export function AccountDetailPage() {
  const { id = '' } = useParams();
  const account = useAccount(id);

  let content;
  if (account.isPending) {
    content = (
      <Stack gap="sm" aria-busy>
        <Skeleton height={28} width="40%" />
        <Skeleton height={14} width="60%" />
        <Skeleton height={14} width="60%" />
      </Stack>
    );
  } else if (account.isError) {
    content =
      account.error instanceof ApiError && account.error.status === 404 ? (
        <Stack gap="xs" align="flex-start">
          <Title order={2}>Account not found</Title>
          <Text c="dimmed">It may have been deleted, or you may not have access to it.</Text>
        </Stack>
      ) : (
        <Alert color="red" role="alert" title="Could not load the account">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{errorMessage(account.error)}</Text>
            <Button size="xs" variant="light" color="red" onClick={() => void account.refetch()}>
              Retry
            </Button>
          </Stack>
        </Alert>
      );
  } else {
    content = (
      <Stack gap="md">
        <Title order={2}>{account.data.name}</Title>
        <AccountFields account={account.data} />
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <BackLink />
      {content}
    </Stack>
  );
}
