import { AnalyticsError } from './analytics-error.js';
import { insertSettings, type AnalyticsStore } from './analytics-store.js';
import { acquireChdbSession } from './chdb-sessions.js';
import { fromChdbError } from './chdb-errors.js';
import {
  encodeJson,
  parseJsonEachRow,
  toChdbParams,
  validateParams,
  validateTableName,
  type AnalyticsParams,
} from './params.js';

export interface ChdbStoreOptions {
  /** Directory holding the embedded databases; created if missing, reused across restarts. */
  dataPath: string;
}

/**
 * ClickHouse in this process (chdb). Stores opened on the same path share one Session; data lives
 * in `dataPath` and survives close and reopen.
 */
export async function createChdbStore(options: ChdbStoreOptions): Promise<AnalyticsStore> {
  const lease = await acquireChdbSession(options.dataPath);
  const { session } = lease;
  let closed = false;

  function ensureOpen(): void {
    if (closed) throw new AnalyticsError('the analytics store is closed', { kind: 'closed' });
  }

  async function run(sql: string, params: AnalyticsParams, format: string): Promise<string> {
    ensureOpen();
    validateParams(params);
    try {
      const result =
        Object.keys(params).length === 0
          ? await session.queryAsync(sql, { format })
          : await session.queryBindAsync(sql, toChdbParams(params), { format });
      return result.text();
    } catch (error) {
      throw fromChdbError(error);
    }
  }

  return {
    kind: 'embedded',
    async command(sql, params = {}) {
      await run(sql, params, 'TabSeparated');
    },
    async query<Row = Record<string, unknown>>(
      sql: string,
      params: AnalyticsParams = {},
    ): Promise<Row[]> {
      return parseJsonEachRow<Row>(await run(sql, params, 'JSONEachRow'));
    },
    async insert(table, rows) {
      ensureOpen();
      validateTableName(table);
      if (rows.length === 0) return;
      try {
        await session.insert({
          table,
          values: rows.map(encodeJson).join('\n'),
          format: 'JSONEachRow',
          settings: insertSettings,
        });
      } catch (error) {
        throw fromChdbError(error);
      }
    },
    async ping() {
      await run('SELECT 1', {}, 'TabSeparated');
    },
    async close() {
      if (closed) return;
      closed = true;
      await lease.release();
    },
  };
}
