import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useChangePassword } from '../api/session-queries.js';
import { splitServerErrors } from '../lib/form-errors.js';
import { PASSWORD_MIN_LENGTH, validateNewPassword } from '../lib/passwords.js';
import { PasswordField } from '../components/password-field.js';

interface ChangePasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

const SERVER_FIELDS: ReadonlySet<string> = new Set(['currentPassword', 'newPassword']);

export interface ChangePasswordModalProps {
  readonly opened: boolean;
  readonly onClose: () => void;
}

export function ChangePasswordModal({ opened, onClose }: ChangePasswordModalProps) {
  const changePassword = useChangePassword();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<ChangePasswordValues>({
    mode: 'controlled',
    initialValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
    validate: {
      currentPassword: (value) => (value === '' ? 'Enter your current password' : null),
      newPassword: validateNewPassword,
      confirmPassword: (value, values) =>
        value === values.newPassword ? null : 'The passwords do not match',
    },
  });

  const close = () => {
    form.reset();
    setFormError(null);
    changePassword.reset();
    onClose();
  };

  const submit = form.onSubmit(async ({ currentPassword, newPassword }) => {
    setFormError(null);
    try {
      await changePassword.mutateAsync({ currentPassword, newPassword });
      notifications.show({
        color: 'green',
        title: 'Password changed',
        message: 'Use the new password the next time you sign in.',
      });
      close();
    } catch (error) {
      const { fieldErrors, formError: message } = splitServerErrors(error, SERVER_FIELDS);
      form.setErrors(fieldErrors);
      setFormError(message);
    }
  });

  return (
    <Modal
      opened={opened}
      onClose={close}
      title="Change password"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {formError && (
            <Alert color="red" role="alert" title="Could not change the password">
              {formError}
            </Alert>
          )}
          <PasswordField
            label="Current password"
            autoComplete="current-password"
            data-autofocus
            {...form.getInputProps('currentPassword')}
          />
          <PasswordField
            label="New password"
            description={`At least ${PASSWORD_MIN_LENGTH} characters`}
            autoComplete="new-password"
            {...form.getInputProps('newPassword')}
          />
          <PasswordField
            label="Confirm new password"
            autoComplete="new-password"
            {...form.getInputProps('confirmPassword')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={changePassword.isPending}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
