import { DomainError } from '@crm/errors';
import { isUuid } from './ids.js';

/** What timeline entries and attachments belong to. */
export const subjectTypes = ['account', 'contact'] as const;
export type SubjectType = (typeof subjectTypes)[number];

export interface Subject {
  type: SubjectType;
  id: string;
}

/** The answer for an account or contact that does not exist (or that the id cannot name). */
export function subjectNotFound(type: SubjectType): DomainError {
  return DomainError.notFound(type === 'account' ? 'Account' : 'Contact');
}

/** A subject a request names: its type must be known; an id that is no UUID names nothing. */
export function parseSubject(type: SubjectType | undefined, id: string): Subject {
  if (type === undefined)
    throw DomainError.validation([
      { path: '/subject/type', message: 'must be account or contact' },
    ]);
  if (!isUuid(id)) throw subjectNotFound(type);
  return { type, id: id.toLowerCase() };
}
