import { defineEntity, p, RequestContext, type MigrationObject } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgresFixture, type PostgresFixture } from '../test/postgres-fixture.js';
import { ensureDatabase } from './ensure-database.js';
import { InvalidIdentifierError } from './errors.js';
import { createOrm, migrateUp, runMigrationsCommand, withRequestContext, type Orm } from './orm.js';
import { outboxMigration } from './outbox/outbox-migration.js';
import { OutboxMessage } from './outbox/outbox-message.js';

const Widget = defineEntity({
  name: 'Widget',
  tableName: 'widget',
  properties: { id: p.integer().primary(), name: p.text() },
});

class CreateWidgetTable extends Migration {
  override up(): void {
    this.addSql('create table widget (id integer primary key, name text not null)');
  }
}

class BrokenMigration extends Migration {
  override up(): void {
    this.addSql('create table widget (id integer primary key)');
    this.addSql('select * from no_such_table');
  }
}

const migrations: MigrationObject[] = [
  outboxMigration,
  { name: 'Migration20250101000000_widget', class: CreateWidgetTable },
];
const DATABASE = 'orm_suite';

describe('ORM, migrations and embedded PostgreSQL', () => {
  let pg: PostgresFixture;
  let orm: Orm;

  const connect = (schema: string, list = migrations): Promise<Orm> =>
    createOrm({
      clientUrl: pg.server.url(DATABASE),
      schema,
      entities: [Widget, OutboxMessage],
      migrations: list,
      logger: pg.logger,
    });

  beforeAll(async () => {
    pg = await startPostgresFixture();
    await pg.server.createDatabase(DATABASE);
    orm = await connect('accounts');
  });

  afterAll(async () => {
    await orm?.close(true);
    await pg?.cleanup();
  });

  it('runs migrations once, in order, inside the service schema', async () => {
    expect(await migrateUp(orm)).toEqual([
      'Migration00000000000000_crm_outbox',
      'Migration20250101000000_widget',
    ]);
    expect(await migrateUp(orm)).toEqual([]);

    const tables = await orm.em
      .getConnection()
      .execute<{ table_schema: string; table_name: string }[]>(
        `select table_schema, table_name from information_schema.tables
         where table_schema not in ('pg_catalog', 'information_schema') order by 1, 2`,
      );
    expect(tables).toEqual([
      { table_schema: 'accounts', table_name: 'mikro_orm_migrations' },
      { table_schema: 'accounts', table_name: 'outbox_message' },
      { table_schema: 'accounts', table_name: 'widget' },
    ]);
  });

  it('keeps a second service schema in the same database independent', async () => {
    const other = await connect('deals');
    try {
      expect(await migrateUp(other)).toHaveLength(2);
      await other.em.fork().insert(Widget, { id: 1, name: 'in deals' });
      expect(await orm.em.fork().count(Widget)).toBe(0);
    } finally {
      await other.close(true);
    }
  });

  it('forks one EntityManager per request context', async () => {
    const seen = await Promise.all(
      [1, 2].map((n) =>
        withRequestContext(orm, async (em) => {
          expect(RequestContext.getEntityManager()).toBe(em);
          em.create(Widget, { id: 100 + n, name: `widget ${n}` });
          await em.flush();
          return em;
        }),
      ),
    );
    expect(seen[0]).not.toBe(seen[1]);
    expect(seen[0]).not.toBe(orm.em);
    expect(await orm.em.fork().count(Widget, { id: { $in: [101, 102] } })).toBe(2);
  });

  it('keeps data across a stop and start of the server', async () => {
    await orm.em.fork().insert(Widget, { id: 7, name: 'persistent' });
    await orm.close(true);
    await pg.restart();
    orm = await connect('accounts');

    expect(await migrateUp(orm)).toEqual([]);
    const widget = await orm.em.fork().findOneOrFail(Widget, 7);
    expect(widget.name).toBe('persistent');
  });

  it('creates a database only when missing', async () => {
    expect(await ensureDatabase(pg.server.url(), 'ensure_me')).toBe(true);
    expect(await ensureDatabase(pg.server.url(), 'ensure_me')).toBe(false);
    await expect(
      ensureDatabase(pg.server.url(), 'x"; drop database postgres; --'),
    ).rejects.toBeInstanceOf(InvalidIdentifierError);
    await pg.server.dropDatabase('ensure_me');
    expect(await ensureDatabase(pg.server.url(), 'ensure_me')).toBe(true);
  });

  it('runs the one-shot migrate command with an exit code', async () => {
    const base = { clientUrl: pg.server.url(DATABASE), entities: [Widget], logger: pg.logger };
    expect(await runMigrationsCommand({ ...base, schema: 'tasks', migrations })).toBe(0);
    expect(await runMigrationsCommand({ ...base, schema: 'tasks', migrations })).toBe(0);

    const broken = [{ name: 'Migration20250101000000_broken', class: BrokenMigration }];
    expect(await runMigrationsCommand({ ...base, schema: 'broken', migrations: broken })).toBe(1);
    // The failed migration rolled back as a whole: no half-created table, nothing recorded.
    const [widget] = await orm.em
      .getConnection()
      .execute<{ count: string }[]>(
        `select count(*) from information_schema.tables where table_schema = 'broken' and table_name = 'widget'`,
      );
    expect(Number(widget?.count)).toBe(0);

    expect(await runMigrationsCommand({ ...base, schema: 'Bad-Name', migrations })).toBe(1);
  });
});
