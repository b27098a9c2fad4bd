import type { MigrationObject } from '@mikro-orm/core';
import { outboxMigration } from '@crm/db';
import { CreateIdentity } from './migration-2026-12-01-create-identity.js';

/** Applied in this order; append, never reorder or edit a released migration. */
export const identityMigrations: MigrationObject[] = [
  outboxMigration,
  { name: '2026-12-01-create-identity', class: CreateIdentity },
];
