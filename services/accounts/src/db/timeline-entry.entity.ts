import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { FieldChange } from '../domain/field-change.js';
import { subjectTypes } from '../domain/subject.js';
import { timelineKinds, type RelatedRecord } from '../domain/timeline.js';

export const TimelineEntryEntity = defineEntity({
  name: 'TimelineEntry',
  tableName: 'timeline_entries',
  properties: {
    id: p.uuid().primary(),
    subjectType: p.enum(subjectTypes),
    subjectId: p.uuid(),
    kind: p.enum(timelineKinds),
    occurredAt: p.datetime(),
    actorUserId: p.uuid().nullable(),
    body: p.text(),
    changes: p.json<FieldChange[]>(),
    related: p.json<RelatedRecord>().nullable(),
  },
});

export type TimelineEntry = InferEntity<typeof TimelineEntryEntity>;
