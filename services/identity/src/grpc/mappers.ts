import type {
  ApiToken as ApiTokenMessage,
  AuditEvent as AuditEventMessage,
  User as UserMessage,
} from '@crm/proto/crm/identity/v1/identity';
import type { ApiToken } from '../db/api-token.entity.js';
import type { AuditEvent } from '../db/audit-event.entity.js';
import type { User } from '../db/user.entity.js';
import { roleToMessage } from '@crm/authz';

export function toUserMessage(user: User): UserMessage {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: roleToMessage(user.role),
    managerId: user.managerId ?? undefined,
    active: user.active,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

export function toApiTokenMessage(token: ApiToken): ApiTokenMessage {
  return {
    id: token.id,
    name: token.name,
    scopes: [...token.scopes],
    expiresAt: token.expiresAt?.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString(),
    createdAt: token.createdAt.toISOString(),
    createdBy: token.createdBy,
    revokedAt: token.revokedAt?.toISOString(),
  };
}

export function toAuditEventMessage(event: AuditEvent): AuditEventMessage {
  return {
    id: event.id,
    at: event.at.toISOString(),
    actorId: event.actorId ?? undefined,
    actorName: event.actorName ?? undefined,
    action: event.action,
    resourceType: event.resourceType,
    resourceId: event.resourceId ?? undefined,
    changes: event.changes ?? undefined,
    address: event.address ?? undefined,
  };
}
