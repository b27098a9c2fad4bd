import { z } from 'zod';
import type { CsvColumn } from '@crm/csv';
import { formatQuery } from '../http/csv-collection.js';
import { pageQuery, pageSchema, repeatable } from '../http/query-schemas.js';
import { requiredMessage, requiredTimestamp } from '../http/wire-values.js';
import { apiScopes, requiredRoleFromMessage, roles } from '@crm/authz';
import type {
  ApiToken as ApiTokenMessage,
  AuditEvent as AuditEventMessage,
  DirectoryEntry as DirectoryEntryMessage,
  User as UserMessage,
} from '@crm/proto/crm/identity/v1/identity';

const timestamp = z.iso.datetime();

export const userSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(roles),
    managerId: z.string().nullable(),
    active: z.boolean(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'User' });

export const userListSchema = pageSchema(userSchema).meta({ id: 'UserList' });

export const loginBodySchema = z
  .strictObject({ email: z.string().trim().min(1).max(254), password: z.string().min(1).max(1024) })
  .meta({ id: 'Login' });

export const sessionSchema = z
  .object({ user: userSchema, csrfToken: z.string() })
  .meta({ id: 'Session' });
export const csrfSchema = z.object({ csrfToken: z.string() });

const permissionSchema = z.record(
  z.string(),
  z.record(z.string(), z.enum(['all', 'team', 'own', 'none'])),
);
const userSummarySchema = z.object({ id: z.string(), name: z.string() });
export const meSchema = z
  .object({
    user: userSchema,
    team: z.object({ manager: userSummarySchema.nullable(), reports: z.array(userSummarySchema) }),
    permissions: permissionSchema,
  })
  .meta({ id: 'Me' });

export const changePasswordBodySchema = z.strictObject({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(12, 'must be at least 12 characters').max(1024),
});

export const createUserBodySchema = z
  .strictObject({
    email: z.email().max(254),
    name: z.string().trim().min(1).max(200),
    role: z.enum(roles),
    managerId: z.string().min(1).max(64).nullable().optional(),
    password: z.string().min(12, 'must be at least 12 characters').max(1024),
  })
  .meta({ id: 'CreateUser' });

export const updateUserBodySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    role: z.enum(roles).optional(),
    managerId: z.string().min(1).max(64).nullable().optional(),
    active: z.boolean().optional(),
  })
  .meta({ id: 'UpdateUser' });

export const listQuerySchema = z.strictObject({
  ...pageQuery,
  q: z.string().trim().max(200).optional(),
});

export const apiTokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    scopes: z.array(z.enum(apiScopes)),
    expiresAt: timestamp.nullable(),
    lastUsedAt: timestamp.nullable(),
    createdAt: timestamp,
    createdBy: z.string(),
    revokedAt: timestamp.nullable(),
  })
  .meta({ id: 'ApiToken' });

export const apiTokenQuerySchema = z.strictObject({ ...formatQuery });
export const apiTokenListSchema = z.object({
  items: z.array(apiTokenSchema),
  nextCursor: z.null(),
});
export const createdApiTokenSchema = apiTokenSchema
  .extend({ token: z.string() })
  .meta({ id: 'CreatedApiToken' });
export const createApiTokenBodySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    scopes: z.array(z.enum(apiScopes)).min(1, 'choose at least one scope'),
    expiresAt: timestamp.nullable().optional(),
  })
  .meta({ id: 'CreateApiToken' });

export const auditEventSchema = z
  .object({
    id: z.string(),
    at: timestamp,
    actorId: z.string().nullable(),
    actorName: z.string().nullable(),
    action: z.string(),
    resourceType: z.string(),
    resourceId: z.string().nullable(),
    changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })).nullable(),
    address: z.string().nullable(),
  })
  .meta({ id: 'AuditEvent' });

export const auditListSchema = pageSchema(auditEventSchema);
export const auditQuerySchema = z.strictObject({
  ...pageQuery,
  action: z.string().max(100).optional(),
  actorId: z.string().max(64).optional(),
});

/** A person as every signed-in user may see them: a name, no email, role or team. */
export const directoryEntrySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    active: z.boolean().describe('Deactivated people still own records; pickers leave them out.'),
  })
  .meta({ id: 'DirectoryEntry' });

