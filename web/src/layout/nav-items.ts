import { IconBuildingSkyscraper, type TablerIcon } from '@tabler/icons-react';

export interface NavItem {
  readonly label: string;
  readonly to: string;
  readonly icon: TablerIcon;
}

/** The navbar renders this list in order; role-based filtering will narrow it once sign-in exists. */
export const navItems: readonly NavItem[] = [
  { label: 'Accounts', to: '/accounts', icon: IconBuildingSkyscraper },
];
