export const SUBJECT_TYPES = ['account', 'contact'] as const;
/** What timelines and attachments hang on. */
export type SubjectType = (typeof SUBJECT_TYPES)[number];

export interface Subject {
  readonly type: SubjectType;
  readonly id: string;
}

/** `/accounts/:id` or `/contacts/:id`: the API path (and the app's route) of a subject. */
export function subjectPath(subject: Subject): string {
  return `/${subject.type}s/${encodeURIComponent(subject.id)}`;
}