export const directoryListSchema = pageSchema(directoryEntrySchema);
export const directoryQuerySchema = z.strictObject({
  ...pageQuery,
  q: z.string().trim().max(200).optional().describe('Part of a name, any case.'),
  id: repeatable(z.string().min(1).max(64)).describe('Only these people (repeatable).'),
});

type UserResponse = z.output<typeof userSchema>;
type ApiTokenResponse = z.output<typeof apiTokenSchema>;
type AuditEventResponse = z.output<typeof auditEventSchema>;
type DirectoryEntryResponse = z.output<typeof directoryEntrySchema>;

export const userCsvColumns: ReadonlyArray<CsvColumn<UserResponse>> = [
  { header: 'id', value: (user) => user.id },
  { header: 'email', value: (user) => user.email },
  { header: 'name', value: (user) => user.name },
  { header: 'role', value: (user) => user.role },
  { header: 'managerId', value: (user) => user.managerId },
  { header: 'active', value: (user) => user.active },
  { header: 'createdAt', value: (user) => user.createdAt },
  { header: 'updatedAt', value: (user) => user.updatedAt },
];

export const apiTokenCsvColumns: ReadonlyArray<CsvColumn<ApiTokenResponse>> = [
  { header: 'id', value: (token) => token.id },
  { header: 'name', value: (token) => token.name },
  { header: 'scopes', value: (token) => token.scopes.join(' ') },
  { header: 'expiresAt', value: (token) => token.expiresAt },
  { header: 'lastUsedAt', value: (token) => token.lastUsedAt },
  { header: 'createdAt', value: (token) => token.createdAt },
  { header: 'createdBy', value: (token) => token.createdBy },
  { header: 'revokedAt', value: (token) => token.revokedAt },
];

export const auditEventCsvColumns: ReadonlyArray<CsvColumn<AuditEventResponse>> = [
  { header: 'id', value: (event) => event.id },
  { header: 'at', value: (event) => event.at },
  { header: 'actorId', value: (event) => event.actorId },
  { header: 'actorName', value: (event) => event.actorName },
  { header: 'action', value: (event) => event.action },
  { header: 'resourceType', value: (event) => event.resourceType },
  { header: 'resourceId', value: (event) => event.resourceId },
  { header: 'changes', value: (event) => (event.changes ? JSON.stringify(event.changes) : null) },
  { header: 'address', value: (event) => event.address },
];

export const directoryEntryCsvColumns: ReadonlyArray<CsvColumn<DirectoryEntryResponse>> = [
  { header: 'id', value: (entry) => entry.id },
  { header: 'name', value: (entry) => entry.name },
  { header: 'active', value: (entry) => entry.active },
];

export function toUserResponse(message: UserMessage | undefined): z.output<typeof userSchema> {
  const user = requiredMessage(message, 'a user');
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: requiredRoleFromMessage(user.role),
    managerId: user.managerId ?? null,
    active: user.active,
    createdAt: requiredTimestamp(user.createdAt, 'createdAt'),
    updatedAt: requiredTimestamp(user.updatedAt, 'updatedAt'),
  };
}

export function toApiTokenResponse(
  message: ApiTokenMessage | undefined,
): z.output<typeof apiTokenSchema> {
  const token = requiredMessage(message, 'a token');
  return {
    id: token.id,
    name: token.name,
    scopes: token.scopes as Array<(typeof apiScopes)[number]>,
    expiresAt: token.expiresAt ?? null,
    lastUsedAt: token.lastUsedAt ?? null,
    createdAt: requiredTimestamp(token.createdAt, 'createdAt'),
    createdBy: token.createdBy,
    revokedAt: token.revokedAt ?? null,
  };
}

export function toAuditEventResponse(event: AuditEventMessage): z.output<typeof auditEventSchema> {
  return {
    id: event.id,
    at: requiredTimestamp(event.at, 'at'),
    actorId: event.actorId ?? null,
    actorName: event.actorName ?? null,
    action: event.action,
    resourceType: event.resourceType,
    resourceId: event.resourceId ?? null,
    changes:
      (event.changes as Record<string, { before: unknown; after: unknown }> | undefined) ?? null,
    address: event.address ?? null,
  };
}

export function toDirectoryEntryResponse({
  id,
  name,
  active,
}: DirectoryEntryMessage): DirectoryEntryResponse {
  return { id, name, active };
}
