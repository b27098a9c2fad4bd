import { z } from 'zod';
import { parseWith, timestampSchema } from './decode.js';
import { apiRequest } from './http.js';
import { pageSchema, type Page } from './page.js';

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

const auditEventSchema = z.object({
  id: z.string(),
  at: timestampSchema,
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  /** field → its value before and after. */
  changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })).nullable(),
  /** The client's network address, when the event came from a request. */
  address: z.string().nullable(),
});
export type AuditEvent = z.output<typeof auditEventSchema>;

const auditEventPageSchema = pageSchema(auditEventSchema);

export interface ListAuditEventsParams {
  readonly action?: string;
  readonly actorId?: string;
  readonly cursor?: string | null;
  readonly limit?: number;
}

export async function listAuditEvents(
  params: ListAuditEventsParams = {},
  signal?: AbortSignal,
): Promise<Page<AuditEvent>> {
  const body = await apiRequest('/audit-events', {
    query: {
      action: params.action,
      actorId: params.actorId,
      cursor: params.cursor,
      limit: params.limit,
    },
    signal,
  });
  return parseWith(auditEventPageSchema, body, 'audit events page');
}
