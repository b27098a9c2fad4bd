import { describe, expect, it } from 'vitest';
import { SubjectType, TimelineEntryKind } from '@crm/proto/crm/accounts/v1/timeline';
import { noteBodySchema, toTimelineEntryResponse } from './timeline-schemas.js';

describe('timeline JSON', () => {
  it('turns changed values from JSON text into JSON, and the system actor into null', () => {
    expect(
      toTimelineEntryResponse({
        id: 't1',
        subject: { type: SubjectType.SUBJECT_TYPE_ACCOUNT, id: 'a1' },
        kind: TimelineEntryKind.TIMELINE_ENTRY_KIND_ATTACHMENT_REMOVED,
        occurredAt: '2026-01-02T03:04:05.000Z',
        actorUserId: '',
        body: 'Updated',
        changes: [
          { field: 'tags', before: '["a"]', after: '["a","b"]' },
          { field: 'phone', before: 'null', after: '"+1 555"' },
        ],
        related: { type: 'contact', id: 'c1', label: 'Ada Lovelace' },
      }),
    ).toEqual({
      id: 't1',
      subjectType: 'account',
      subjectId: 'a1',
      kind: 'attachment_removed',
      occurredAt: '2026-01-02T03:04:05.000Z',
      actorUserId: null,
      body: 'Updated',
      changes: [
        { field: 'tags', before: ['a'], after: ['a', 'b'] },
        { field: 'phone', before: null, after: '+1 555' },
      ],
      related: { type: 'contact', id: 'c1', label: 'Ada Lovelace' },
    });
  });

  it('takes notes of 1 to 10000 characters', () => {
    expect(noteBodySchema.safeParse({ body: '  ' }).success).toBe(false);
    expect(noteBodySchema.safeParse({ body: 'x'.repeat(10_001) }).success).toBe(false);
    expect(noteBodySchema.parse({ body: ' Call back Monday ' })).toEqual({
      body: 'Call back Monday',
    });
  });
});
