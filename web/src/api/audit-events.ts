import type { Page } from './page.js';
import {
  expectArray,
  expectNullableString,
  expectRecord,
  expectString,
  isRecord,
  ResponseShapeError,
} from './decode.js';
import { apiRequest } from './http.js';

/** The actions the identity service records; the log may hold others, which show as they are. */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'user.created',
  'user.updated',
  'user.sessions_ended',
  'password.changed',
  'token.created',
  'token.revoked',
  'account.created',
  'account.updated',
  'account.deleted',
  'account.merged',
  'contact.created',
  'contact.updated',
  'contact.deleted',
  'contact.merged',
  'import.completed',
  'import.undone',
] as const;

export interface FieldChange {
  readonly before: unknown;
  readonly after: unknown;
}

export interface AuditEvent {
  readonly id: string;
  /** RFC 3339. */
  readonly at: string;
  readonly actorId: string | null;
  readonly actorName: string | null;
  readonly action: string;
  readonly resourceType: string;
  readonly resourceId: string | null;
  readonly changes: Readonly<Record<string, FieldChange>> | null;
  /** The client's network address, when the event came from a request. */
  readonly address: string | null;
}

export interface ListAuditEventsParams {
  readonly action?: string;
  readonly actorId?: string;
  readonly cursor?: string | null;
  readonly limit?: number;
}

function parseChanges(value: unknown): Record<string, FieldChange> | null {
  if (value === null || value === undefined) return null;
  const record = expectRecord(value, 'audit event.changes');
  return Object.fromEntries(
    Object.entries(record).map(([field, change]): [string, FieldChange] => {
      if (!isRecord(change)) {
        throw new ResponseShapeError(`audit event.changes.${field}: expected an object`);
      }
      return [field, { before: change.before, after: change.after }];
    }),
  );
}

export function parseAuditEvent(value: unknown): AuditEvent {
  const record = expectRecord(value, 'audit event');
  return {
    id: expectString(record, 'id', 'audit event'),
    at: expectString(record, 'at', 'audit event'),
    actorId: expectNullableString(record, 'actorId', 'audit event'),
    actorName: expectNullableString(record, 'actorName', 'audit event'),
    action: expectString(record, 'action', 'audit event'),
    resourceType: expectString(record, 'resourceType', 'audit event'),
    resourceId: expectNullableString(record, 'resourceId', 'audit event'),
    changes: parseChanges(record.changes),
    address: expectNullableString(record, 'address', 'audit event'),
  };
}

export async function listAuditEvents(
  params: ListAuditEventsParams = {},
  signal?: AbortSignal,
): Promise<Page<AuditEvent>> {
  const body = expectRecord(
    await apiRequest('/audit-events', {
      query: {
        action: params.action,
        actorId: params.actorId,
        cursor: params.cursor,
        limit: params.limit,
      },
      signal,
    }),
    'audit events page',
  );
  return {
    items: expectArray(body.items, 'audit events page.items').map(parseAuditEvent),
    nextCursor: expectNullableString(body, 'nextCursor', 'audit events page'),
  };
}
