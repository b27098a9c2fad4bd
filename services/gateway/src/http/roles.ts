import type { Role as RoleName } from '@crm/authz';
import { Role } from '@crm/proto/crm/identity/v1/identity';

export function roleName(role: Role): RoleName {
  switch (role) {
    case Role.ROLE_ADMIN:
      return 'admin';
    case Role.ROLE_MANAGER:
      return 'manager';
    case Role.ROLE_STAFF:
      return 'staff';
    case Role.ROLE_UNSPECIFIED:
    case Role.UNRECOGNIZED:
      throw new Error(`not a role: ${role}`);
  }
}

export function roleFromName(name: RoleName): Role {
  switch (name) {
    case 'admin':
      return Role.ROLE_ADMIN;
    case 'manager':
      return Role.ROLE_MANAGER;
    case 'staff':
      return Role.ROLE_STAFF;
  }
}
