export {
  DbError,
  EmbeddedPostgresError,
  InvalidIdentifierError,
  MigrationError,
} from './errors.js';
export { quoteIdentifier } from './identifier.js';
export { uuidv7 } from './uuid-v7.js';
export {
  loadEmbeddedPostgres,
  startEmbeddedPostgres,
  type EmbeddedPostgresOptions,
  type EmbeddedPostgresServer,
} from './embedded-postgres.js';
export {
  createOrm,
  migrateUp,
  withRequestContext,
  runMigrationsCommand,
  MIGRATIONS_TABLE,
  type CreateOrmOptions,
  type Orm,
  type OrmEntity,
  type OrmEntityManager,
} from './orm.js';
export { PinoOrmLogger } from './orm-logger.js';
export { runMigrationsMain } from './migrate-main.js';
export { dropDatabase, ensureDatabase } from './ensure-database.js';
export { OutboxMessage, OUTBOX_TABLE, type OutboxMessageRow } from './outbox/outbox-message.js';
export {
  CreateOutboxMessageTable,
  outboxMigration,
  OUTBOX_CHANNEL_PREFIX,
} from './outbox/outbox-migration.js';
export { enqueueOutboxMessage, type OutboxMessageInput } from './outbox/enqueue-outbox-message.js';
export {
  OutboxRelay,
  type FlushResult,
  type OutboxPublisher,
  type OutboxRelayOptions,
} from './outbox/outbox-relay.js';
