import { scopeOf, type Me, type Permissions } from '../api/session.js';

/** The parts of the app a role may or may not open. */
export type Section =
  'accounts' | 'contacts' | 'imports' | 'new-import' | 'users' | 'api-tokens' | 'audit-log';

// A staff member may read only their own user record: a page listing one row is no use to them.
const SECTION_RULES: Readonly<Record<Section, (permissions: Permissions) => boolean>> = {
  accounts: (permissions) => allows(permissions, 'accounts', 'read'),
  contacts: (permissions) => allows(permissions, 'contacts', 'read'),
  imports: (permissions) => allows(permissions, 'imports', 'read'),
  'new-import': (permissions) => allows(permissions, 'imports', 'create'),
  users: (permissions) => ['all', 'team'].includes(scopeOf(permissions, 'users', 'read')),
  'api-tokens': (permissions) => allows(permissions, 'api-tokens', 'read'),
  'audit-log': (permissions) => allows(permissions, 'audit-events', 'read'),
};

/** Whether the role may do `action` on `resource` at all (on any rows). */
export function allows(permissions: Permissions, resource: string, action: string): boolean {
  return scopeOf(permissions, resource, action) !== 'none';
}

/**
 * Whether the signed-in user may do `action` on one record whose owner (author, uploader, …) is
 * `ownerId`: every record, their team's, or only their own, as their role's scope says.
 */
export function allowsOn(
  me: Me,
  resource: string,
  action: string,
  ownerId: string | null,
): boolean {
  switch (scopeOf(me.permissions, resource, action)) {
    case 'all':
      return true;
    case 'team':
      return ownerId === me.user.id || me.team.reports.some((member) => member.id === ownerId);
    case 'own':
      return ownerId === me.user.id;
    case 'none':
      return false;
  }
}

export function canOpen(section: Section, permissions: Permissions): boolean {
  return SECTION_RULES[section](permissions);
}
