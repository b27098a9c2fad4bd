import { quoteIdentifier, type Orm } from '@crm/db';
import { schemaOf } from '../db/sql-statement.js';

/**
 * The slice of a `pg` client the import engine uses. Imports talk to the ORM's `pg` pool directly:
 * bulk statements bind whole arrays as real server-side parameters, which the ORM's client-side
 * formatting would inline as text. `pg` ships no type declarations, so the shape is spelled out.
 */
export interface SqlClient {
  query<Row>(
    text: string,
    values?: readonly unknown[],
  ): Promise<{ rows: Row[]; rowCount: number | null }>;
}

interface PooledClient extends SqlClient {
  release(error?: Error): void;
}

interface Pool extends SqlClient {
  connect(): Promise<PooledClient>;
}

/** Qualified names of every table the engine reads or writes, in the service's schema. */
export interface ImportTables {
  jobs: string;
  errors: string;
  changes: string;
  marks: string;
  accounts: string;
  contacts: string;
  timeline: string;
  attachments: string;
}

function importTables(schema: string): ImportTables {
  const q = quoteIdentifier(schema);
  return {
    jobs: `${q}."import_jobs"`,
    errors: `${q}."import_row_errors"`,
    changes: `${q}."import_changes"`,
    marks: `${q}."import_marks"`,
    accounts: `${q}."accounts"`,
    contacts: `${q}."contacts"`,
    timeline: `${q}."timeline_entries"`,
    attachments: `${q}."attachments"`,
  };
}

export class ImportSql implements SqlClient {
  private constructor(
    private readonly pool: Pool,
    readonly tables: ImportTables,
  ) {}

  static async of(orm: Orm): Promise<ImportSql> {
    const pool: Pool = await orm.em.getConnection().getNativeClient();
    return new ImportSql(pool, importTables(schemaOf(orm.em)));
  }

  /** One statement on any pooled connection, outside a transaction. */
  query<Row>(
    text: string,
    values: readonly unknown[] = [],
  ): Promise<{ rows: Row[]; rowCount: number | null }> {
    return this.pool.query<Row>(text, values);
  }

  async rows<Row>(text: string, values: readonly unknown[] = []): Promise<Row[]> {
    return (await this.pool.query<Row>(text, values)).rows;
  }

  /** Runs `work` in one transaction on one connection: committed if it resolves, else rolled back. */
  async transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('begin');
      try {
        const result = await work(client);
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch((rollbackError: unknown) => {
          broken =
            rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        });
        throw error;
      }
    } finally {
      // A connection whose rollback failed is in an unknown state: the pool discards it.
      client.release(broken);
    }
  }
}

/** SQLSTATE classes 22 (data exception) and 23 (integrity violation): a row's data is at fault. */
export function isDataError(error: unknown): error is Error & { code: string } {
  return (
    error instanceof Error &&
    'code' in error &&
    typeof error.code === 'string' &&
    (error.code.startsWith('22') || error.code.startsWith('23'))
  );
}
