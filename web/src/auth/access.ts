import { scopeOf, type Permissions } from '../api/session.js';

/** The parts of the app a role may or may not open. */
export type Section = 'accounts' | 'users' | 'api-tokens' | 'audit-log';

// A staff member may read only their own user record: a page listing one row is no use to them.
const SECTION_RULES: Readonly<Record<Section, (permissions: Permissions) => boolean>> = {
  accounts: (permissions) => allows(permissions, 'accounts', 'read'),
  users: (permissions) => ['all', 'team'].includes(scopeOf(permissions, 'users', 'read')),
  'api-tokens': (permissions) => allows(permissions, 'api-tokens', 'read'),
  'audit-log': (permissions) => allows(permissions, 'audit-events', 'read'),
};

/** Whether the role may do `action` on `resource` at all (on any rows). */
export function allows(permissions: Permissions, resource: string, action: string): boolean {
  return scopeOf(permissions, resource, action) !== 'none';
}

export function canOpen(section: Section, permissions: Permissions): boolean {
  return SECTION_RULES[section](permissions);
}
