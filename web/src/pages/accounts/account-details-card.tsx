import { Anchor, SimpleGrid, Stack } from '@mantine/core';
import type { Account, AccountPatch, AccountStatus, CompanySize } from '../../api/accounts.js';
import { InlineSelect } from '../../components/inline-edit/inline-select.js';
import { InlineTags } from '../../components/inline-edit/inline-tags.js';
import { InlineText } from '../../components/inline-edit/inline-text.js';
import { RecordTimestamps } from '../../components/record-timestamps.js';
import { SectionCard } from '../../components/section-card.js';
import {
  DOMAIN_MAX_LENGTH,
  normaliseTags,
  PHONE_MAX_LENGTH,
  validateDomain,
  validatePhone,
  validateTags,
  validateWebsite,
  WEBSITE_MAX_LENGTH,
} from '../../lib/field-rules.js';
import { ACCOUNT_STATUS_OPTIONS, COMPANY_SIZE_OPTIONS } from '../../lib/record-fields.js';
import { useUserLookup } from '../../lib/user-lookup.js';
import { AccountAddressField } from './account-address-field.js';
import {
  INDUSTRY_MAX_LENGTH,
  NAME_MAX_LENGTH,
  NOTES_MAX_LENGTH,
  validateIndustry,
  validateName,
  validateNotes,
} from './account-form.js';

export interface AccountDetailsCardProps {
  readonly account: Account;
  readonly editable: boolean;
  /** Saves a change against the version shown. */
  readonly save: (patch: AccountPatch) => Promise<void>;
}

/** '' (a cleared field) is sent as null, which the API takes as "clear". */
const orNull = (text: string) => (text === '' ? null : text);

/** The account's fields, each edited in place. */
export function AccountDetailsCard({ account, editable, save }: AccountDetailsCardProps) {
  const { options: owners, nameOf } = useUserLookup();
  return (
    <SectionCard title="Details">
      <Stack gap="sm">
        <InlineText
          label="Name"
          fieldPath="name"
          value={account.name}
          editable={editable}
          validate={validateName}
          maxLength={NAME_MAX_LENGTH}
          onSave={(name) => save({ name })}
        />
        <InlineSelect<AccountStatus>
          label="Status"
          fieldPath="status"
          value={account.status}
          data={ACCOUNT_STATUS_OPTIONS}
          editable={editable}
          onSave={async (status) => {
            if (status !== null) await save({ status });
          }}
        />
        <InlineSelect
          label="Owner"
          fieldPath="ownerId"
          value={account.ownerId}
          data={owners}
          editable={editable}
          clearable
          searchable
          display={(id) => nameOf(id) ?? 'Another user'}
          onSave={(ownerId) => save({ ownerId })}
        />
        <InlineText
          label="Domain"
          fieldPath="domain"
          value={account.domain}
          editable={editable}
          validate={validateDomain}
          maxLength={DOMAIN_MAX_LENGTH}
          onSave={(domain) => save({ domain: orNull(domain.toLowerCase()) })}
          display={(domain) => (
            <Anchor href={`https://${domain}`} target="_blank" rel="noreferrer" size="sm">
              {domain}
            </Anchor>
          )}
        />
        <InlineText
          label="Website"
          fieldPath="website"
          value={account.website}
          editable={editable}
          validate={validateWebsite}
          maxLength={WEBSITE_MAX_LENGTH}
          onSave={(website) => save({ website: orNull(website) })}
          display={(website) => (
            // The server only stores http(s) addresses, so the link cannot run script.
            <Anchor href={website} target="_blank" rel="noreferrer" size="sm">
              {website}
            </Anchor>
          )}
        />
        <InlineText
          label="Phone"
          fieldPath="phone"
          value={account.phone}
          editable={editable}
          validate={validatePhone}
          maxLength={PHONE_MAX_LENGTH}
          onSave={(phone) => save({ phone: orNull(phone) })}
          display={(phone) => (
            <Anchor href={`tel:${phone.replace(/[^0-9+]/g, '')}`} size="sm">
              {phone}
            </Anchor>
          )}
        />
        <SimpleGrid cols={2}>
          <InlineText
            label="Industry"
            fieldPath="industry"
            value={account.industry}
            editable={editable}
            validate={validateIndustry}
            maxLength={INDUSTRY_MAX_LENGTH}
            onSave={(industry) => save({ industry: orNull(industry) })}
          />
          <InlineSelect<CompanySize>
            label="Company size"
            fieldPath="size"
            value={account.size}
            data={COMPANY_SIZE_OPTIONS}
            editable={editable}
            clearable
            onSave={(size) => save({ size })}
          />
        </SimpleGrid>
        <InlineTags
          label="Tags"
          fieldPath="tags"
          value={account.tags}
          editable={editable}
          validate={validateTags}
          normalise={normaliseTags}
          onSave={(tags) => save({ tags })}
        />
        <AccountAddressField
          value={account.address}
          editable={editable}
          onSave={(address) => save({ address })}
        />
        <InlineText
          label="Notes"
          fieldPath="notes"
          value={account.notes}
          editable={editable}
          multiline
          validate={validateNotes}
          maxLength={NOTES_MAX_LENGTH}
          onSave={(notes) => save({ notes })}
        />
        <RecordTimestamps createdAt={account.createdAt} updatedAt={account.updatedAt} />
      </Stack>
    </SectionCard>
  );
}
