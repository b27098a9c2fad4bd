import { runMigrationsMain } from '@crm/db';
import { identityEntities } from './db/entities.js';
import { identityMigrations } from './db/migrations/index.js';

// One-shot migration command for clusters (a Helm hook Job runs it before the new pods start).
process.exitCode = await runMigrationsMain({
  service: 'identity',
  defaultSchema: 'identity',
  entities: identityEntities,
  migrations: identityMigrations,
});
