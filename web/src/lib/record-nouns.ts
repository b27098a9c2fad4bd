import type { SubjectType } from '../api/subjects.js';

/** How a record type is named in headings, labels and messages. */
export interface RecordNouns {
  /** "account" */
  readonly one: string;
  /** "accounts": also the record type's route and permission resource. */
  readonly many: string;
  /** "Account", to start a title or a sentence. */
  readonly One: string;
  /** "Accounts" */
  readonly Many: string;
}

export const RECORD_NOUNS: Readonly<Record<SubjectType, RecordNouns>> = {
  account: { one: 'account', many: 'accounts', One: 'Account', Many: 'Accounts' },
  contact: { one: 'contact', many: 'contacts', One: 'Contact', Many: 'Contacts' },
};
