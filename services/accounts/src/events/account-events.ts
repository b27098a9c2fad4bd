import {
  AccountCreated,
  AccountDeleted,
  AccountsMerged,
  AccountUpdated,
} from '@crm/proto/crm/accounts/v1/events';
import { decodeEvent } from './event-codec.js';

/** One JetStream stream per producing service (design.md). */
export const ACCOUNTS_STREAM = { name: 'CRM_ACCOUNTS', subjects: ['crm.accounts.>'] };

export const accountSubjects = {
  created: 'crm.accounts.v1.account.created',
  updated: 'crm.accounts.v1.account.updated',
  deleted: 'crm.accounts.v1.account.deleted',
  merged: 'crm.accounts.v1.account.merged',
} as const;

export function decodeAccountCreated(payload: Uint8Array): AccountCreated {
  return decodeEvent(AccountCreated, payload);
}

export function decodeAccountUpdated(payload: Uint8Array): AccountUpdated {
  return decodeEvent(AccountUpdated, payload);
}

export function decodeAccountDeleted(payload: Uint8Array): AccountDeleted {
  return decodeEvent(AccountDeleted, payload);
}

export function decodeAccountsMerged(payload: Uint8Array): AccountsMerged {
  return decodeEvent(AccountsMerged, payload);
}
