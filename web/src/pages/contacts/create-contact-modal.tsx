import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useCreateContact, useDuplicateContacts } from '../../api/contact-queries.js';
import { contactName, contactSchema, type Contact } from '../../api/contacts.js';
import { duplicatesIn } from '../../api/problems.js';
import { useSession } from '../../auth/session-context.js';
import { DuplicateWarning } from '../../components/duplicate-warning.js';
import { splitServerErrors } from '../../lib/form-errors.js';
import {
  contactFormRules,
  emptyContactForm,
  toCreateContactInput,
  typedEmails,
  type ContactFormValues,
} from './contact-form.js';
import { ContactFormFields } from './contact-form-fields.js';

const DUPLICATE_CHECK_DEBOUNCE_MS = 400;

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

export interface CreateContactModalProps {
  readonly opened: boolean;
  readonly onClose: () => void;
  readonly onCreated?: (contact: Contact) => void;
  /** The account the new contact starts at (adding a contact from an account's page). */
  readonly accountId?: string;
}

function toCandidates(contacts: readonly Contact[]) {
  return contacts.map((contact) => ({
    id: contact.id,
    label: contactName(contact),
    detail: [contact.email, contact.accountName].filter(Boolean).join(' · ') || null,
    href: `/contacts/${encodeURIComponent(contact.id)}`,
  }));
}

export function CreateContactModal({
  opened,
  onClose,
  onCreated,
  accountId,
}: CreateContactModalProps) {
  const { user } = useSession();
  const createContact = useCreateContact();
  const [formError, setFormError] = useState<string | null>(null);
  const [refusedAs, setRefusedAs] = useState<readonly Contact[] | null>(null);
  const form = useForm<ContactFormValues>({
    mode: 'controlled',
    initialValues: emptyContactForm(accountId ?? null, user.id),
    validate: contactFormRules,
    onValuesChange: (values, previous) => {
      if (values.email !== previous.email || values.otherEmails !== previous.otherEmails)
        setRefusedAs(null);
    },
  });
  // A string, not the array: a new array every render would restart the debounce for ever.
  const [emailKey] = useDebouncedValue(
    typedEmails(form.values).join('\n'),
    DUPLICATE_CHECK_DEBOUNCE_MS,
  );
  const emails = emailKey === '' ? [] : emailKey.split('\n');
  const early = useDuplicateContacts(
    emails,
    undefined,
    opened && refusedAs === null && emails.length > 0,
  );

  const close = () => {
    form.reset();
    setFormError(null);
    setRefusedAs(null);
    createContact.reset();
    onClose();
  };

  const create = async (values: ContactFormValues, allowDuplicate: boolean) => {
    setFormError(null);
    try {
      const input = toCreateContactInput(values);
      const contact = await createContact.mutateAsync(
        allowDuplicate ? { ...input, allowDuplicate } : input,
      );
      notifications.show({
        color: 'green',
        title: 'Contact created',
        message: contactName(contact),
      });
      onCreated?.(contact);
      close();
    } catch (error) {
      const duplicates = duplicatesIn(error, contactSchema);
      if (duplicates) {
        setRefusedAs(duplicates);
        return;
      }
      const { fieldErrors, formError: message } = splitServerErrors(error, FORM_FIELDS);
      form.setErrors(fieldErrors);
      setFormError(message);
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title="New contact"
      size="lg"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form onSubmit={form.onSubmit((values) => create(values, false))} noValidate>
        <Stack gap="md">
          {formError && (
            <Alert color="red" role="alert" title="Could not create the contact">
              {formError}
            </Alert>
          )}
          {refusedAs ? (
            <DuplicateWarning
              title="A contact with this email address already exists"
              candidates={toCandidates(refusedAs)}
              creating={createContact.isPending}
              onCreateAnyway={() => {
                if (!form.validate().hasErrors) void create(form.getValues(), true);
              }}
            />
          ) : (
            (early.data?.length ?? 0) > 0 && (
              <DuplicateWarning
                title="Possible duplicates"
                candidates={toCandidates(early.data ?? [])}
              />
            )
          )}
          <ContactFormFields form={form} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={createContact.isPending}>
              Create contact
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
