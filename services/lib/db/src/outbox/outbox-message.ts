import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const OUTBOX_TABLE = 'outbox_message';

/**
 * An event waiting to be (or already) published. No schema is set here: the row lives in the
 * schema of the ORM that persists it, i.e. the owning service's.
 */
export const OutboxMessage = defineEntity({
  name: 'OutboxMessage',
  tableName: OUTBOX_TABLE,
  properties: {
    /** UUIDv7: sortable (publication order) and the `Nats-Msg-Id` the bus deduplicates on. */
    id: p.uuid().primary(),
    subject: p.text(),
    payload: p.uint8array(),
    headers: p.json<Record<string, string>>(),
    createdAt: p.datetime(),
    publishedAt: p.datetime().nullable(),
    attempts: p.integer(),
    lastError: p.text().nullable(),
  },
});

export type OutboxMessageRow = InferEntity<typeof OutboxMessage>;
