import type { MigrationObject } from '@mikro-orm/core';
import { outboxMigration } from '@crm/db';
import { CreateAccounts } from './migration-2026-11-24-create-accounts.js';
import { AccountSearch } from './migration-2026-12-01-account-search.js';

/** Applied in this order; append, never reorder or edit a released migration. */
export const accountsMigrations: MigrationObject[] = [
  outboxMigration,
  { name: '2026-11-24-create-accounts', class: CreateAccounts },
  { name: '2026-12-01-account-search', class: AccountSearch },
];
