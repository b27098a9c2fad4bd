import { ClickHouseError, ClickHouseLogLevel, createClient } from '@clickhouse/client';
import { AnalyticsError } from './analytics-error.js';
import { insertSettings, querySettings, type AnalyticsStore } from './analytics-store.js';
import { encodeJson, validateParams, validateTableName, type AnalyticsParams } from './params.js';

export interface ClickHouseServerStoreOptions {
  /** HTTP(S) endpoint, e.g. `http://clickhouse:8123`. */
  url: string;
  username?: string | undefined;
  password?: string | undefined;
  database?: string | undefined;
  /** Per-request timeout; the client's default (30 s) when unset. */
  requestTimeoutMs?: number | undefined;
}

function fromClientError(error: unknown): AnalyticsError {
  if (error instanceof ClickHouseError) {
    const code = Number(error.code);
    return new AnalyticsError(
      `Code: ${error.code}. ${error.message.trim()} (${error.type ?? 'UNKNOWN'})`,
      {
        kind: 'clickhouse',
        code: Number.isInteger(code) ? code : undefined,
        type: error.type,
        cause: error,
      },
    );
  }
  // Anything else means no usable answer came back: refused connection, timeout, broken response.
  const message = error instanceof Error ? error.message : String(error);
  return new AnalyticsError(`ClickHouse server request failed: ${message}`, {
    kind: 'unavailable',
    cause: error,
  });
}

/** A ClickHouse server over HTTP via @clickhouse/client; parameters travel as `param_<name>`. */
export function createClickHouseServerStore(options: ClickHouseServerStoreOptions): AnalyticsStore {
  const client = createClient({
    url: options.url,
    username: options.username,
    password: options.password,
    database: options.database,
    request_timeout: options.requestTimeoutMs,
    application: 'crm',
    json: { parse: JSON.parse, stringify: encodeJson },
    // Failures are thrown to the caller, who logs them once with its own logger.
    log: { level: ClickHouseLogLevel.OFF },
  });
  let closed = false;

  function ensureOpen(): void {
    if (closed) throw new AnalyticsError('the analytics store is closed', { kind: 'closed' });
  }

  return {
    kind: 'server',
    async command(sql, params = {}) {
      ensureOpen();
      validateParams(params);
      try {
        await client.command({ query: sql, query_params: params });
      } catch (error) {
        throw fromClientError(error);
      }
    },
    async query<Row = Record<string, unknown>>(
      sql: string,
      params: AnalyticsParams = {},
    ): Promise<Row[]> {
      ensureOpen();
      validateParams(params);
      try {
        const result = await client.query({
          query: sql,
          query_params: params,
          format: 'JSONEachRow',
          clickhouse_settings: querySettings,
        });
        return await result.json<Row>();
      } catch (error) {
        throw fromClientError(error);
      }
    },
    async insert(table, rows) {
      ensureOpen();
      validateTableName(table);
      if (rows.length === 0) return;
      try {
        await client.insert({
          table,
          values: rows,
          format: 'JSONEachRow',
          clickhouse_settings: insertSettings,
        });
      } catch (error) {
        throw fromClientError(error);
      }
    },
    async ping() {
      ensureOpen();
      const result = await client.ping();
      if (!result.success) throw fromClientError(result.error);
    },
    async close() {
      if (closed) return;
      closed = true;
      await client.close();
    },
  };
}
