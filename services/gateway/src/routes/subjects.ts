import { z } from 'zod';
import { SubjectType, type Subject } from '@crm/proto/crm/accounts/v1/timeline';
import { enumMapping, requiredEnum, requiredMessage } from '../http/wire-values.js';

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

/** The fields naming the account or contact something belongs to. */
export const subjectFields = {
  subjectType: z.enum(subjectTypes.values),
  subjectId: z.string(),
};

/** `subjectFields` of a subject the service must always name (`what` says whose, for errors). */
export function subjectFieldsOf(
  subject: Subject | undefined,
  what: string,
): z.output<z.ZodObject<typeof subjectFields>> {
  const message = requiredMessage(subject, what);
  return {
    subjectType: requiredEnum(subjectTypes, message.type, 'subject type'),
    subjectId: message.id,
  };
}

export function toSubject(type: SubjectTypeName, id: string): Subject {
  return { type: subjectTypes.toMessage(type), id };
}
