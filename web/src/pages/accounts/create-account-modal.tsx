import { useDebouncedValue } from '@mantine/hooks';
import { useCreateAccount, useDuplicateAccounts } from '../../api/account-queries.js';
import { accountSchema, type Account } from '../../api/accounts.js';
import { useSession } from '../../auth/session-context.js';
import {
  CreateRecordModal,
  type CreateDialogProps,
} from '../../components/record-create/create-record-modal.js';
import {
  DUPLICATE_CHECK_DEBOUNCE_MS,
  useCreateRecord,
} from '../../components/record-create/use-create-record.js';
import { isHostName, normaliseDomain } from '../../lib/field-rules.js';
import { AccountFormFields } from './account-form-fields.js';
import {
  accountFormRules,
  emptyAccountForm,
  toCreateAccountInput,
  type AccountFormValues,
} from './account-form.js';

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

export function CreateAccountModal({ opened, onClose, onCreated }: CreateDialogProps<Account>) {
  const { user } = useSession();
  const mutation = useCreateAccount();
  const create = useCreateRecord({
    type: 'account',
    initialValues: emptyAccountForm(user.id),
    validate: accountFormRules,
    // The server refuses a new account by its domain.
    matchChanged: (values, previous) => values.domain !== previous.domain,
    toInput: toCreateAccountInput,
    mutation,
    schema: accountSchema,
    fields: FORM_FIELDS,
    displayName: (account) => account.name,
    onCreated,
    onClose,
  });
  const early = useEarlyDuplicates(create.form.values, opened && create.refusedAs === null);
  return (
    <CreateRecordModal
      opened={opened}
      create={create}
      refusedTitle="An account with this domain already exists"
      early={early}
      duplicateDetail={(account) => account.domain}
    >
      <AccountFormFields form={create.form} />
    </CreateRecordModal>
  );
}
