import { context, propagation } from '@opentelemetry/api';
import type { EntityManager } from '@mikro-orm/core';
import { uuidv7 } from '../uuid-v7.js';
import { OutboxMessage, type OutboxMessageRow } from './outbox-message.js';

export interface OutboxMessageInput {
  subject: string;
  payload: Uint8Array;
  headers?: Record<string, string>;
}

/**
 * Adds an event to `em`'s unit of work. It is written by the caller's next flush — inside the
 * caller's transaction — so the state change and its event commit or roll back together. The
 * active trace context is stored with it, so consumers continue the producer's trace.
 */
export function enqueueOutboxMessage(
  em: EntityManager,
  input: OutboxMessageInput,
): OutboxMessageRow {
  const headers: Record<string, string> = { ...input.headers };
  propagation.inject(context.active(), headers);
  const message = em.create(OutboxMessage, {
    id: uuidv7(),
    subject: input.subject,
    payload: input.payload,
    headers,
    createdAt: new Date(),
    publishedAt: null,
    attempts: 0,
    lastError: null,
  });
  // Explicit, so it holds even where `persistOnCreate` is turned off.
  em.persist(message);
  return message;
}
