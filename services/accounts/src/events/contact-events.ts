import {
  ContactCreated,
  ContactDeleted,
  ContactsMerged,
  ContactUpdated,
} from '@crm/proto/crm/accounts/v1/events';
import { decodeEvent } from './event-codec.js';

/** Contacts' events share the accounts service's stream (`crm.accounts.>`). */
export const contactSubjects = {
  created: 'crm.accounts.v1.contact.created',
  updated: 'crm.accounts.v1.contact.updated',
  deleted: 'crm.accounts.v1.contact.deleted',
  merged: 'crm.accounts.v1.contact.merged',
} as const;

export function decodeContactCreated(payload: Uint8Array): ContactCreated {
  return decodeEvent(ContactCreated, payload);
}

export function decodeContactUpdated(payload: Uint8Array): ContactUpdated {
  return decodeEvent(ContactUpdated, payload);
}

export function decodeContactDeleted(payload: Uint8Array): ContactDeleted {
  return decodeEvent(ContactDeleted, payload);
}

export function decodeContactsMerged(payload: Uint8Array): ContactsMerged {
  return decodeEvent(ContactsMerged, payload);
}
