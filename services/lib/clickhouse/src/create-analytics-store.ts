import { join } from 'node:path';
import type { AnalyticsStore } from './analytics-store.js';
import { createChdbStore } from './chdb-store.js';
import { createClickHouseServerStore } from './server-store.js';

/** The runtime contract: CLICKHOUSE_URL (+ user, password, database), else chdb under CRM_DATA_DIR. */
export interface AnalyticsStoreConfig {
  clickhouseUrl?: string | undefined;
  clickhouseUser?: string | undefined;
  clickhousePassword?: string | undefined;
  clickhouseDatabase?: string | undefined;
  /** CRM_DATA_DIR; the embedded engine keeps its data in `<dataDir>/clickhouse`. */
  dataDir: string;
}

export async function createAnalyticsStore(config: AnalyticsStoreConfig): Promise<AnalyticsStore> {
  if (config.clickhouseUrl !== undefined && config.clickhouseUrl !== '') {
    return createClickHouseServerStore({
      url: config.clickhouseUrl,
      username: config.clickhouseUser,
      password: config.clickhousePassword,
      database: config.clickhouseDatabase,
    });
  }
  return createChdbStore({ dataPath: join(config.dataDir, 'clickhouse') });
}
