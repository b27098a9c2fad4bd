import type { Bus, ConsumerHandle, InboundMessage } from '@crm/bus';
import { withRequestContext, type Orm } from '@crm/db';
import type { Logger } from '@crm/logging';
import { AccountCreated } from '@crm/proto/crm/accounts/v1/events';
import { AuditLog } from '../db/audit-log.js';
import { UserRepository } from '../db/user-repository.js';
import { isUserId } from '../domain/user.js';

/** The accounts service's stream; identity only reads it, so never creates it. */
export const ACCOUNTS_EVENTS = {
  stream: 'CRM_ACCOUNTS',
  subjects: ['crm.accounts.v1.>'],
  accountCreated: 'crm.accounts.v1.account.created',
  durable: 'identity-audit',
} as const;

export function decodeAccountCreatedJson(data: Uint8Array): AccountCreated {
  return AccountCreated.fromJSON(JSON.parse(new TextDecoder().decode(data)));
}

/**
 * Writes other services' data changes into the audit log. Rows are keyed by the message id, so a
 * redelivery never doubles one; until the accounts stream exists the bus keeps retrying.
 */
export function consumeAccountEvents(deps: {
  bus: Bus;
  orm: Orm;
  logger: Logger;
  now: () => Date;
}): ConsumerHandle {
  const { bus, orm, logger } = deps;
  const handle = async (message: InboundMessage) => {
    if (message.subject !== ACCOUNTS_EVENTS.accountCreated) {
      await message.ack();
      return;
    }
    let event: AccountCreated;
    try {
      event = decodeAccountCreatedJson(message.data);
    } catch (error) {
      logger.warn({ err: error, seq: message.seq }, 'undecodable account event');
      await message.term('not an AccountCreated JSON message');
      return;
    }
    const account = event.account;
    if (!account?.id) {
      await message.term('AccountCreated without an account');
      return;
    }
    // Without a publisher id, the stream position identifies the message just as well.
    const messageId = message.msgId ?? `${ACCOUNTS_EVENTS.stream}:${message.seq}`;
    const actorId = event.actor?.userId && isUserId(event.actor.userId) ? event.actor.userId : null;
    await withRequestContext(orm, async (em) => {
      const actor = actorId ? await new UserRepository(em).findById(actorId) : null;
      await new AuditLog(em).appendOnce(messageId, {
        at: account.createdAt ? new Date(account.createdAt) : deps.now(),
        actorId,
        actorName: actor?.name ?? null,
        address: event.actor?.address || null,
        action: 'account.created',
        resourceType: 'account',
        resourceId: account.id,
        changes: {
          name: { before: null, after: account.name },
          domain: { before: null, after: account.domain ?? null },
        },
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
