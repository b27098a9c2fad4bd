import type { Bus, ConsumerHandle, InboundMessage } from '@crm/bus';
import { withRequestContext, type Orm } from '@crm/db';
import type { Logger } from '@crm/logging';
import { AuditLog } from '../db/audit-log.js';
import { UserRepository } from '../db/user-repository.js';
import { isUserId } from '../domain/user.js';
import { addressBookAudit, type AddressBookAuditRecord } from './address-book-audit.js';

/** The accounts service's stream; identity only reads it, so never creates it. */
export const ACCOUNTS_EVENTS = {
  stream: 'CRM_ACCOUNTS',
  subjects: ['crm.accounts.v1.>'],
  accountCreated: 'crm.accounts.v1.account.created',
  durable: 'identity-audit',
} as const;

/**
 * Writes the address book's data changes into the audit log. Rows are keyed by the message id, so
 * a redelivery never doubles one; until the accounts stream exists the bus keeps retrying.
 */
export function consumeAccountEvents(deps: {
  bus: Bus;
  orm: Orm;
  logger: Logger;
  now: () => Date;
}): ConsumerHandle {
  const { bus, orm, logger } = deps;
  const handle = async (message: InboundMessage) => {
    const toAudit = addressBookAudit[message.subject];
    if (!toAudit) {
      await message.ack();
      return;
    }
    let audited: AddressBookAuditRecord;
    try {
      audited = toAudit(message.data);
    } catch (error) {
      logger.warn({ err: error, seq: message.seq, subject: message.subject }, 'unreadable event');
      await message.term(`not a readable ${message.subject} message`);
      return;
    }
    // Without a publisher id, the stream position identifies the message just as well.
    const messageId = message.msgId ?? `${ACCOUNTS_EVENTS.stream}:${message.seq}`;
    const actorUserId = audited.actor?.userId;
    const actorId = actorUserId && isUserId(actorUserId) ? actorUserId : null;
    await withRequestContext(orm, async (em) => {
      const actor = actorId ? await new UserRepository(em).findById(actorId) : null;
      await new AuditLog(em).appendOnce(messageId, {
        at: audited.at ? new Date(audited.at) : deps.now(),
        actorId,
        actorName: actor?.name ?? null,
        address: audited.actor?.address || null,
        action: audited.action,
        resourceType: audited.resourceType,
        resourceId: audited.resourceId,
        changes: audited.changes,
      });
    });
    await message.ack();
  };
  return bus.consume(
    {
      stream: ACCOUNTS_EVENTS.stream,
      durable: ACCOUNTS_EVENTS.durable,
      filterSubjects: [...ACCOUNTS_EVENTS.subjects],
    },
    async (batch) => {
      for (const message of batch) await handle(message);
    },
  );
}
