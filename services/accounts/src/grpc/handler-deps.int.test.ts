import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrm, migrateUp, type Orm } from '@crm/db';
import { createTestDatabase, quietLogger, type TestDatabase } from '@crm/testing';
import { users } from '../accounts-stack.test-support.js';
import { accountsEntities } from '../db/entities.js';
import { accountsMigrations } from '../db/migrations/index.js';
import { changing } from './handler-deps.js';

describe('changing', () => {
  let database: TestDatabase;
  let orm: Orm;

  beforeAll(async () => {
    database = await createTestDatabase('handler_deps');
    orm = await createOrm({
      clientUrl: database.url,
      schema: 'accounts',
      entities: accountsEntities,
      migrations: accountsMigrations,
      logger: quietLogger('accounts'),
    });
    await migrateUp(orm);
  });

  afterAll(async () => {
    await orm?.close();
    await database?.drop();
  });

  it('answers a change a unique index refuses as a conflict, committing nothing of it', async () => {
    const insert = `insert into accounts.attachments
      ("subject_type", "subject_id", "file_name", "content_type", "size_bytes", "sha256", "object_key")
      values ('account', gen_random_uuid(), 'a.pdf', 'application/pdf', 1, repeat('a', 64), 'attachments/same')`;
    let committed = false;
    const outcome = await changing(
      { orm, onEventsCommitted: () => (committed = true) },
      users.admin,
      async (tx) => {
        // What two changes at once can do: both insert what only one of them may.
        await tx.execute(insert);
        await tx.execute(insert);
      },
    ).catch((error: unknown) => error);
    expect(outcome).toMatchObject({ name: 'DomainError', code: 'conflict' });
    expect(committed).toBe(false);
    const [row] = await orm.em
      .fork()
      .execute<Array<{ count: number }>>('select count(*)::int as count from accounts.attachments');
    expect(row?.count).toBe(0);
  });
});
