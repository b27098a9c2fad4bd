import { AnalyticsError } from './analytics-error.js';
import type { AnalyticsStore } from './analytics-store.js';

export interface AnalyticsMigration {
  /** Positive integer; migrations apply in ascending order and each version once. */
  readonly version: number;
  readonly name: string;
  /**
   * Run one by one. ClickHouse DDL is not transactional: a migration that fails half-way is
   * not recorded and re-runs from its first statement, so write them idempotently
   * (`CREATE TABLE IF NOT EXISTS`, `ADD COLUMN IF NOT EXISTS`, …).
   */
  readonly statements: readonly string[];
}

export interface MigrationOutcome {
  /** Versions applied by this call, in order; empty when the schema was already current. */
  readonly applied: readonly number[];
}

export const migrationsTable = 'schema_migrations';

function invalid(message: string): AnalyticsError {
  return new AnalyticsError(message, { kind: 'invalid-input' });
}

function validate(migrations: readonly AnalyticsMigration[]): AnalyticsMigration[] {
  const seen = new Set<number>();
  for (const migration of migrations) {
    if (!Number.isSafeInteger(migration.version) || migration.version < 1) {
      throw invalid(`migration version ${migration.version} is not a positive integer`);
    }
    if (seen.has(migration.version))
      throw invalid(`migration version ${migration.version} is defined twice`);
    seen.add(migration.version);
    if (migration.name.trim() === '') throw invalid(`migration ${migration.version} has no name`);
    if (
      migration.statements.length === 0 ||
      migration.statements.some((sql) => sql.trim() === '')
    ) {
      throw invalid(
        `migration ${migration.version} needs at least one statement and no empty ones`,
      );
    }
  }
  return [...migrations].sort((a, b) => a.version - b.version);
}

/**
 * Brings the analytics schema up to date. Applied versions are recorded in `schema_migrations`;
 * running again applies nothing. A recorded version whose name differs from the one given (an
 * edited migration) and a new version older than the newest applied one (out of order) are
 * refused rather than guessed at. Versions recorded but no longer given (an older build after a
 * newer one migrated) are left alone.
 */
export async function migrateAnalytics(
  store: AnalyticsStore,
  migrations: readonly AnalyticsMigration[],
): Promise<MigrationOutcome> {
  const ordered = validate(migrations);
  await store.command(
    `CREATE TABLE IF NOT EXISTS ${migrationsTable} (
       version UInt32,
       name String,
       applied_at DateTime64(3, 'UTC')
     ) ENGINE = MergeTree ORDER BY version`,
  );
  // Two processes migrating at once may both record a version; grouping keeps that harmless.
  const recorded = await store.query<{ version: number; name: string }>(
    `SELECT version, any(name) AS name FROM ${migrationsTable} GROUP BY version ORDER BY version`,
  );
  const recordedNames = new Map(recorded.map((row) => [row.version, row.name]));
  const newestApplied = recorded.reduce((max, row) => Math.max(max, row.version), 0);

  const pending: AnalyticsMigration[] = [];
  for (const migration of ordered) {
    const recordedName = recordedNames.get(migration.version);
    if (recordedName === undefined) {
      pending.push(migration);
    } else if (recordedName !== migration.name) {
      throw invalid(
        `migration ${migration.version} was applied as "${recordedName}" but is now named "${migration.name}"`,
      );
    }
  }
  const stale = pending.find((migration) => migration.version < newestApplied);
  if (stale !== undefined) {
    throw invalid(
      `migration ${stale.version} is older than the newest applied migration ${newestApplied}`,
    );
  }

  const applied: number[] = [];
  for (const migration of pending) {
    for (const [index, sql] of migration.statements.entries()) {
      try {
        await store.command(sql);
      } catch (error) {
        const context = `migration ${migration.version} (${migration.name}), statement ${index + 1}`;
        if (error instanceof AnalyticsError) throw error.withContext(context);
        throw error;
      }
    }
    await store.insert(migrationsTable, [
      { version: migration.version, name: migration.name, applied_at: new Date() },
    ]);
    applied.push(migration.version);
  }
  return { applied };
}
