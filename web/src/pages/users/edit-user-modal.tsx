import { Alert, Button, Group, Modal, Select, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useUpdateUser } from '../../api/user-queries.js';
import type { UpdateUserInput, User } from '../../api/users.js';
import { splitServerErrors } from '../../lib/form-errors.js';
import { CLEAR_MANAGER_BUTTON_PROPS, isRole, managerOptions, ROLE_OPTIONS } from './user-form.js';

export type EditableUserField = 'role' | 'managerId';

export interface EditUserModalProps {
  readonly user: User;
  readonly field: EditableUserField;
  /** Candidates for the manager picker. */
  readonly users: readonly User[];
  readonly onClose: () => void;
}

function toUpdate(field: EditableUserField, value: string | null): UpdateUserInput | null {
  if (field === 'managerId') return { managerId: value };
  return isRole(value) ? { role: value } : null;
}

/** Changes one of a user's fields (role or manager) with a picker. Mounted only while open. */
export function EditUserModal({ user, field, users, onClose }: EditUserModalProps) {
  const updateUser = useUpdateUser();
  const [value, setValue] = useState<string | null>(user[field]);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const isRoleField = field === 'role';

  const save = async () => {
    const input = toUpdate(field, value);
    if (input === null) {
      setFieldError('Choose a role');
      return;
    }
    setFieldError(null);
    setFormError(null);
    try {
      await updateUser.mutateAsync({ id: user.id, input });
      notifications.show({
        color: 'green',
        title: isRoleField ? 'Role changed' : 'Manager changed',
        message: user.name,
      });
      onClose();
    } catch (error) {
      const split = splitServerErrors(error, new Set([field]));
      setFieldError(split.fieldErrors[field] ?? null);
      setFormError(split.formError);
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={`${isRoleField ? 'Change role' : 'Change manager'} for ${user.name}`}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
        noValidate
      >
        <Stack gap="md">
          {formError && (
            <Alert color="red" role="alert" title="Could not save the change">
              {formError}
            </Alert>
          )}
          {isRoleField ? (
            <Select
              label="Role"
              data={ROLE_OPTIONS}
              allowDeselect={false}
              value={value}
              onChange={setValue}
              error={fieldError}
              data-autofocus
            />
          ) : (
            <Select
              label="Manager"
              placeholder="No manager"
              data={managerOptions(users, user.id)}
              searchable
              clearable
              clearButtonProps={CLEAR_MANAGER_BUTTON_PROPS}
              nothingFoundMessage="No matching users"
              value={value}
              onChange={setValue}
              error={fieldError}
              data-autofocus
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={updateUser.isPending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
