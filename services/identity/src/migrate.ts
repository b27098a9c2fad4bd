import type { z } from 'zod';
import { loadConfig } from '@crm/config';
import { runMigrationsCommand } from '@crm/db';
import { createLogger } from '@crm/logging';
import { identityEnvSchema } from './config.js';
import { identityEntities } from './db/entities.js';
import { identityMigrations } from './db/migrations/index.js';

// One-shot migration command for clusters (a Helm hook Job runs it before the new pods start).
const migrateEnvSchema = identityEnvSchema.pick({
  DATABASE_URL: true,
  DATABASE_SCHEMA: true,
  LOG_LEVEL: true,
});

function readConfig(): z.output<typeof migrateEnvSchema> | undefined {
  try {
    return loadConfig('identity-migrate', migrateEnvSchema);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return undefined;
  }
}

const config = readConfig();
if (!config) {
  process.exitCode = 1;
} else {
  const logger = createLogger({ service: 'identity-migrate', level: config.LOG_LEVEL });
  process.exitCode = await runMigrationsCommand({
    clientUrl: config.DATABASE_URL,
    schema: config.DATABASE_SCHEMA,
    entities: identityEntities,
    migrations: identityMigrations,
    logger,
  });
}
