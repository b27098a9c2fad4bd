import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export type AuditChanges = Record<string, { before: unknown; after: unknown }>;

/** Append-only: the table refuses UPDATE, DELETE and TRUNCATE (see the migration). */
export const AuditEventEntity = defineEntity({
  name: 'AuditEvent',
  tableName: 'audit_events',
  properties: {
    id: p.uuid().primary(),
    at: p.datetime(),
    actorId: p.uuid().nullable(),
    actorName: p.string().length(200).nullable(),
    action: p.string().length(64),
    resourceType: p.string().length(64),
    resourceId: p.string().length(254).nullable(),
    changes: p.json<AuditChanges>().nullable(),
    address: p.string().length(64).nullable(),
    /** The bus message an event came from; unique, so a redelivery never doubles a row. */
    messageId: p.string().length(128).nullable().unique(),
  },
});

export type AuditEvent = InferEntity<typeof AuditEventEntity>;
