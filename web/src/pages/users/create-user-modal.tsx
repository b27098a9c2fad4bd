import { Alert, Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useCreateUser } from '../../api/user-queries.js';
import type { User } from '../../api/users.js';
import { splitServerErrors } from '../../lib/form-errors.js';
import { PASSWORD_MIN_LENGTH, validateNewPassword } from '../../lib/passwords.js';
import {
  CLEAR_MANAGER_BUTTON_PROPS,
  isRole,
  managerOptions,
  ROLE_OPTIONS,
  toCreateUserInput,
  validateEmail,
  validateUserName,
  type CreateUserValues,
} from './user-form.js';
import { PasswordField } from '../../components/password-field.js';

const FORM_FIELDS: ReadonlySet<string> = new Set<keyof CreateUserValues>([
  'name',
  'email',
  'role',
  'managerId',
  'password',
]);

export interface CreateUserModalProps {
  readonly opened: boolean;
  readonly onClose: () => void;
  /** Candidates for the manager picker. */
  readonly users: readonly User[];
}

export function CreateUserModal({ opened, onClose, users }: CreateUserModalProps) {
  const createUser = useCreateUser();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<CreateUserValues>({
    mode: 'controlled',
    initialValues: { name: '', email: '', role: 'staff', managerId: null, password: '' },
    validate: { name: validateUserName, email: validateEmail, password: validateNewPassword },
  });

  const close = () => {
    form.reset();
    setFormError(null);
    createUser.reset();
    onClose();
  };

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      const user = await createUser.mutateAsync(toCreateUserInput(values));
      notifications.show({ color: 'green', title: 'User created', message: user.name });
      close();
    } catch (error) {
      const { fieldErrors, formError: message } = splitServerErrors(error, FORM_FIELDS);
      form.setErrors(fieldErrors);
      setFormError(message);
    }
  });

  return (
    <Modal
      opened={opened}
      onClose={close}
      title="New user"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {formError && (
            <Alert color="red" role="alert" title="Could not create the user">
              {formError}
            </Alert>
          )}
          <TextInput label="Name" withAsterisk data-autofocus {...form.getInputProps('name')} />
          <TextInput
            label="Email"
            type="email"
            withAsterisk
            autoComplete="off"
            {...form.getInputProps('email')}
          />
          <Select
            label="Role"
            withAsterisk
            data={ROLE_OPTIONS}
            allowDeselect={false}
            {...form.getInputProps('role')}
            onChange={(value) => {
              if (isRole(value)) form.setFieldValue('role', value);
            }}
          />
          <Select
            label="Manager"
            placeholder="No manager"
            data={managerOptions(users)}
            searchable
            clearable
            clearButtonProps={CLEAR_MANAGER_BUTTON_PROPS}
            nothingFoundMessage="No matching users"
            {...form.getInputProps('managerId')}
          />
          <PasswordField
            label="Initial password"
            withAsterisk
            description={`At least ${PASSWORD_MIN_LENGTH} characters; share it with the user securely`}
            autoComplete="new-password"
            {...form.getInputProps('password')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={createUser.isPending}>
              Create user
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
