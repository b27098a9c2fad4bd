import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  EmptyState,
  Group,
  Menu,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconDots,
  IconLogout,
  IconPlus,
  IconSearch,
  IconUserCheck,
  IconUserCog,
  IconUsers,
  IconUserX,
  IconSitemap,
} from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { errorMessage } from '../../api/api-error.js';
import {
  useEndUserSessions,
  useUpdateUser,
  useUserDirectory,
  useUsers,
} from '../../api/user-queries.js';
import type { User } from '../../api/users.js';
import { allows } from '../../auth/access.js';
import { useSession } from '../../auth/session-context.js';
import { ConfirmModal } from '../../components/confirm-modal.js';
import { SkeletonRows } from '../../components/skeleton-rows.js';
import { ROLE_COLORS, ROLE_LABELS } from '../../lib/roles.js';
import { CreateUserModal } from './create-user-modal.js';
import { EditUserModal, type EditableUserField } from './edit-user-modal.js';

const SEARCH_DEBOUNCE_MS = 300;
const SEARCH_MAX_LENGTH = 200;

type PendingAction =
  | { readonly kind: 'edit'; readonly field: EditableUserField; readonly user: User }
  | { readonly kind: 'status' | 'sessions'; readonly user: User };

interface RowPermissions {
  readonly canUpdate: boolean;
  readonly canEndSessions: boolean;
}

interface UserRowProps {
  readonly user: User;
  readonly managerName: string | null;
  readonly isSelf: boolean;
  readonly permissions: RowPermissions;
  readonly onAction: (action: PendingAction) => void;
}

