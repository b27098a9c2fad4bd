import { AccountCreated } from '@crm/proto/crm/accounts/v1/events';
import type { Account as AccountMessage } from '@crm/proto/crm/accounts/v1/accounts';
import type { Actor } from '@crm/proto/crm/common/v1/actor';

/** One JetStream stream per producing service (design.md). */
export const ACCOUNTS_STREAM = { name: 'CRM_ACCOUNTS', subjects: ['crm.accounts.>'] };

export const accountSubjects = {
  created: 'crm.accounts.v1.account.created',
} as const;

/** Events travel as the proto3 JSON mapping, like the productivity contract. */
export function encodeAccountCreated(
  account: AccountMessage,
  actor: Actor,
): { payload: Uint8Array; headers: Record<string, string> } {
  const json = JSON.stringify(AccountCreated.toJSON({ account, actor }));
  return {
    payload: new TextEncoder().encode(json),
    headers: { 'Content-Type': 'application/json' },
  };
}

export function decodeAccountCreated(payload: Uint8Array): AccountCreated {
  return AccountCreated.fromJSON(JSON.parse(new TextDecoder().decode(payload)));
}
