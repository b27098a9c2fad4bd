import type { ProtoMessageFns } from '@crm/bus';
import { enqueueOutboxMessage, type OrmEntityManager } from '@crm/db';
import type { Caller } from '@crm/grpc';
import type { Actor } from '@crm/proto/crm/common/v1/actor';
import type { TimelineEntry } from '../db/timeline-entry.entity.js';
import { TimelineRepository, type NewTimelineEntry } from '../db/timeline-repository.js';
import { describeChanges, type FieldChange } from '../domain/field-change.js';
import { isUuid } from '../domain/ids.js';
import type { Subject } from '../domain/subject.js';
import { encodeEvent } from '../events/event-codec.js';

/** The person behind a call and where it came from; internal callers are the system (''). */
export function actorOf(caller: Caller): Actor {
  return caller.kind === 'user'
    ? { userId: caller.userId, address: caller.address ?? '' }
    : { userId: '', address: '' };
}

/**
 * What a change leaves behind besides itself, in the same transaction: entries in the timelines
 * of the records it touched and events in the outbox. Both commit, or vanish, with the change.
 */
export class Journal {
  private readonly timeline: TimelineRepository;

  constructor(
    private readonly tx: OrmEntityManager,
    readonly caller: Caller,
  ) {
    this.timeline = new TimelineRepository(tx);
  }

  /** The person behind the change; null for the system (imports, other services). */
  get userId(): string | null {
    return this.caller.kind === 'user' && isUuid(this.caller.userId) ? this.caller.userId : null;
  }

  /** Who the audit log will name for a change: the person behind the request, if any. */
  get actor(): Actor {
    return actorOf(this.caller);
  }

  record(entry: Omit<NewTimelineEntry, 'actorUserId'>): TimelineEntry {
    return this.timeline.append({ ...entry, actorUserId: this.userId });
  }

  /** The first entry of a new record's timeline. */
  recordCreated(subject: Subject): void {
    this.record({ subject, kind: 'created', body: 'Created' });
  }

  /** A change of a record's fields; `body` says how it came about, by default what changed. */
  recordUpdated(subject: Subject, changes: FieldChange[], body = describeChanges(changes)): void {
    this.record({ subject, kind: 'updated', body, changes });
  }

  publish<Message>(subject: string, type: ProtoMessageFns<Message>, message: Message): void {
    enqueueOutboxMessage(this.tx, { subject, ...encodeEvent(type, message) });
  }
}
