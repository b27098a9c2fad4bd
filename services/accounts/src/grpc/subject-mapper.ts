import {
  SubjectType as SubjectTypeMessage,
  type Subject as SubjectMessage,
} from '@crm/proto/crm/accounts/v1/timeline';
import { parseSubject, type Subject, type SubjectType } from '../domain/subject.js';

const SUBJECT_TYPES: Partial<Record<SubjectTypeMessage, SubjectType>> = {
  [SubjectTypeMessage.SUBJECT_TYPE_ACCOUNT]: 'account',
  [SubjectTypeMessage.SUBJECT_TYPE_CONTACT]: 'contact',
};

export function toSubjectMessage(subject: Subject): SubjectMessage {
  return {
    type:
      subject.type === 'account'
        ? SubjectTypeMessage.SUBJECT_TYPE_ACCOUNT
        : SubjectTypeMessage.SUBJECT_TYPE_CONTACT,
    id: subject.id,
  };
}

/** The subject a request names; a missing or unknown type is a validation error. */
export function subjectOf(message: SubjectMessage | undefined): Subject {
  return parseSubject(message ? SUBJECT_TYPES[message.type] : undefined, message?.id ?? '');
}
