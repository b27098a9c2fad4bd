import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useCreateAccount } from '../../api/account-queries.js';
import type { Account } from '../../api/accounts.js';
import { splitServerErrors } from '../../lib/form-errors.js';
import {
  DOMAIN_MAX_LENGTH,
  NAME_MAX_LENGTH,
  toCreateAccountInput,
  validateDomain,
  validateName,
  type AccountFormValues,
} from './account-form.js';

const FORM_FIELDS: ReadonlySet<string> = new Set<keyof AccountFormValues>(['name', 'domain']);

export interface CreateAccountModalProps {
  readonly opened: boolean;
  readonly onClose: () => void;
  readonly onCreated: (account: Account) => void;
}

export function CreateAccountModal({ opened, onClose, onCreated }: CreateAccountModalProps) {
  const createAccount = useCreateAccount();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<AccountFormValues>({
    mode: 'controlled',
    initialValues: { name: '', domain: '' },
    validate: { name: validateName, domain: validateDomain },
  });

  const close = () => {
    form.reset();
    setFormError(null);
    createAccount.reset();
    onClose();
  };

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      const account = await createAccount.mutateAsync(toCreateAccountInput(values));
      notifications.show({ color: 'green', title: 'Account created', message: account.name });
      onCreated(account);
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
      title="New account"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {formError && (
            <Alert color="red" role="alert" title="Could not create the account">
              {formError}
            </Alert>
          )}
          <TextInput
            label="Name"
            withAsterisk
            maxLength={NAME_MAX_LENGTH}
            data-autofocus
            {...form.getInputProps('name')}
          />
          <TextInput
            label="Domain"
            placeholder="acme.com"
            description="Optional: the company's web domain"
            maxLength={DOMAIN_MAX_LENGTH}
            {...form.getInputProps('domain')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={createAccount.isPending}>
              Create account
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
