import {
  IconAddressBook,
  IconBuildingSkyscraper,
  IconFileImport,
  IconHistory,
  IconKey,
  IconUsers,
  type TablerIcon,
} from '@tabler/icons-react';
import type { Permissions } from '../api/session.js';
import { canOpen, type Section } from '../auth/access.js';

export interface NavItem {
  readonly label: string;
  readonly to: string;
  readonly icon: TablerIcon;
  /** The part of the app the link opens; the link is shown only to roles that may open it. */
  readonly section: Section;
}

/** The navbar renders this list in order, narrowed to what the role may open. */
export const navItems: readonly NavItem[] = [
  { label: 'Accounts', to: '/accounts', icon: IconBuildingSkyscraper, section: 'accounts' },
  { label: 'Contacts', to: '/contacts', icon: IconAddressBook, section: 'contacts' },
  { label: 'Imports', to: '/imports', icon: IconFileImport, section: 'imports' },
  { label: 'Users', to: '/users', icon: IconUsers, section: 'users' },
  { label: 'API tokens', to: '/api-tokens', icon: IconKey, section: 'api-tokens' },
  { label: 'Audit log', to: '/audit-log', icon: IconHistory, section: 'audit-log' },
];

export function visibleNavItems(permissions: Permissions): readonly NavItem[] {
  return navItems.filter((item) => canOpen(item.section, permissions));
}
