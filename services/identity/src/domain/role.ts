import type { Role } from '@crm/authz';
import { Role as RoleMessage } from '@crm/proto/crm/identity/v1/identity';

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
