import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createChdbStore } from './chdb-store.js';
import { createAnalyticsStore } from './create-analytics-store.js';
import {
  analyticsFailure,
  describeAnalyticsStoreContract,
  expectClosed,
} from './store-contract.test-support.js';

// chdb binds one data directory per process, so every store in this file shares one root.
const root = await mkdtemp(join(tmpdir(), 'crm-chdb-store-'));

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describeAnalyticsStoreContract('chdb (embedded)', () =>
  createChdbStore({ dataPath: join(root, 'clickhouse') }),
);

describe('chdb store', () => {
  it('keeps data across close and reopen on the same path, via createAnalyticsStore', async () => {
    const first = await createAnalyticsStore({ dataDir: root });
    expect(first.kind).toBe('embedded');
    await first.command(
      'CREATE TABLE kept (id UInt32, name String) ENGINE = MergeTree ORDER BY id',
    );
    await first.insert('kept', [{ id: 1, name: 'persisted' }]);
    await first.close();

    const second = await createChdbStore({ dataPath: join(root, 'clickhouse') });
    expect(await second.query('SELECT id, name FROM kept')).toEqual([{ id: 1, name: 'persisted' }]);
    await second.close();
  });

  it('shares the engine between stores on one path and refuses a second path', async () => {
    const a = await createChdbStore({ dataPath: join(root, 'clickhouse') });
    const b = await createChdbStore({ dataPath: join(root, 'clickhouse') });
    expect(
      (await analyticsFailure(createChdbStore({ dataPath: join(root, 'elsewhere') }))).kind,
    ).toBe('unavailable');
    await a.close();
    await expect(b.query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
    await expectClosed(b);
  });
});
