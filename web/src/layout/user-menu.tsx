import { Avatar, Badge, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconLock, IconLogout } from '@tabler/icons-react';
import { useNavigate } from 'react-router-dom';
import { errorMessage, isUnauthorized } from '../api/api-error.js';
import { useSignOut } from '../api/session-queries.js';
import { useSession } from '../auth/session-context.js';
import { SIGN_IN_PATH } from '../auth/sign-in-path.js';
import { ROLE_COLORS, ROLE_LABELS } from '../lib/roles.js';
import { ChangePasswordModal } from './change-password-modal.js';

/** The header's account menu: who is signed in, with their role, and the session's actions. */
export function UserMenu() {
  const { user } = useSession();
  const [passwordOpened, passwordModal] = useDisclosure(false);
  const signOut = useSignOut();
  const navigate = useNavigate();

  const onSignOut = async () => {
    try {
      await signOut.mutateAsync();
      await navigate(SIGN_IN_PATH, { replace: true });
    } catch (error) {
      // A 401 means the session had already ended: the app is on its way to the sign-in page.
      if (isUnauthorized(error)) return;
      notifications.show({
        color: 'red',
        title: 'Could not sign out',
        message: errorMessage(error),
      });
    }
  };

  return (
    <>
      <Menu position="bottom-end" width={240}>
        <Menu.Target>
          <UnstyledButton aria-label="User menu">
            <Group gap="xs" wrap="nowrap">
              <Avatar name={user.name} color="initials" size="sm" />
              <Text size="sm" fw={500} visibleFrom="xs">
                {user.name}
              </Text>
              <Badge size="sm" variant="light" color={ROLE_COLORS[user.role]}>
                {ROLE_LABELS[user.role]}
              </Badge>
              <IconChevronDown size={14} aria-hidden />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{user.email}</Menu.Label>
          <Menu.Item leftSection={<IconLock size={16} aria-hidden />} onClick={passwordModal.open}>
            Change password
          </Menu.Item>
          <Menu.Item
            leftSection={<IconLogout size={16} aria-hidden />}
            onClick={() => void onSignOut()}
          >
            Sign out
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <ChangePasswordModal opened={passwordOpened} onClose={passwordModal.close} />
    </>
  );
}
