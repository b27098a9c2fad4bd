import {
  Autocomplete,
  Fieldset,
  Select,
  SimpleGrid,
  TagsInput,
  Textarea,
  TextInput,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { OwnerSelect } from '../../components/pickers/owner-select.js';
import { DOMAIN_MAX_LENGTH, PHONE_MAX_LENGTH, WEBSITE_MAX_LENGTH } from '../../lib/field-rules.js';
import { accessibleInputProps } from '../../lib/form-input-props.js';
import {
  ACCOUNT_STATUS_OPTIONS,
  COMPANY_SIZE_OPTIONS,
  INDUSTRY_SUGGESTIONS,
} from '../../lib/record-fields.js';
import {
  ADDRESS_MAX_LENGTHS,
  ADDRESS_PART_LABELS,
  INDUSTRY_MAX_LENGTH,
  NAME_MAX_LENGTH,
  NOTES_MAX_LENGTH,
  type AccountFormValues,
} from './account-form.js';

/** Every field of a new account, bound to `form`. */
export function AccountFormFields({
  form,
}: {
  readonly form: UseFormReturnType<AccountFormValues>;
}) {
  const input = accessibleInputProps(form);
  return (
    <>
      <TextInput
        label="Name"
        withAsterisk
        maxLength={NAME_MAX_LENGTH}
        data-autofocus
        {...input('name')}
      />
      <TextInput
        label="Domain"
        placeholder="acme.com"
        description="The company's web domain; it also finds duplicates"
        maxLength={DOMAIN_MAX_LENGTH}
        {...input('domain')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label="Status"
          data={ACCOUNT_STATUS_OPTIONS}
          allowDeselect={false}
          {...input('status')}
        />
        <OwnerSelect {...input('ownerId')} />
        <Autocomplete
          label="Industry"
          data={[...INDUSTRY_SUGGESTIONS]}
          maxLength={INDUSTRY_MAX_LENGTH}
          {...input('industry')}
        />
        <Select
          label="Company size"
          placeholder="Unknown"
          data={COMPANY_SIZE_OPTIONS}
          clearable
          clearButtonProps={{ 'aria-label': 'Clear company size' }}
          {...input('size')}
        />
        <TextInput label="Phone" type="tel" maxLength={PHONE_MAX_LENGTH} {...input('phone')} />
        <TextInput
          label="Website"
          placeholder="https://acme.com"
          maxLength={WEBSITE_MAX_LENGTH}
          {...input('website')}
        />
      </SimpleGrid>
      <TagsInput label="Tags" description="Enter adds a tag" {...input('tags')} />
      <Fieldset legend="Address" variant="filled">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {(['street', 'city', 'region', 'postalCode', 'country'] as const).map((part) => (
            <TextInput
              key={part}
              label={ADDRESS_PART_LABELS[part]}
              maxLength={ADDRESS_MAX_LENGTHS[part]}
              placeholder={part === 'country' ? 'DE' : undefined}
              {...input(`address.${part}`)}
            />
          ))}
        </SimpleGrid>
      </Fieldset>
      <Textarea
        label="Notes"
        autosize
        minRows={2}
        maxRows={8}
        maxLength={NOTES_MAX_LENGTH}
        {...input('notes')}
      />
    </>
  );
}
