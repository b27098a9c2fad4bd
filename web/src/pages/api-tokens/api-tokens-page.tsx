import {
  Alert,
  Badge,
  Button,
  EmptyState,
  Group,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconKey, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useApiTokens, useRevokeApiToken } from '../../api/api-token-queries.js';
import { errorMessage } from '../../api/api-error.js';
import type { ApiToken, CreatedApiToken } from '../../api/api-tokens.js';
import { allows } from '../../auth/access.js';
import { useSession } from '../../auth/session-context.js';
import { ConfirmModal } from '../../components/confirm-modal.js';
import { SkeletonRows } from '../../components/skeleton-rows.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { CreateApiTokenModal } from './create-api-token-modal.js';
import { TokenSecretModal } from './token-secret-modal.js';

const SKELETON_ROWS = 3;

function Timestamp({ value, withTime }: { readonly value: string; readonly withTime?: boolean }) {
  return <time dateTime={value}>{withTime ? formatDateTime(value) : formatDate(value)}</time>;
}

function Never() {
  return (
    <Text c="dimmed" span size="sm">
      Never
    </Text>
  );
}

interface TokenRowProps {
  readonly token: ApiToken;
  readonly canRevoke: boolean;
  /** When the list was loaded (ms): expiry is judged as of then, so a render stays pure. */
  readonly loadedAt: number;
  readonly onRevoke: (token: ApiToken) => void;
}

function TokenRow({ token, canRevoke, loadedAt, onRevoke }: TokenRowProps) {
  const expired = token.expiresAt !== null && Date.parse(token.expiresAt) <= loadedAt;
  return (
    <Table.Tr>
      <Table.Td>{token.name}</Table.Td>
      <Table.Td>
        <Group gap={4}>
          {token.scopes.map((scope) => (
            <Badge key={scope} variant="light" color={scope === 'admin' ? 'red' : 'indigo'}>
              {scope}
            </Badge>
          ))}
        </Group>
      </Table.Td>
      <Table.Td>
        {token.expiresAt === null ? (
          <Never />
        ) : (
          <Group gap="xs" wrap="nowrap">
            <Timestamp value={token.expiresAt} />
            {expired && (
              <Badge color="red" variant="light">
                Expired
              </Badge>
            )}
          </Group>
        )}
      </Table.Td>
      <Table.Td>
        {token.lastUsedAt === null ? <Never /> : <Timestamp value={token.lastUsedAt} withTime />}
      </Table.Td>
      <Table.Td>
        <Timestamp value={token.createdAt} />
      </Table.Td>
      {canRevoke && (
        <Table.Td>
          <Button
            size="xs"
            variant="subtle"
            color="red"
            aria-label={`Revoke ${token.name}`}
            onClick={() => onRevoke(token)}
          >
            Revoke
          </Button>
        </Table.Td>
      )}
    </Table.Tr>
  );
}

function RevokeDialog({
  token,
  onClose,
}: {
  readonly token: ApiToken;
  readonly onClose: () => void;
}) {
  const revoke = useRevokeApiToken();
  const confirm = async () => {
    try {
      await revoke.mutateAsync(token.id);
      notifications.show({ color: 'green', title: 'Token revoked', message: token.name });
      onClose();
    } catch {
      // Shown in the dialog from the mutation's state.
    }
  };
  return (
    <ConfirmModal
      opened
      title={`Revoke “${token.name}”?`}
      confirmLabel="Revoke token"
      loading={revoke.isPending}
      error={revoke.error ? errorMessage(revoke.error) : null}
      onConfirm={() => void confirm()}
      onClose={onClose}
    >
      Anything still using this token is refused from now on. This cannot be undone.
    </ConfirmModal>
  );
}

export function ApiTokensPage() {
  const { permissions } = useSession();
  const tokens = useApiTokens();
  const [createOpened, createModal] = useDisclosure(false);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const canCreate = allows(permissions, 'api-tokens', 'create');
  const canRevoke = allows(permissions, 'api-tokens', 'delete');

  let content;
  if (tokens.isError) {
    content = (
      <Alert color="red" role="alert" title="Could not load API tokens">
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{errorMessage(tokens.error)}</Text>
          <Button size="xs" variant="light" color="red" onClick={() => void tokens.refetch()}>
            Retry
          </Button>
        </Stack>
      </Alert>
    );
  } else if (tokens.isSuccess && tokens.data.length === 0) {
    content = (
      <EmptyState
        icon={<IconKey aria-hidden />}
        title="No API tokens"
        description="Tokens let scripts and integrations call the API."
      />
    );
  } else {
    content = (
      <Table.ScrollContainer minWidth={720}>
        <Table highlightOnHover aria-label="API tokens" aria-busy={tokens.isPending}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Scopes</Table.Th>
              <Table.Th>Expires</Table.Th>
              <Table.Th>Last used</Table.Th>
              <Table.Th>Created</Table.Th>
              {canRevoke && (
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tokens.isPending ? (
              <SkeletonRows columns={canRevoke ? 6 : 5} rows={SKELETON_ROWS} />
            ) : (
              tokens.data.map((token) => (
                <TokenRow
                  key={token.id}
                  token={token}
                  canRevoke={canRevoke}
                  loadedAt={tokens.dataUpdatedAt}
                  onRevoke={setRevoking}
                />
              ))
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );
  }

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>API tokens</Title>
        {canCreate && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={createModal.open}>
            New token
          </Button>
        )}
      </Group>
      {content}
      {canCreate && (
        <CreateApiTokenModal
          opened={createOpened}
          onClose={createModal.close}
          onCreated={setCreated}
        />
      )}
      {created && (
        <TokenSecretModal
          tokenName={created.apiToken.name}
          secret={created.secret}
          // Dropping it from state is what makes "shown once" true: nothing else holds the secret.
          onClose={() => setCreated(null)}
        />
      )}
      {revoking && <RevokeDialog token={revoking} onClose={() => setRevoking(null)} />}
    </Stack>
  );
}
