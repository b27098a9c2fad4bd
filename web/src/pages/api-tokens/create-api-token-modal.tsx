import { Alert, Button, Checkbox, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useCreateApiToken } from '../../api/api-token-queries.js';
import { TOKEN_SCOPES, type CreatedApiToken } from '../../api/api-tokens.js';
import { splitServerErrors } from '../../lib/form-errors.js';
import {
  toCreateApiTokenInput,
  validateExpiresOn,
  validateScopes,
  validateTokenName,
  type ApiTokenFormValues,
} from './api-token-form.js';

const SERVER_FIELDS: ReadonlyMap<string, keyof ApiTokenFormValues> = new Map([
  ['name', 'name'],
  ['scopes', 'scopes'],
  ['expiresAt', 'expiresOn'],
]);

const SCOPE_LABELS: Readonly<Record<(typeof TOKEN_SCOPES)[number], string>> = {
  read: 'Read',
  write: 'Write',
  ingest: 'Ingest',
  admin: 'Admin',
};

export interface CreateApiTokenModalProps {
  readonly opened: boolean;
  readonly onClose: () => void;
  /** Receives the secret: the one moment it exists in the browser. */
  readonly onCreated: (created: CreatedApiToken) => void;
}

export function CreateApiTokenModal({ opened, onClose, onCreated }: CreateApiTokenModalProps) {
  const createToken = useCreateApiToken();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<ApiTokenFormValues>({
    mode: 'controlled',
    initialValues: { name: '', scopes: [], expiresOn: '' },
    validate: {
      name: validateTokenName,
      scopes: validateScopes,
      expiresOn: (value) => validateExpiresOn(value),
    },
  });

  const close = () => {
    form.reset();
    setFormError(null);
    createToken.reset();
    onClose();
  };

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      const created = await createToken.mutateAsync(toCreateApiTokenInput(values));
      onCreated(created);
      // `close` resets the mutation too, dropping the secret from the mutation cache.
      close();
    } catch (error) {
      const split = splitServerErrors(error, new Set(SERVER_FIELDS.keys()));
      form.setErrors(
        Object.fromEntries(
          Object.entries(split.fieldErrors).map(([path, message]) => [
            SERVER_FIELDS.get(path) ?? path,
            message,
          ]),
        ),
      );
      setFormError(split.formError);
    }
  });

  return (
    <Modal
      opened={opened}
      onClose={close}
      title="New API token"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {formError && (
            <Alert color="red" role="alert" title="Could not create the token">
              {formError}
            </Alert>
          )}
          <TextInput
            label="Name"
            description="What the token is for, e.g. the integration that uses it"
            withAsterisk
            data-autofocus
            {...form.getInputProps('name')}
          />
          <Checkbox.Group label="Scopes" withAsterisk {...form.getInputProps('scopes')}>
            <Group mt="xs">
              {TOKEN_SCOPES.map((scope) => (
                <Checkbox key={scope} value={scope} label={SCOPE_LABELS[scope]} />
              ))}
            </Group>
          </Checkbox.Group>
          <TextInput
            label="Expires on"
            description="Optional: leave empty for a token that does not expire"
            type="date"
            {...form.getInputProps('expiresOn')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={createToken.isPending}>
              Create token
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
