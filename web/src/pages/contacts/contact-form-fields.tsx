import { Checkbox, SimpleGrid, TagsInput, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { AccountSelect } from '../../components/pickers/account-select.js';
import { OwnerSelect } from '../../components/pickers/owner-select.js';
import { EMAIL_MAX_LENGTH, PHONE_MAX_LENGTH } from '../../lib/field-rules.js';
import { accessibleInputProps } from '../../lib/form-input-props.js';
import {
  PERSON_NAME_MAX_LENGTH,
  TITLE_MAX_LENGTH,
  type ContactFormValues,
} from './contact-form.js';

/** Every field of a new contact, bound to `form`. */
export function ContactFormFields({
  form,
}: {
  readonly form: UseFormReturnType<ContactFormValues>;
}) {
  const input = accessibleInputProps(form);
  const account = form.getInputProps('accountId');
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label="First name"
          maxLength={PERSON_NAME_MAX_LENGTH}
          data-autofocus
          {...input('firstName')}
        />
        <TextInput label="Last name" maxLength={PERSON_NAME_MAX_LENGTH} {...input('lastName')} />
      </SimpleGrid>
      <TextInput
        label="Email"
        type="email"
        placeholder="ada@example.com"
        description="It also finds duplicates"
        maxLength={EMAIL_MAX_LENGTH}
        {...input('email')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label="Phone" type="tel" maxLength={PHONE_MAX_LENGTH} {...input('phone')} />
        <TextInput label="Job title" maxLength={TITLE_MAX_LENGTH} {...input('title')} />
      </SimpleGrid>
      <AccountSelect
        label="Account"
        placeholder="Search accounts"
        value={form.values.accountId}
        onChange={(picked) => {
          form.setFieldValue('accountId', picked?.id ?? null);
          if (picked === null) form.setFieldValue('primary', false);
        }}
        error={account.error}
        clearable
      />
      <Checkbox
        label="Primary contact of the account"
        disabled={form.values.accountId === null}
        {...form.getInputProps('primary', { type: 'checkbox' })}
      />
      <OwnerSelect {...input('ownerId')} />
      <TagsInput
        label="Other emails"
        description="Enter adds an address"
        {...input('otherEmails')}
      />
      <TagsInput label="Other phones" description="Enter adds a number" {...input('otherPhones')} />
    </>
  );
}
