import {
  TimelineEntryKind as KindMessage,
  type TimelineEntry as TimelineEntryMessage,
} from '@crm/proto/crm/accounts/v1/timeline';
import type { TimelineEntry } from '../db/timeline-entry.entity.js';
import type { TimelineKind } from '../domain/timeline.js';
import { toSubjectMessage } from './subject-mapper.js';

const KIND_MESSAGES: Record<TimelineKind, KindMessage> = {
  note: KindMessage.TIMELINE_ENTRY_KIND_NOTE,
  created: KindMessage.TIMELINE_ENTRY_KIND_CREATED,
  updated: KindMessage.TIMELINE_ENTRY_KIND_UPDATED,
  merged: KindMessage.TIMELINE_ENTRY_KIND_MERGED,
  attachment_added: KindMessage.TIMELINE_ENTRY_KIND_ATTACHMENT_ADDED,
  attachment_removed: KindMessage.TIMELINE_ENTRY_KIND_ATTACHMENT_REMOVED,
  contact_added: KindMessage.TIMELINE_ENTRY_KIND_CONTACT_ADDED,
  contact_removed: KindMessage.TIMELINE_ENTRY_KIND_CONTACT_REMOVED,
  deal_linked: KindMessage.TIMELINE_ENTRY_KIND_DEAL_LINKED,
  task_linked: KindMessage.TIMELINE_ENTRY_KIND_TASK_LINKED,
  imported: KindMessage.TIMELINE_ENTRY_KIND_IMPORTED,
};

/** Changed values travel as their JSON text ("null" when empty), as the proto says. */
export function toTimelineEntryMessage(entry: TimelineEntry): TimelineEntryMessage {
  return {
    id: entry.id,
    subject: toSubjectMessage({ type: entry.subjectType, id: entry.subjectId }),
    kind: KIND_MESSAGES[entry.kind],
    occurredAt: entry.occurredAt.toISOString(),
    actorUserId: entry.actorUserId ?? '',
    body: entry.body,
    changes: entry.changes.map((change) => ({
      field: change.field,
      before: JSON.stringify(change.before ?? null),
      after: JSON.stringify(change.after ?? null),
    })),
    related: entry.related ?? undefined,
  };
}
