import { z } from 'zod';
import type { CsvColumn } from '@crm/csv';
import {
  TimelineEntryKind,
  type TimelineEntry as TimelineEntryMessage,
} from '@crm/proto/crm/accounts/v1/timeline';
import { pageQuery, pageSchema } from '../http/query-schemas.js';
import {
  enumMapping,
  requiredEnum,
  requiredMessage,
  requiredTimestamp,
} from '../http/wire-values.js';
import { subjectFields, subjectFieldsOf } from './subjects.js';

export const timelineKinds = enumMapping([
  ['note', TimelineEntryKind.TIMELINE_ENTRY_KIND_NOTE],
  ['created', TimelineEntryKind.TIMELINE_ENTRY_KIND_CREATED],
  ['updated', TimelineEntryKind.TIMELINE_ENTRY_KIND_UPDATED],
  ['merged', TimelineEntryKind.TIMELINE_ENTRY_KIND_MERGED],
  ['attachment_added', TimelineEntryKind.TIMELINE_ENTRY_KIND_ATTACHMENT_ADDED],
  ['attachment_removed', TimelineEntryKind.TIMELINE_ENTRY_KIND_ATTACHMENT_REMOVED],
  ['contact_added', TimelineEntryKind.TIMELINE_ENTRY_KIND_CONTACT_ADDED],
  ['contact_removed', TimelineEntryKind.TIMELINE_ENTRY_KIND_CONTACT_REMOVED],
  ['deal_linked', TimelineEntryKind.TIMELINE_ENTRY_KIND_DEAL_LINKED],
  ['task_linked', TimelineEntryKind.TIMELINE_ENTRY_KIND_TASK_LINKED],
  ['imported', TimelineEntryKind.TIMELINE_ENTRY_KIND_IMPORTED],
]);

export const timelineEntrySchema = z
  .object({
    id: z.string(),
    ...subjectFields,
    kind: z.enum(timelineKinds.values),
    occurredAt: z.iso.datetime(),
    actorUserId: z.string().nullable().describe('Who did it; `null` for the system (imports).'),
    body: z.string().describe("The note's text for notes; a short description otherwise."),
    changes: z.array(
      z.object({
        field: z.string(),
        before: z.unknown().describe('The JSON value before (`null` when empty).'),
        after: z.unknown().describe('The JSON value after (`null` when empty).'),
      }),
    ),
    related: z
      .object({ type: z.string(), id: z.string(), label: z.string() })
      .nullable()
      .describe('The record the entry points at: the contact added, the deal linked, …'),
  })
  .meta({ id: 'TimelineEntry' });

export type TimelineEntryResponse = z.output<typeof timelineEntrySchema>;

export const timelineQuerySchema = z.strictObject({ ...pageQuery });
export const timelineListSchema = pageSchema(timelineEntrySchema).meta({ id: 'Timeline' });

export const noteBodySchema = z
  .strictObject({
    body: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(10_000, 'must be at most 10000 characters'),
  })
  .meta({ id: 'NewNote' });

export const timelineCsvColumns: ReadonlyArray<CsvColumn<TimelineEntryResponse>> = [
  { header: 'id', value: (entry) => entry.id },
  { header: 'subjectType', value: (entry) => entry.subjectType },
  { header: 'subjectId', value: (entry) => entry.subjectId },
  { header: 'kind', value: (entry) => entry.kind },
  { header: 'occurredAt', value: (entry) => entry.occurredAt },
  { header: 'actorUserId', value: (entry) => entry.actorUserId },
  { header: 'body', value: (entry) => entry.body },
  {
    header: 'changes',
    value: (entry) => (entry.changes.length > 0 ? JSON.stringify(entry.changes) : null),
  },
  { header: 'relatedType', value: (entry) => entry.related?.type },
  { header: 'relatedId', value: (entry) => entry.related?.id },
  { header: 'relatedLabel', value: (entry) => entry.related?.label },
];

/** Changed values cross gRPC as JSON text. */
function jsonValue(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(`timeline answered with a ${what} that is not JSON`);
  }
}

export function toTimelineEntryResponse(
  entry: TimelineEntryMessage | undefined,
): TimelineEntryResponse {
  const message = requiredMessage(entry, 'a timeline entry');
  return {
    id: message.id,
    ...subjectFieldsOf(message.subject, 'the entry subject'),
    kind: requiredEnum(timelineKinds, message.kind, 'timeline entry kind'),
    occurredAt: requiredTimestamp(message.occurredAt, 'occurredAt'),
    actorUserId: message.actorUserId || null,
    body: message.body,
    changes: message.changes.map((change) => ({
      field: change.field,
      before: jsonValue(change.before, 'previous value'),
      after: jsonValue(change.after, 'new value'),
    })),
    related: message.related ? { ...message.related } : null,
  };
}
