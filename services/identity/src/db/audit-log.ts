import type { FilterQuery } from '@mikro-orm/core';
import { uuidv7, type OrmEntityManager } from '@crm/db';
import type { Cursor } from '../domain/cursor.js';
import { AuditEventEntity, type AuditChanges, type AuditEvent } from './audit-event.entity.js';
import { tableName } from './sql.js';

export interface AuditActor {
  actorId: string | null;
  actorName: string | null;
  address: string | null;
}

export interface AuditEntry extends AuditActor {
  at: Date;
  action: string;
  resourceType: string;
  resourceId: string | null;
  changes?: AuditChanges | null;
}

export interface ListAuditOptions {
  limit: number;
  after?: Cursor | undefined;
  action?: string | undefined;
  actorId?: string | undefined;
}

/** The audit log offers appending and reading only; the table refuses anything else. */
export class AuditLog {
  constructor(private readonly em: OrmEntityManager) {}

  /** Adds the row to the unit of work, so it commits with the change it describes. */
  append(entry: AuditEntry): AuditEvent {
    return this.em.create(AuditEventEntity, {
      id: uuidv7(),
      at: entry.at,
      actorId: entry.actorId,
      actorName: entry.actorName,
      action: entry.action,
      resourceType: entry.resourceType,
      resourceId: entry.resourceId,
      changes: entry.changes ?? null,
      address: entry.address,
      messageId: null,
    });
  }

  /** Appends a row for a bus message unless one exists for it already; true when written. */
  async appendOnce(messageId: string, entry: AuditEntry): Promise<boolean> {
    const rows = await this.em.execute<Array<{ id: string }>>(
      `insert into ${tableName(this.em, 'audit_events')}
         ("id", "at", "actor_id", "actor_name", "action", "resource_type", "resource_id",
          "changes", "address", "message_id")
       values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
       on conflict ("message_id") do nothing
       returning "id"`,
      [
        uuidv7(),
        entry.at,
        entry.actorId,
        entry.actorName,
        entry.action,
        entry.resourceType,
        entry.resourceId,
        entry.changes ? JSON.stringify(entry.changes) : null,
        entry.address,
        messageId,
      ],
    );
    return rows.length > 0;
  }

  /** Newest first (id breaks ties), plus whether another page follows. */
  async list(options: ListAuditOptions): Promise<{ events: AuditEvent[]; hasMore: boolean }> {
    const conditions: Array<FilterQuery<AuditEvent>> = [];
    if (options.action) conditions.push({ action: options.action });
    if (options.actorId) conditions.push({ actorId: options.actorId });
    if (options.after) {
      const at = new Date(options.after.value);
      conditions.push({
        $or: [{ at: { $lt: at } }, { at, id: { $lt: options.after.id } }],
      });
    }
    const rows = await this.em.find(
      AuditEventEntity,
      conditions.length > 0 ? { $and: conditions } : {},
      { orderBy: [{ at: 'desc' }, { id: 'desc' }], limit: options.limit + 1 },
    );
    return { events: rows.slice(0, options.limit), hasMore: rows.length > options.limit };
  }
}
