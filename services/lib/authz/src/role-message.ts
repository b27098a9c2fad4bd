import type { Role } from './permission-matrix.js';
import { Role as RoleMessage } from '@crm/proto/crm/identity/v1/identity';

/** Roles on the wire (crm.identity.v1.Role) and in the permission matrix, in one mapping. */
const toMessage: Record<Role, RoleMessage> = {
  admin: RoleMessage.ROLE_ADMIN,
  manager: RoleMessage.ROLE_MANAGER,
  staff: RoleMessage.ROLE_STAFF,
};

export function roleToMessage(role: Role): RoleMessage {
  return toMessage[role];
}

/** undefined for ROLE_UNSPECIFIED (proto3's "not set") and values this build does not know. */
export function roleFromMessage(role: RoleMessage): Role | undefined {
  switch (role) {
    case RoleMessage.ROLE_ADMIN:
      return 'admin';
    case RoleMessage.ROLE_MANAGER:
      return 'manager';
    case RoleMessage.ROLE_STAFF:
      return 'staff';
    default:
      return undefined;
  }
}

/** For a role that must be there (an identity answer): a missing or unknown one is a broken contract. */
export function requiredRoleFromMessage(role: RoleMessage): Role {
  const name = roleFromMessage(role);
  if (!name) throw new Error(`identity answered with no known role (${role})`);
  return name;
}
