import type { Account as AccountMessage } from '@crm/proto/crm/accounts/v1/accounts';
import type { Account } from '../db/account.entity.js';

export function toAccountMessage(account: Account): AccountMessage {
  return {
    id: account.id,
    name: account.name,
    domain: account.domain ?? undefined,
    ownerId: account.ownerId ?? undefined,
    createdAt: account.createdAt.toISOString(),
    updatedAt: account.updatedAt.toISOString(),
    version: String(account.version),
  };
}
