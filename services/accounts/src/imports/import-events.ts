import { ImportFinished } from '@crm/proto/crm/accounts/v1/events';
import type { ImportJob } from '@crm/proto/crm/accounts/v1/imports';
import type { Actor } from '@crm/proto/crm/common/v1/actor';

export const importSubjects = {
  completed: 'crm.accounts.v1.import.completed',
  undone: 'crm.accounts.v1.import.undone',
} as const;

/** Events travel as the proto3 JSON mapping, like every accounts event. */
export function encodeImportFinished(
  job: ImportJob,
  actor: Actor,
): { payload: Uint8Array; headers: Record<string, string> } {
  const json = JSON.stringify(ImportFinished.toJSON({ job, actor }));
  return {
    payload: new TextEncoder().encode(json),
    headers: { 'Content-Type': 'application/json' },
  };
}

export function decodeImportFinished(payload: Uint8Array): ImportFinished {
  return ImportFinished.fromJSON(JSON.parse(new TextDecoder().decode(payload)));
}
