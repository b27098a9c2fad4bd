import { z } from 'zod';
import { ConfigError, loadConfig, serviceEnv } from '@crm/config';
import { createLogger } from '@crm/logging';
import { runMigrationsCommand, type CreateOrmOptions } from './orm.js';

/**
 * The whole `migrate.js` of a service: read DATABASE_URL, DATABASE_SCHEMA and LOG_LEVEL (nothing
 * else, so the migration Job needs no other secret), migrate, and resolve to the exit code.
 */
export async function runMigrationsMain(options: {
  service: string;
  defaultSchema: string;
  entities: CreateOrmOptions['entities'];
  migrations: CreateOrmOptions['migrations'];
  env?: Record<string, string | undefined>;
}): Promise<0 | 1> {
  const { DATABASE_URL, DATABASE_SCHEMA, LOG_LEVEL } = serviceEnv({
    schema: options.defaultSchema,
    grpcPort: 0,
  });
  const schema = z.object({ DATABASE_URL, DATABASE_SCHEMA, LOG_LEVEL });
  let config: z.output<typeof schema>;
  try {
    config = loadConfig(`${options.service}-migrate`, schema, options.env ?? process.env);
  } catch (error) {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    return 1;
  }
  return runMigrationsCommand({
    clientUrl: config.DATABASE_URL,
    schema: config.DATABASE_SCHEMA,
    entities: options.entities,
    migrations: options.migrations,
    logger: createLogger({ service: `${options.service}-migrate`, level: config.LOG_LEVEL }),
  });
}
