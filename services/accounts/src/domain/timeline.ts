import { FieldErrors } from './normalised.js';
import { normaliseText } from './text-field.js';

export const timelineKinds = [
  'note',
  'created',
  'updated',
  'merged',
  'attachment_added',
  'attachment_removed',
  'contact_added',
  'contact_removed',
  'deal_linked',
  'task_linked',
  'imported',
] as const;
export type TimelineKind = (typeof timelineKinds)[number];

/** Another record an entry points at: the contact added, the account merged in, the file. */
export interface RelatedRecord {
  type: 'account' | 'contact' | 'attachment' | 'deal' | 'task' | 'import';
  id: string;
  label: string;
}

export const NOTE_MAX_LENGTH = 10_000;

/** A note's text: 1..10 000 characters, line breaks kept. */
export function parseNoteBody(raw: string): string {
  const errors = new FieldErrors();
  const body = errors.take('/body', normaliseText(raw, NOTE_MAX_LENGTH), '');
  if (body === '' && raw.trim() === '') errors.add('/body', 'must not be empty');
  errors.throwIfAny();
  return body;
}
