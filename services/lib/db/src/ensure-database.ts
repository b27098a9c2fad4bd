import { MikroORM } from '@mikro-orm/postgresql';
import { quoteIdentifier } from './identifier.js';

const DUPLICATE_DATABASE = '42P04';

type AdminConnection = ReturnType<MikroORM['em']['getConnection']>;

/** A single short-lived connection to the maintenance database, closed whatever happens. */
async function withAdminConnection<T>(
  adminUrl: string,
  fn: (connection: AdminConnection) => Promise<T>,
): Promise<T> {
  const orm = await MikroORM.init({
    clientUrl: adminUrl,
    entities: [],
    discovery: { warnWhenNoEntities: false },
    ensureDatabase: false,
    pool: { min: 0, max: 1 },
  });
  try {
    return await fn(orm.em.getConnection());
  } finally {
    await orm.close(true);
  }
}

/**
 * Creates database `name` through the maintenance connection `adminUrl` unless it exists.
 * Resolves to whether it was created. Safe to race: losing a concurrent creation counts as existing.
 */
export async function ensureDatabase(adminUrl: string, name: string): Promise<boolean> {
  const quoted = quoteIdentifier(name);
  return withAdminConnection(adminUrl, async (connection) => {
    const rows = await connection.execute<{ exists: boolean }[]>(
      'select exists (select 1 from pg_database where datname = ?) as "exists"',
      [name],
    );
    if (rows[0]?.exists) return false;
    try {
      await connection.execute(`create database ${quoted}`);
      return true;
    } catch (error) {
      if (isDuplicateDatabase(error)) return false;
      throw error;
    }
  });
}

/** Drops database `name` if it exists, ending its open connections (tests and tooling). */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const quoted = quoteIdentifier(name);
  await withAdminConnection(adminUrl, (connection) =>
    connection.execute(`drop database if exists ${quoted} with (force)`),
  );
}

function isDuplicateDatabase(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    error.code === DUPLICATE_DATABASE
  );
}
