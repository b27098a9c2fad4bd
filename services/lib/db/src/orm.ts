import {
  RequestContext,
  type AnyEntity,
  type EntityClass,
  type EntitySchema,
  type MigrationObject,
} from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '@crm/logging';
import { DbError, MigrationError } from './errors.js';
import { quoteIdentifier } from './identifier.js';
import { ORM_LOG_NAMESPACES, PinoOrmLogger } from './orm-logger.js';

/** A MikroORM instance on PostgreSQL, bound to one service's schema. */
export type Orm = MikroORM;
/** The PostgreSQL entity manager (SQL-capable: `execute`, query builder). */
export type OrmEntityManager = EntityManager;
export type OrmEntity = EntitySchema | EntityClass<AnyEntity>;

export interface CreateOrmOptions {
  clientUrl: string;
  /** The PostgreSQL schema this service owns (e.g. `accounts`); unqualified entities live in it. */
  schema: string;
  entities: readonly OrmEntity[];
  /** The service's migrations, in the order they apply; listed explicitly so `dist` needs no globbing. */
  migrations: readonly MigrationObject[];
  logger: Logger;
  /** Maximum pool size (default 10). */
  poolSize?: number;
}

export const MIGRATIONS_TABLE = 'mikro_orm_migrations';

/** Connects a MikroORM instance to `clientUrl`, with the service's schema as default and its migrations registered. */
export async function createOrm(options: CreateOrmOptions): Promise<Orm> {
  quoteIdentifier(options.schema);
  const logger = options.logger.child({ component: 'mikro-orm', schema: options.schema });
  return MikroORM.init({
    clientUrl: options.clientUrl,
    schema: options.schema,
    entities: [...options.entities],
    extensions: [Migrator],
    pool: { min: 0, max: options.poolSize ?? 10 },
    // Databases are provisioned explicitly (ensureDatabase / the platform), never as a side effect.
    ensureDatabase: false,
    debug: ORM_LOG_NAMESPACES,
    loggerFactory: () => new PinoOrmLogger(logger),
    migrations: {
      migrationsList: [...options.migrations],
      schema: options.schema,
      tableName: MIGRATIONS_TABLE,
      transactional: true,
      allOrNothing: true,
      // Snapshots are files written next to migrations; with an explicit list there is no folder.
      snapshot: false,
      snapshotOnMigrate: false,
    },
  });
}

/** Creates the service's schema when missing and applies pending migrations; returns their names. */
export async function migrateUp(orm: Orm): Promise<string[]> {
  const schema = orm.config.get('schema');
  if (!schema)
    throw new MigrationError('the ORM has no schema configured; create it with createOrm');
  try {
    await orm.em.getConnection().execute(`create schema if not exists ${quoteIdentifier(schema)}`);
    const applied = await orm.migrator.up();
    return applied.map((migration) => migration.name);
  } catch (error) {
    if (error instanceof MigrationError) throw error;
    throw new MigrationError(`migrating schema "${schema}" failed`, { cause: error });
  }
}

/**
 * Runs `fn` with its own EntityManager fork — one identity map and unit of work per gRPC call —
 * also registered as the request context, so code reaching for `orm.em` gets the same fork.
 */
export function withRequestContext<T>(
  orm: Orm,
  fn: (em: OrmEntityManager) => Promise<T>,
): Promise<T> {
  // RequestContext forks `orm.em` itself; hand `fn` that very fork.
  return RequestContext.create(orm.em, () => {
    const em = RequestContext.getEntityManager();
    if (!(em instanceof EntityManager))
      throw new DbError('the request context holds no PostgreSQL EntityManager');
    return fn(em);
  });
}

/**
 * The body of a one-shot `migrate` command (a Kubernetes Job or init container): connect, migrate,
 * close. Resolves to the process exit code instead of exiting, so callers decide how to end.
 */
export async function runMigrationsCommand(options: CreateOrmOptions): Promise<0 | 1> {
  const { logger } = options;
  let orm: Orm | undefined;
  try {
    orm = await createOrm(options);
    const applied = await migrateUp(orm);
    logger.info(
      { schema: options.schema, applied },
      applied.length ? 'migrations applied' : 'schema up to date',
    );
    return 0;
  } catch (error) {
    logger.error({ err: error, schema: options.schema }, 'migration failed');
    return 1;
  } finally {
    await orm
      ?.close(true)
      .catch((error: unknown) => logger.warn({ err: error }, 'closing the ORM failed'));
  }
}
