import { MikroORM } from '@mikro-orm/postgresql';
import { quoteIdentifier } from './identifier.js';

const DUPLICATE_DATABASE = '42P04';

/**
 * Creates database `name` through the maintenance connection `adminUrl` unless it exists.
 * Resolves to whether it was created. Safe to race: losing a concurrent creation counts as existing.
 */
export async function ensureDatabase(adminUrl: string, name: string): Promise<boolean> {
  const quoted = quoteIdentifier(name);
  const orm = await MikroORM.init({
    clientUrl: adminUrl,
    entities: [],
    discovery: { warnWhenNoEntities: false },
    ensureDatabase: false,
    pool: { min: 0, max: 1 },
  });
  try {
    const connection = orm.em.getConnection();
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
  } finally {
    await orm.close(true);
  }
}

function isDuplicateDatabase(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    error.code === DUPLICATE_DATABASE
  );
}
