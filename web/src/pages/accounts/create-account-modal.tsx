import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useCreateAccount, useDuplicateAccounts } from '../../api/account-queries.js';
import { accountSchema, type Account } from '../../api/accounts.js';
import { duplicatesIn } from '../../api/problems.js';
import { useSession } from '../../auth/session-context.js';
import { DuplicateWarning } from '../../components/duplicate-warning.js';
import { isHostName, normaliseDomain } from '../../lib/field-rules.js';
import { splitServerErrors } from '../../lib/form-errors.js';
import { AccountFormFields } from './account-form-fields.js';
import {
  accountFormRules,
  emptyAccountForm,
  toCreateAccountInput,
  type AccountFormValues,
} from './account-form.js';

/** How long typing pauses before the duplicate look-up runs. */
const DUPLICATE_CHECK_DEBOUNCE_MS = 400;

const FORM_FIELDS: ReadonlySet<string> = new Set([
  'name',
  'domain',
  'status',
  'ownerId',
  'industry',
  'size',
  'phone',
  'website',
  'tags',
  'notes',
  'address.street',
  'address.city',
  'address.region',
  'address.postalCode',
  'address.country',
]);

export interface CreateAccountModalProps {
  readonly opened: boolean;
  readonly onClose: () => void;
  readonly onCreated: (account: Account) => void;
}

function toCandidates(accounts: readonly Account[]) {
  return accounts.map((account) => ({
    id: account.id,
    label: account.name,
    detail: account.domain,
    href: `/accounts/${encodeURIComponent(account.id)}`,
  }));
}

/** Accounts already having the typed domain or name, looked up while typing. */
function useEarlyDuplicates(values: AccountFormValues, enabled: boolean) {
  const domain = normaliseDomain(values.domain);
  const [checkDomain] = useDebouncedValue(
    domain !== null && isHostName(domain) ? domain : '',
    DUPLICATE_CHECK_DEBOUNCE_MS,
  );
  const [checkName] = useDebouncedValue(values.name.trim(), DUPLICATE_CHECK_DEBOUNCE_MS);
  const duplicates = useDuplicateAccounts(
    { domain: checkDomain || undefined, name: checkName || undefined },
    enabled && (checkDomain !== '' || checkName !== ''),
  );
  return duplicates.data ?? [];
}

export function CreateAccountModal({ opened, onClose, onCreated }: CreateAccountModalProps) {
  const { user } = useSession();
  const createAccount = useCreateAccount();
  const [formError, setFormError] = useState<string | null>(null);
  // The accounts the server named when it refused the domain as a duplicate.
  const [refusedAs, setRefusedAs] = useState<readonly Account[] | null>(null);
  const form = useForm<AccountFormValues>({
    mode: 'controlled',
    initialValues: emptyAccountForm(user.id),
    validate: accountFormRules,
    onValuesChange: (values, previous) => {
      if (values.domain !== previous.domain) setRefusedAs(null);
    },
  });
  const early = useEarlyDuplicates(form.values, opened && refusedAs === null);

  const close = () => {
    form.reset();
    setFormError(null);
    setRefusedAs(null);
    createAccount.reset();
    onClose();
  };

  const create = async (values: AccountFormValues, allowDuplicate: boolean) => {
    setFormError(null);
    try {
      const input = toCreateAccountInput(values);
      const account = await createAccount.mutateAsync(
        allowDuplicate ? { ...input, allowDuplicate } : input,
      );
      notifications.show({ color: 'green', title: 'Account created', message: account.name });
      onCreated(account);
      close();
    } catch (error) {
      const duplicates = duplicatesIn(error, accountSchema);
      if (duplicates) {
        setRefusedAs(duplicates);
        return;
      }
      const { fieldErrors, formError: message } = splitServerErrors(error, FORM_FIELDS);
      form.setErrors(fieldErrors);
      setFormError(message);
    }
  };

  const submit = form.onSubmit((values) => create(values, false));

  return (
    <Modal
      opened={opened}
      onClose={close}
      title="New account"
      size="lg"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {formError && (
            <Alert color="red" role="alert" title="Could not create the account">
              {formError}
            </Alert>
          )}
          {refusedAs ? (
            <DuplicateWarning
              title="An account with this domain already exists"
              candidates={toCandidates(refusedAs)}
              creating={createAccount.isPending}
              onCreateAnyway={() => {
                const validation = form.validate();
                if (!validation.hasErrors) void create(form.getValues(), true);
              }}
            />
          ) : (
            early.length > 0 && (
              <DuplicateWarning title="Possible duplicates" candidates={toCandidates(early)} />
            )
          )}
          <AccountFormFields form={form} />
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
