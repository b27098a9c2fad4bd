import { Anchor, SimpleGrid } from '@mantine/core';
import type { Contact, ContactPatch } from '../../api/contacts.js';
import { InlineSwitch } from '../../components/inline-edit/inline-switch.js';
import { InlineTags } from '../../components/inline-edit/inline-tags.js';
import { InlineText } from '../../components/inline-edit/inline-text.js';
import {
  DetailsCard,
  InlineOwner,
  InlinePhone,
  type DetailsCardBinding,
} from '../../components/record-detail/details-card.js';
import { EMAIL_MAX_LENGTH, normaliseEmail, orNull, validateEmail } from '../../lib/field-rules.js';
import { ContactAccountField } from './contact-account-field.js';
import {
  PERSON_NAME_MAX_LENGTH,
  TITLE_MAX_LENGTH,
  validateFirstName,
  validateLastName,
  validateOtherEmails,
  validateOtherPhones,
  validateTitle,
} from './contact-form.js';

export interface ContactDetailsCardProps extends DetailsCardBinding<ContactPatch> {
  readonly contact: Contact;
}

const tidyList = (values: readonly string[]) => values.map((value) => value.trim()).filter(Boolean);

/** The contact's fields, each edited in place. */
export function ContactDetailsCard({ contact, editable, save }: ContactDetailsCardProps) {
  return (
    <DetailsCard record={contact}>
      <SimpleGrid cols={2}>
        <InlineText
          label="First name"
          fieldPath="firstName"
          value={contact.firstName}
          editable={editable}
          validate={validateFirstName}
          maxLength={PERSON_NAME_MAX_LENGTH}
          onSave={(firstName) => save({ firstName })}
        />
        <InlineText
          label="Last name"
          fieldPath="lastName"
          value={contact.lastName}
          editable={editable}
          validate={(lastName) =>
            validateLastName(lastName, {
              firstName: contact.firstName,
              email: contact.email ?? '',
            })
          }
          maxLength={PERSON_NAME_MAX_LENGTH}
          onSave={(lastName) => save({ lastName })}
        />
      </SimpleGrid>
      <InlineText
        label="Job title"
        fieldPath="title"
        value={contact.title}
        editable={editable}
        validate={validateTitle}
        maxLength={TITLE_MAX_LENGTH}
        onSave={(title) => save({ title: orNull(title) })}
      />
      <ContactAccountField
        accountId={contact.accountId}
        accountName={contact.accountName}
        editable={editable}
        onSave={(accountId) => save({ accountId })}
      />
      <InlineSwitch
        label="Primary contact of the account"
        fieldPath="primary"
        value={contact.primary}
        editable={editable && contact.accountId !== null}
        onSave={(primary) => save({ primary })}
      />
      <InlineText
        label="Email"
        fieldPath="email"
        value={contact.email}
        editable={editable}
        validate={validateEmail}
        maxLength={EMAIL_MAX_LENGTH}
        onSave={(email) => save({ email: normaliseEmail(email) })}
        display={(email) => (
          <Anchor href={`mailto:${email}`} size="sm">
            {email}
          </Anchor>
        )}
      />
      <InlineTags
        label="Other emails"
        fieldPath="otherEmails"
        value={contact.otherEmails}
        editable={editable}
        validate={validateOtherEmails}
        normalise={(values) => tidyList(values).map((value) => normaliseEmail(value) ?? value)}
        onSave={(otherEmails) => save({ otherEmails })}
      />
      <InlinePhone value={contact.phone} editable={editable} onSave={(phone) => save({ phone })} />
      <InlineTags
        label="Other phones"
        fieldPath="otherPhones"
        value={contact.otherPhones}
        editable={editable}
        validate={validateOtherPhones}
        normalise={tidyList}
        onSave={(otherPhones) => save({ otherPhones })}
      />
      <InlineOwner
        value={contact.ownerId}
        editable={editable}
        onSave={(ownerId) => save({ ownerId })}
      />
    </DetailsCard>
  );
}
