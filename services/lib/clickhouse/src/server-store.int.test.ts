import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChdbHttpFixture, type ChdbHttpFixture } from './chdb-http-fixture.js';
import { createAnalyticsStore } from './create-analytics-store.js';
import { createClickHouseServerStore } from './server-store.js';
import {
  analyticsFailure,
  describeAnalyticsStoreContract,
  expectClosed,
} from './store-contract.test-support.js';

const root = await mkdtemp(join(tmpdir(), 'crm-chdb-fixture-'));
const dataPath = join(root, 'clickhouse');
let fixture: ChdbHttpFixture;

beforeAll(async () => {
  fixture = await startChdbHttpFixture({ dataPath });
});

afterAll(async () => {
  await fixture.close();
  await rm(root, { recursive: true, force: true });
});

describeAnalyticsStoreContract('ClickHouse server adapter via the chdb HTTP fixture', async () =>
  createClickHouseServerStore({ url: fixture.url }),
);

/** A port nothing listens on: bound by the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('expected a TCP address');
  return address.port;
}

describe('chdb HTTP fixture', () => {
  it('answers /ping and unknown handles like a server', async () => {
    const ping = await fetch(`${fixture.url}/ping`);
    expect([ping.status, await ping.text()]).toEqual([200, 'Ok.\n']);
    const missing = await fetch(`${fixture.url}/nowhere`);
    expect(missing.status).toBe(404);
    await missing.body?.cancel();
  });

  it('reports exceptions with the server status, code header and body', async () => {
    const unknown = await fetch(
      `${fixture.url}/?query=${encodeURIComponent('SELECT * FROM nope')}`,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('x-clickhouse-exception-code')).toBe('60');
    expect(await unknown.text()).toMatch(
      /^Code: 60\. DB::Exception: .*\(UNKNOWN_TABLE\) \(version [\d.]+\)\n$/s,
    );

    const syntax = await fetch(fixture.url, { method: 'POST', body: 'SELEC 1' });
    expect(syntax.status).toBe(400);
    expect(syntax.headers.get('x-clickhouse-exception-code')).toBe('62');
    await syntax.body?.cancel();
  });

  it('binds param_ values and applies settings and default_format to that request only', async () => {
    const url = new URL(fixture.url);
    url.searchParams.set('param_s', "it\\'s");
    url.searchParams.set('default_format', 'JSONEachRow');
    url.searchParams.set('max_result_rows', '1000');
    const first = await fetch(url, {
      method: 'POST',
      body: "SELECT {s:String} AS s, getSetting('max_result_rows') AS m",
    });
    expect(await first.json()).toEqual({ s: "it's", m: 1000 });

    const second = await fetch(`${fixture.url}/?default_format=JSONEachRow`, {
      method: 'POST',
      body: "SELECT getSetting('max_result_rows') AS m",
    });
    expect(await second.json()).toEqual({ m: 0 });
    const unbound = await fetch(fixture.url, { method: 'POST', body: 'SELECT {s:String}' });
    expect(unbound.headers.get('x-clickhouse-exception-code')).toBe('456');
    await unbound.body?.cancel();
  });

  it('uses the database given to the client', async () => {
    const admin = createClickHouseServerStore({ url: fixture.url });
    await admin.command('CREATE DATABASE IF NOT EXISTS reporting');
    const scoped = createClickHouseServerStore({ url: fixture.url, database: 'reporting' });
    await scoped.command('CREATE TABLE scoped (id UInt32) ENGINE = MergeTree ORDER BY id');
    await scoped.insert('scoped', [{ id: 7 }]);
    expect(await admin.query('SELECT id FROM reporting.scoped')).toEqual([{ id: 7 }]);
    expect(await scoped.query('SELECT currentDatabase() AS db')).toEqual([{ db: 'reporting' }]);
    await admin.close();
    await expectClosed(scoped);
  });

  it('enforces credentials when configured', async () => {
    const secured = await startChdbHttpFixture({ dataPath, username: 'crm', password: 's3cret' });
    try {
      const good = createClickHouseServerStore({
        url: secured.url,
        username: 'crm',
        password: 's3cret',
      });
      await expect(good.query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
      await good.close();

      const bad = createClickHouseServerStore({
        url: secured.url,
        username: 'crm',
        password: 'wrong',
      });
      expect(await analyticsFailure(bad.query('SELECT 1'))).toMatchObject({
        kind: 'clickhouse',
        code: 516,
        type: 'AUTHENTICATION_FAILED',
      });
      await bad.close();
    } finally {
      await secured.close();
    }
  });
});

describe('server store', () => {
  it('is chosen by createAnalyticsStore when a URL is configured', async () => {
    const store = await createAnalyticsStore({ clickhouseUrl: fixture.url, dataDir: root });
    expect(store.kind).toBe('server');
    await expect(store.ping()).resolves.toBeUndefined();
    await store.close();
  });

  it('reports an unreachable server as unavailable', async () => {
    const store = createClickHouseServerStore({ url: `http://127.0.0.1:${await closedPort()}` });
    expect((await analyticsFailure(store.ping())).kind).toBe('unavailable');
    expect((await analyticsFailure(store.query('SELECT 1'))).kind).toBe('unavailable');
    await store.close();
  });
});
