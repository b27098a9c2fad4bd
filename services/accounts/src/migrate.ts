import { OutboxMessage, runMigrationsMain } from '@crm/db';
import { AccountEntity } from './db/account.entity.js';
import { accountsMigrations } from './db/migrations/index.js';

// One-shot migration command for clusters (a Helm hook Job runs it before the new pods start).
process.exitCode = await runMigrationsMain({
  service: 'accounts',
  defaultSchema: 'accounts',
  entities: [AccountEntity, OutboxMessage],
  migrations: accountsMigrations,
});
