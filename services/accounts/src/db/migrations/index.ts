import type { MigrationObject } from '@mikro-orm/core';
import { outboxMigration } from '@crm/db';
import { CreateAccounts } from './migration-2026-11-24-create-accounts.js';
import { AccountSearch } from './migration-2026-12-01-account-search.js';
import { AccountDetails } from './migration-2026-12-08-account-details.js';
import { CreateAttachments } from './migration-2026-12-08-attachments.js';
import { CreateContacts } from './migration-2026-12-08-contacts.js';
import { CreateTimelineEntries } from './migration-2026-12-08-timeline-entries.js';
import { CreateImports } from './migration-2026-12-20-imports.js';
import { TimelineRelated } from './migration-2026-12-22-timeline-related.js';

/** Applied in this order; append, never reorder or edit a released migration. */
export const accountsMigrations: MigrationObject[] = [
  outboxMigration,
  { name: '2026-11-24-create-accounts', class: CreateAccounts },
  { name: '2026-12-01-account-search', class: AccountSearch },
  { name: '2026-12-08-account-details', class: AccountDetails },
  { name: '2026-12-08-contacts', class: CreateContacts },
  { name: '2026-12-08-timeline-entries', class: CreateTimelineEntries },
  { name: '2026-12-08-attachments', class: CreateAttachments },
  { name: '2026-12-20-imports', class: CreateImports },
  { name: '2026-12-22-timeline-related', class: TimelineRelated },
];
