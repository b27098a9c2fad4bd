import { ImportFinished } from '@crm/proto/crm/accounts/v1/events';
import type { ImportJob } from '@crm/proto/crm/accounts/v1/imports';
import type { Actor } from '@crm/proto/crm/common/v1/actor';
import { decodeEvent, encodeEvent, type EncodedEvent } from '../events/event-codec.js';

export const importSubjects = {
  completed: 'crm.accounts.v1.import.completed',
  undone: 'crm.accounts.v1.import.undone',
} as const;

export function encodeImportFinished(job: ImportJob, actor: Actor): EncodedEvent {
  return encodeEvent(ImportFinished, { job, actor });
}

export function decodeImportFinished(payload: Uint8Array): ImportFinished {
  return decodeEvent(ImportFinished, payload);
}
