import { z } from 'zod';
import { parseWith, timestampSchema } from './decode.js';
import { apiRequest } from './http.js';
import { pageSchema, type Page } from './page.js';
import { SUBJECT_TYPES, subjectPath, type Subject } from './subjects.js';

export const TIMELINE_KINDS = [
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
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** Notes are plain text of this many characters at most. */
export const NOTE_MAX_LENGTH = 10_000;

const fieldChangeSchema = z.object({
  field: z.string(),
  /** JSON values; null when the field was or became empty. */
  before: z.unknown(),
  after: z.unknown(),
});
export type FieldChange = z.output<typeof fieldChangeSchema>;

const relatedSchema = z.object({ type: z.string(), id: z.string(), label: z.string() });
export type RelatedRecord = z.output<typeof relatedSchema>;

export const timelineEntrySchema = z.object({
  id: z.string(),
  subjectType: z.enum(SUBJECT_TYPES),
  subjectId: z.string(),
  kind: z.enum(TIMELINE_KINDS),
  occurredAt: timestampSchema,
  /** Null for the system (imports, the demo loader). */
  actorUserId: z.string().nullable(),
  /** The note's text for notes; a short description otherwise. */
  body: z.string(),
  changes: z.array(fieldChangeSchema),
  related: relatedSchema.nullable(),
});
export type TimelineEntry = z.output<typeof timelineEntrySchema>;

const timelinePageSchema = pageSchema(timelineEntrySchema);

export async function listTimeline(
  subject: Subject,
  params: { readonly cursor?: string | null; readonly limit?: number },
  signal?: AbortSignal,
): Promise<Page<TimelineEntry>> {
  const body = await apiRequest(`${subjectPath(subject)}/timeline`, {
    query: { cursor: params.cursor, limit: params.limit },
    signal,
  });
  return parseWith(timelinePageSchema, body, 'timeline page');
}

export async function addNote(subject: Subject, text: string): Promise<TimelineEntry> {
  const body = await apiRequest(`${subjectPath(subject)}/notes`, {
    method: 'POST',
    body: { body: text },
  });
  return parseWith(timelineEntrySchema, body, 'note');
}

export async function deleteNote(id: string): Promise<void> {
  await apiRequest(`/notes/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
