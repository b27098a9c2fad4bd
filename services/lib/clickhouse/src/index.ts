export {
  AnalyticsError,
  type AnalyticsErrorKind,
  type AnalyticsErrorOptions,
} from './analytics-error.js';
export type { AnalyticsStore } from './analytics-store.js';
export type { AnalyticsParams, AnalyticsParamValue, AnalyticsScalar } from './params.js';
export { createChdbStore, type ChdbStoreOptions } from './chdb-store.js';
export { createClickHouseServerStore, type ClickHouseServerStoreOptions } from './server-store.js';
export { createAnalyticsStore, type AnalyticsStoreConfig } from './create-analytics-store.js';
export {
  startChdbHttpFixture,
  type ChdbHttpFixture,
  type ChdbHttpFixtureOptions,
} from './chdb-http-fixture.js';
export {
  migrateAnalytics,
  migrationsTable,
  type AnalyticsMigration,
  type MigrationOutcome,
} from './migrate-analytics.js';
