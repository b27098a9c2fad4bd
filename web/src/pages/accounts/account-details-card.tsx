import { Anchor, SimpleGrid } from '@mantine/core';
import type { Account, AccountPatch, AccountStatus, CompanySize } from '../../api/accounts.js';
import { InlineSelect } from '../../components/inline-edit/inline-select.js';
import { InlineTags } from '../../components/inline-edit/inline-tags.js';
import { InlineText } from '../../components/inline-edit/inline-text.js';
import {
  DetailsCard,
  InlineOwner,
  InlinePhone,
  type DetailsCardBinding,
} from '../../components/record-detail/details-card.js';
import {
  DOMAIN_MAX_LENGTH,
  normaliseTags,
  orNull,
  validateDomain,
  validateTags,
  validateWebsite,
  WEBSITE_MAX_LENGTH,
} from '../../lib/field-rules.js';
import { ACCOUNT_STATUS_OPTIONS, COMPANY_SIZE_OPTIONS } from '../../lib/record-fields.js';
import { AccountAddressField } from './account-address-field.js';
import {
  INDUSTRY_MAX_LENGTH,
  NAME_MAX_LENGTH,
  NOTES_MAX_LENGTH,
  validateIndustry,
  validateName,
  validateNotes,
} from './account-form.js';

export interface AccountDetailsCardProps extends DetailsCardBinding<AccountPatch> {
  readonly account: Account;
}

/** The account's fields, each edited in place. */
export function AccountDetailsCard({ account, editable, save }: AccountDetailsCardProps) {
  return (
    <DetailsCard record={account}>
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
      <InlineOwner
        value={account.ownerId}
        editable={editable}
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
      <InlinePhone value={account.phone} editable={editable} onSave={(phone) => save({ phone })} />
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
    </DetailsCard>
  );
}
