import type { MigrationObject } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { OUTBOX_TABLE } from './outbox-message.js';

/** Prefix of the NOTIFY channel; the relay listens on `<prefix><schema>`. */
export const OUTBOX_CHANNEL_PREFIX = 'crm_outbox_';

/**
 * Creates the outbox table in the schema being migrated (the migrator sets the search path to the
 * service's schema, so names stay unqualified and one class serves every service). A statement
 * trigger notifies the relay; PostgreSQL delivers the notification only when the inserting
 * transaction commits, which is exactly when the rows become publishable.
 */
export class CreateOutboxMessageTable extends Migration {
  override up(): void {
    this.addSql(`create table ${OUTBOX_TABLE} (
      id uuid primary key,
      subject text not null,
      payload bytea not null,
      headers jsonb not null default '{}'::jsonb,
      created_at timestamptz not null default now(),
      published_at timestamptz null,
      attempts integer not null default 0,
      last_error text null
    )`);
    this.addSql(
      `create index ${OUTBOX_TABLE}_pending_idx on ${OUTBOX_TABLE} (id) where published_at is null`,
    );
    this.addSql(
      `create index ${OUTBOX_TABLE}_published_idx on ${OUTBOX_TABLE} (published_at) where published_at is not null`,
    );
    this.addSql(`create function ${OUTBOX_TABLE}_notify() returns trigger language plpgsql as $$
      begin
        perform pg_notify('${OUTBOX_CHANNEL_PREFIX}' || tg_table_schema, '');
        return null;
      end
    $$`);
    this.addSql(`create trigger ${OUTBOX_TABLE}_notify after insert on ${OUTBOX_TABLE}
      for each statement execute function ${OUTBOX_TABLE}_notify()`);
  }

  override down(): void {
    this.addSql(`drop table if exists ${OUTBOX_TABLE}`);
    this.addSql(`drop function if exists ${OUTBOX_TABLE}_notify()`);
  }
}

/** Put this in a service's migration list (usually first) to get the outbox table. */
export const outboxMigration: MigrationObject = {
  name: 'Migration00000000000000_crm_outbox',
  class: CreateOutboxMessageTable,
};
