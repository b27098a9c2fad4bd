import { runMigrationsMain } from '@crm/db';
import { accountsEntities } from './db/entities.js';
import { accountsMigrations } from './db/migrations/index.js';

// One-shot migration command for clusters (a Helm hook Job runs it before the new pods start).
process.exitCode = await runMigrationsMain({
  service: 'accounts',
  defaultSchema: 'accounts',
  entities: accountsEntities,
  migrations: accountsMigrations,
});