function UserRow({ user, managerName, isSelf, permissions, onAction }: UserRowProps) {
  const withActions = permissions.canUpdate || permissions.canEndSessions;
  // Demoting or deactivating oneself would lock the admin out mid-session; another admin does it.
  const canChangeOwnAccess = permissions.canUpdate && !isSelf;
  return (
    <Table.Tr>
      <Table.Td>{user.name}</Table.Td>
      <Table.Td>{user.email}</Table.Td>
      <Table.Td>
        <Badge variant="light" color={ROLE_COLORS[user.role]}>
          {ROLE_LABELS[user.role]}
        </Badge>
      </Table.Td>
      <Table.Td>
        {managerName ?? (
          <Text c="dimmed" span>
            —
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Badge variant="dot" color={user.active ? 'green' : 'gray'}>
          {user.active ? 'Active' : 'Inactive'}
        </Badge>
      </Table.Td>
      {withActions && (
        <Table.Td>
          <Menu position="bottom-end">
            <Menu.Target>
              <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${user.name}`}>
                <IconDots size={16} aria-hidden />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              {canChangeOwnAccess && (
                <Menu.Item
                  leftSection={<IconUserCog size={16} aria-hidden />}
                  onClick={() => onAction({ kind: 'edit', field: 'role', user })}
                >
                  Change role
                </Menu.Item>
              )}
              {permissions.canUpdate && (
                <Menu.Item
                  leftSection={<IconSitemap size={16} aria-hidden />}
                  onClick={() => onAction({ kind: 'edit', field: 'managerId', user })}
                >
                  Change manager
                </Menu.Item>
              )}
              {canChangeOwnAccess && (
                <Menu.Item
                  leftSection={
                    user.active ? (
                      <IconUserX size={16} aria-hidden />
                    ) : (
                      <IconUserCheck size={16} aria-hidden />
                    )
                  }
                  color={user.active ? 'red' : undefined}
                  onClick={() => onAction({ kind: 'status', user })}
                >
                  {user.active ? 'Deactivate' : 'Reactivate'}
                </Menu.Item>
              )}
              {permissions.canEndSessions && (
                <Menu.Item
                  leftSection={<IconLogout size={16} aria-hidden />}
                  onClick={() => onAction({ kind: 'sessions', user })}
                >
                  End sessions
                </Menu.Item>
              )}
            </Menu.Dropdown>
          </Menu>
        </Table.Td>
      )}
    </Table.Tr>
  );
}

interface ConfirmProps {
  readonly action: Extract<PendingAction, { kind: 'status' | 'sessions' }>;
  readonly onClose: () => void;
}

/** Deactivating, reactivating and ending sessions are asked about first. */
function ConfirmUserAction({ action, onClose }: ConfirmProps) {
  const updateUser = useUpdateUser();
  const endSessions = useEndUserSessions();
  const { user } = action;
  const deactivating = action.kind === 'status' && user.active;

  const confirm = async () => {
    try {
      if (action.kind === 'sessions') {
        await endSessions.mutateAsync(user.id);
        notifications.show({ color: 'green', title: 'Sessions ended', message: user.name });
      } else {
        await updateUser.mutateAsync({ id: user.id, input: { active: !user.active } });
        notifications.show({
          color: 'green',
          title: deactivating ? 'User deactivated' : 'User reactivated',
          message: user.name,
        });
      }
      onClose();
    } catch {
      // The mutation's error is shown in the dialog, which stays open for another try.
    }
  };

  const failed = action.kind === 'sessions' ? endSessions.error : updateUser.error;
  const common = {
    opened: true,
    loading: endSessions.isPending || updateUser.isPending,
    error: failed ? errorMessage(failed) : null,
    onConfirm: () => void confirm(),
    onClose,
  };
  if (action.kind === 'sessions') {
    return (
      <ConfirmModal {...common} title={`End ${user.name}'s sessions?`} confirmLabel="End sessions">
        {user.name} will be signed out on every device and has to sign in again.
      </ConfirmModal>
    );
  }
  return deactivating ? (
    <ConfirmModal {...common} title={`Deactivate ${user.name}?`} confirmLabel="Deactivate">
      {user.name} will no longer be able to sign in. You can reactivate them later.
    </ConfirmModal>
  ) : (
    <ConfirmModal
      {...common}
      title={`Reactivate ${user.name}?`}
      confirmLabel="Reactivate"
      confirmColor="blue"
    >
      {user.name} will be able to sign in again.
    </ConfirmModal>
  );
}

export function UsersPage() {
  const { user: me, permissions } = useSession();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS);
  const [createOpened, createModal] = useDisclosure(false);
  const [pending, setPending] = useState<PendingAction | null>(null);
  const users = useUsers(q);
  const directory = useUserDirectory();

  const rowPermissions: RowPermissions = {
    canUpdate: allows(permissions, 'users', 'update'),
    canEndSessions: allows(permissions, 'sessions', 'delete'),
  };
  const canCreate = allows(permissions, 'users', 'create');
  const withActions = rowPermissions.canUpdate || rowPermissions.canEndSessions;

  const rows = useMemo(() => users.data?.pages.flatMap((page) => page.items) ?? [], [users.data]);
  const known = directory.data ?? [];
  // Manager names come from every user loaded so far, wherever they were loaded.
  const namesById = useMemo(
    () => new Map([...(directory.data ?? []), ...rows].map((user) => [user.id, user.name])),
    [directory.data, rows],
  );

  const showSkeleton = users.isPending;
  const failedFirstLoad = users.isError && !users.isFetchNextPageError;
  const columns = withActions ? 6 : 5;

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>Users</Title>
        {canCreate && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={createModal.open}>
            New user
          </Button>
        )}
      </Group>

      <TextInput
        type="search"
        aria-label="Search users"
        placeholder="Search by name or email"
        leftSection={<IconSearch size={16} aria-hidden />}
        maxLength={SEARCH_MAX_LENGTH}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        maw={420}
      />

      {failedFirstLoad ? (
        <Alert color="red" role="alert" title="Could not load users">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{errorMessage(users.error)}</Text>
            <Button size="xs" variant="light" color="red" onClick={() => void users.refetch()}>
              Retry
            </Button>
          </Stack>
        </Alert>
      ) : !showSkeleton && rows.length === 0 ? (
        <EmptyState
          icon={<IconUsers aria-hidden />}
          title={q ? 'No matching users' : 'No users'}
          description={q ? `Nothing matches “${q}”.` : undefined}
        />
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table highlightOnHover aria-label="Users" aria-busy={showSkeleton}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Email</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Manager</Table.Th>
                <Table.Th>Status</Table.Th>
                {withActions && (
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {showSkeleton ? (
                <SkeletonRows columns={columns} />
              ) : (
                rows.map((user) => (
                  <UserRow
                    key={user.id}
                    user={user}
                    managerName={
                      user.managerId === null
                        ? null
                        : (namesById.get(user.managerId) ?? user.managerId)
                    }
                    isSelf={user.id === me.id}
                    permissions={rowPermissions}
                    onAction={setPending}
                  />
                ))
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      {users.isFetchNextPageError && (
        <Alert color="red" role="alert" title="Could not load more users">
          {errorMessage(users.error)}
        </Alert>
      )}

      {users.hasNextPage && !failedFirstLoad && (
        <Group justify="center">
          <Button
            variant="default"
            loading={users.isFetchingNextPage}
            onClick={() => void users.fetchNextPage()}
          >
            Load more
          </Button>
        </Group>
      )}

      {canCreate && (
        <CreateUserModal opened={createOpened} onClose={createModal.close} users={known} />
      )}
      {pending?.kind === 'edit' && (
        <EditUserModal
          user={pending.user}
          field={pending.field}
          users={known}
          onClose={() => setPending(null)}
        />
      )}
      {(pending?.kind === 'status' || pending?.kind === 'sessions') && (
        <ConfirmUserAction action={pending} onClose={() => setPending(null)} />
      )}
    </Stack>
  );
}
