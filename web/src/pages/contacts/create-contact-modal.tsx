import { useDebouncedValue } from '@mantine/hooks';
import { useCreateContact, useDuplicateContacts } from '../../api/contact-queries.js';
import { contactName, contactSchema, type Contact } from '../../api/contacts.js';
import { useSession } from '../../auth/session-context.js';
import {
  CreateRecordModal,
  type CreateDialogProps,
} from '../../components/record-create/create-record-modal.js';
import {
  DUPLICATE_CHECK_DEBOUNCE_MS,
  useCreateRecord,
} from '../../components/record-create/use-create-record.js';
import {
  contactFormRules,
  emptyContactForm,
  toCreateContactInput,
  typedEmails,
} from './contact-form.js';
import { ContactFormFields } from './contact-form-fields.js';

const FORM_FIELDS: ReadonlySet<string> = new Set([
  'firstName',
  'lastName',
  'email',
  'otherEmails',
  'phone',
  'otherPhones',
  'title',
  'accountId',
  'ownerId',
  'primary',
]);

export interface CreateContactModalProps extends CreateDialogProps<Contact> {
  /** The account the new contact starts at (adding a contact from an account's page). */
  readonly accountId?: string;
}

export function CreateContactModal({
  opened,
  onClose,
  onCreated,
  accountId,
}: CreateContactModalProps) {
  const { user } = useSession();
  const mutation = useCreateContact();
  const create = useCreateRecord({
    type: 'contact',
    initialValues: emptyContactForm(accountId ?? null, user.id),
    validate: contactFormRules,
    // The server refuses a new contact by its email addresses.
    matchChanged: (values, previous) =>
      values.email !== previous.email || values.otherEmails !== previous.otherEmails,
    toInput: toCreateContactInput,
    mutation,
    schema: contactSchema,
    fields: FORM_FIELDS,
    displayName: contactName,
    onCreated,
    onClose,
  });
  // A string, not the array: a new array every render would restart the debounce for ever.
  const [emailKey] = useDebouncedValue(
    typedEmails(create.form.values).join('\n'),
    DUPLICATE_CHECK_DEBOUNCE_MS,
  );
  const emails = emailKey === '' ? [] : emailKey.split('\n');
  const early = useDuplicateContacts(
    emails,
    undefined,
    opened && create.refusedAs === null && emails.length > 0,
  );
  return (
    <CreateRecordModal
      opened={opened}
      create={create}
      refusedTitle="A contact with this email address already exists"
      early={early.data ?? []}
      duplicateDetail={(contact) =>
        [contact.email, contact.accountName].filter(Boolean).join(' · ') || null
      }
    >
      <ContactFormFields form={create.form} />
    </CreateRecordModal>
  );
}
