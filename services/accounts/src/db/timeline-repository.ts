import type { EntityDictionary } from '@mikro-orm/core';
import { uuidv7, type OrmEntityManager } from '@crm/db';
import type { ListCursor } from '../domain/cursor.js';
import type { FieldChange } from '../domain/field-change.js';
import type { Subject } from '../domain/subject.js';
import type { RelatedRecord, TimelineKind } from '../domain/timeline.js';
import { entityColumns, subjectPage } from './keyset-page.js';
import { schemaOf } from './sql-statement.js';
import { TimelineEntryEntity, type TimelineEntry } from './timeline-entry.entity.js';

/** The one order of a timeline: newest first. */
export const TIMELINE_SORT = '-occurredAt';

export interface NewTimelineEntry {
  subject: Subject;
  kind: TimelineKind;
  actorUserId: string | null;
  body: string;
  changes?: FieldChange[] | undefined;
  related?: RelatedRecord | null | undefined;
}

export class TimelineRepository {
  constructor(private readonly em: OrmEntityManager) {}

  /** Adds the entry to the unit of work, so it commits with the change it describes. */
  append(entry: NewTimelineEntry): TimelineEntry {
    return this.em.create(TimelineEntryEntity, {
      id: uuidv7(),
      subjectType: entry.subject.type,
      subjectId: entry.subject.id,
      kind: entry.kind,
      occurredAt: new Date(),
      actorUserId: entry.actorUserId,
      body: entry.body,
      changes: entry.changes ?? [],
      related: entry.related ?? null,
    });
  }

  findById(id: string): Promise<TimelineEntry | null> {
    return this.em.findOne(TimelineEntryEntity, { id });
  }

  remove(entry: TimelineEntry): void {
    this.em.remove(entry);
  }

  /** A subject's entries, newest first. */
  async list(
    subject: Subject,
    limit: number,
    after?: ListCursor,
  ): Promise<{ entries: TimelineEntry[]; next: ListCursor | undefined }> {
    const { rows, next } = await subjectPage(this.em, {
      table: 'timeline_entries',
      column: 'occurred_at',
      sort: TIMELINE_SORT,
      subject,
      after,
      limit,
    });
    const entries = rows.map((row) =>
      this.em.map(TimelineEntryEntity, entityColumns(row) as EntityDictionary<TimelineEntry>),
    );
    return { entries, next };
  }

  /** Gives a merged record's history to the record it was merged into. */
  async moveSubject(from: Subject, toId: string): Promise<void> {
    await this.em.execute(
      'update ??.?? set "subject_id" = ? where "subject_type" = ? and "subject_id" = ?',
      [schemaOf(this.em), 'timeline_entries', toId, from.type, from.id],
    );
  }

  /**
   * Points other entries that name a merged record (the account's "contact added", say) at the
   * record it was merged into, so they do not lead to one that no longer exists.
   */
  async relinkRelated(from: Subject, toId: string): Promise<void> {
    await this.em.execute(
      `update ??.?? set "related" = jsonb_set("related", '{id}', to_jsonb(?::text))
       where "related" is not null and "related"->>'type' = ? and "related"->>'id' = ?`,
      [schemaOf(this.em), 'timeline_entries', toId, from.type, from.id],
    );
  }

  /** A deleted record's history goes with it. */
  async removeSubject(subject: Subject): Promise<void> {
    await this.em.execute('delete from ??.?? where "subject_type" = ? and "subject_id" = ?', [
      schemaOf(this.em),
      'timeline_entries',
      subject.type,
      subject.id,
    ]);
  }
}
