/**
 * The address book's domain rules as pure functions, shared by the gRPC handlers and the CSV
 * importer. Every `parse…` function normalises what people typed into what is stored, or throws
 * one `validation_failed` DomainError whose `fieldErrors` name each field at fault (JSON pointers
 * such as `/name`, `/address/country`, `/otherEmails`). Each `normalise…` function answers a
 * `Normalised<T>`: `{ ok: true, value }` or `{ ok: false, message }` (blank input → null).
 */
export {
  accountStatuses,
  companySizes,
  accountFieldNames,
  DEFAULT_ACCOUNT_STATUS,
  ACCOUNT_NAME_MAX_LENGTH,
  ACCOUNT_NOTES_MAX_LENGTH,
  INDUSTRY_MAX_LENGTH,
  parseSize,
  parseStatus,
  type AccountFields,
  type AccountFieldsInput,
  type AccountStatus,
  type CompanySize,
  type PostalAddress,
  type PostalAddressInput,
} from './account-fields.js';
export {
  parseNewAccount,
  parseAccountPatch,
  type NewAccount,
  type NewAccountInput,
  type AccountPatch,
  type AccountPatchInput,
} from './account.js';
export {
  parseNewContact,
  parseContactPatch,
  applyContactPatch,
  contactFieldNames,
  CONTACT_NAME_MAX_LENGTH,
  CONTACT_TITLE_MAX_LENGTH,
  CONTACT_OTHER_MAX_COUNT,
  type ContactFields,
  type ContactFieldsInput,
  type NewContact,
  type NewContactInput,
  type ContactPatch,
  type ContactPatchInput,
} from './contact.js';
export { mergeAccountFields, mergeContactFields } from './merge.js';
export { changedFields, type FieldChange } from './field-change.js';
export { normaliseEmail, normaliseEmails, EMAIL_MAX_LENGTH } from './email.js';
export { normalisePhone, normalisePhones, phoneDigits, PHONE_MAX_LENGTH } from './phone.js';
export { normaliseWebsite, WEBSITE_MAX_LENGTH } from './website.js';
export { normaliseTags, TAG_MAX_LENGTH, TAGS_MAX_COUNT } from './tags.js';
export { normaliseDomain, isHostName } from './host-name.js';
export { normaliseId, isUuid } from './ids.js';
export {
  normaliseLine,
  normaliseRequiredLine,
  normaliseText,
  CONTROL_CHARACTERS,
} from './text-field.js';
export { FieldErrors, valid, invalid, excerpt, quoted, type Normalised } from './normalised.js';
export {
  parseAccountFilters,
  parseContactFilters,
  type AccountFilters,
  type AccountFiltersInput,
  type ContactFilters,
  type ContactFiltersInput,
} from './list-filters.js';
export { parseSubject, subjectTypes, type Subject, type SubjectType } from './subject.js';
export {
  parseNoteBody,
  timelineKinds,
  NOTE_MAX_LENGTH,
  type RelatedRecord,
  type TimelineKind,
} from './timeline.js';
export { parseNewAttachment, type NewAttachment, type NewAttachmentInput } from './attachment.js';
export { parseExpectedVersion, parseRequiredVersion } from './version.js';
