import { SubjectType, type Subject } from '@crm/proto/crm/accounts/v1/timeline';
import { enumMapping } from '../http/wire-values.js';

/** Timelines and attachments belong to an account or a contact. */
export const subjectTypes = enumMapping([
  ['account', SubjectType.SUBJECT_TYPE_ACCOUNT],
  ['contact', SubjectType.SUBJECT_TYPE_CONTACT],
]);

export type SubjectTypeName = (typeof subjectTypes.values)[number];

/** Where each kind of subject lives in the API, and the matrix resource that guards it. */
export const subjectCollections = [
  { path: 'accounts', type: 'account', resource: 'accounts' },
  { path: 'contacts', type: 'contact', resource: 'contacts' },
] as const satisfies ReadonlyArray<{
  path: string;
  type: SubjectTypeName;
  resource: 'accounts' | 'contacts';
}>;

export function toSubject(type: SubjectTypeName, id: string): Subject {
  return { type: subjectTypes.toMessage(type), id };
}
