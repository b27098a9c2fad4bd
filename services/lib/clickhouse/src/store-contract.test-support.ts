import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyticsError } from './analytics-error.js';
import type { AnalyticsStore } from './analytics-store.js';
import { migrateAnalytics, type AnalyticsMigration } from './migrate-analytics.js';

/** Awaits a rejection and returns it as an AnalyticsError, failing the test for anything else. */
export async function analyticsFailure(promise: Promise<unknown>): Promise<AnalyticsError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof AnalyticsError))
    throw new Error(`expected an AnalyticsError, got ${String(error)}`);
  return error;
}

const tricky = `O'Brien \\' "quoted"\ttab\nnewline; DROP TABLE x; -- ü€`;
const instant = new Date('2024-03-05T07:08:09.123Z');
const bigId = 2n ** 60n + 1n;

const baseMigrations: AnalyticsMigration[] = [
  {
    version: 1,
    name: 'create facts',
    statements: ['CREATE TABLE IF NOT EXISTS mig_facts (id UInt32) ENGINE = MergeTree ORDER BY id'],
  },
  {
    version: 2,
    name: 'add minutes',
    statements: [
      'ALTER TABLE mig_facts ADD COLUMN IF NOT EXISTS minutes Int32',
      'CREATE TABLE IF NOT EXISTS mig_days (day Date) ENGINE = MergeTree ORDER BY day',
    ],
  },
];

/**
 * The behaviour every AnalyticsStore must show, run against each adapter. `open` gives a store on
 * an empty database; the suite closes it.
 */
export function describeAnalyticsStoreContract(
  label: string,
  open: () => Promise<AnalyticsStore>,
): void {
  describe(`AnalyticsStore contract: ${label}`, () => {
    let store: AnalyticsStore;

    beforeAll(async () => {
      store = await open();
      await store.command(
        `CREATE TABLE events (
           id UInt64, account String, day Date, at DateTime64(3, 'UTC'), minutes Int32,
           rate Float64, tags Array(String), billable Bool, note Nullable(String)
         ) ENGINE = MergeTree ORDER BY id`,
      );
      await store.insert('events', [
        {
          id: bigId,
          account: tricky,
          day: '2024-03-05',
          at: instant,
          minutes: 90,
          rate: 12.5,
          tags: ["a'b", 'c\\d'],
          billable: true,
          note: null,
        },
        {
          id: 2,
          account: 'other',
          day: '2024-03-06',
          at: '2024-03-06 00:00:00.000',
          minutes: 15,
          rate: 0.1,
          tags: [],
          billable: false,
          note: 'n',
        },
      ]);
    });

    afterAll(async () => {
      await store.close();
    });

    it('answers ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('round-trips bound values of every supported kind exactly', async () => {
      const [row] = await store.query(
        `SELECT {s:String} AS s, {n:Nullable(String)} AS n, {big:UInt64} AS big, {f:Float64} AS f,
                {i:Int32} AS i, {a:Array(String)} AS a, {t:DateTime64(3, 'UTC')} AS t, {d:Date} AS d,
                {b:Bool} AS b`,
        {
          s: tricky,
          n: null,
          big: 2n ** 64n - 1n,
          f: -0.25,
          i: -7,
          a: [tricky, ''],
          t: instant,
          d: '2024-02-29',
          b: true,
        },
      );
      expect(row).toEqual({
        s: tricky,
        n: null,
        big: '18446744073709551615',
        f: -0.25,
        i: -7,
        a: [tricky, ''],
        t: '2024-03-05 07:08:09.123',
        d: '2024-02-29',
        b: true,
      });
    });

    it('filters inserted rows with bound strings, dates, numbers and arrays', async () => {
      const rows = await store.query<{
        id: string;
        minutes: number;
        tags: string[];
        note: string | null;
      }>(
        `SELECT id, minutes, tags, note FROM events
         WHERE account = {account:String} AND day = {day:Date} AND at >= {from:DateTime64(3)}
           AND minutes > {min:Int32} AND hasAny(tags, {tags:Array(String)}) AND billable = {billable:Bool}
         ORDER BY id`,
        {
          account: tricky,
          day: '2024-03-05',
          from: instant,
          min: 60,
          tags: ["a'b"],
          billable: true,
        },
      );
      expect(rows).toEqual([
        { id: bigId.toString(), minutes: 90, tags: ["a'b", 'c\\d'], note: null },
      ]);
    });

    it('treats a bound value as data, never as SQL', async () => {
      const rows = await store.query(
        'SELECT count() AS n FROM events WHERE account = {account:String}',
        {
          account: "x' OR 1 = 1 --",
        },
      );
      expect(rows).toEqual([{ n: '0' }]);
    });

    it('surfaces engine errors as AnalyticsError with the ClickHouse code', async () => {
      const unknownTable = await analyticsFailure(store.query('SELECT * FROM no_such_table'));
      expect(unknownTable).toMatchObject({ kind: 'clickhouse', code: 60, type: 'UNKNOWN_TABLE' });

      const syntax = await analyticsFailure(store.command('CREATE TABLE ('));
      expect(syntax).toMatchObject({ kind: 'clickhouse', code: 62, type: 'SYNTAX_ERROR' });

      const badRow = await analyticsFailure(store.insert('events', [{ id: 'not a number' }]));
      expect(badRow.kind).toBe('clickhouse');
      expect(badRow.code).toBeGreaterThan(0);
    });

    it('refuses unbindable input before it reaches the engine', async () => {
      expect(
        await analyticsFailure(store.query('SELECT {n:UInt64}', { n: 2 ** 60 })),
      ).toMatchObject({
        kind: 'invalid-input',
        code: undefined,
      });
      expect(
        (await analyticsFailure(store.insert('events; DROP TABLE events', [{ id: 1 }]))).kind,
      ).toBe('invalid-input');
    });

    it('applies migrations in order, once, and records them', async () => {
      await store.command('DROP TABLE IF EXISTS schema_migrations');
      expect(await migrateAnalytics(store, [...baseMigrations].reverse())).toEqual({
        applied: [1, 2],
      });
      expect(await migrateAnalytics(store, baseMigrations)).toEqual({ applied: [] });

      const third: AnalyticsMigration = {
        version: 3,
        name: 'seed',
        statements: ['INSERT INTO mig_facts (id, minutes) VALUES (1, 30)'],
      };
      expect(await migrateAnalytics(store, [...baseMigrations, third])).toEqual({ applied: [3] });
      expect(await migrateAnalytics(store, [...baseMigrations, third])).toEqual({ applied: [] });
      expect(await store.query('SELECT id, minutes FROM mig_facts')).toEqual([
        { id: 1, minutes: 30 },
      ]);
      expect(
        await store.query('SELECT version, name FROM schema_migrations ORDER BY version'),
      ).toEqual([
        { version: 1, name: 'create facts' },
        { version: 2, name: 'add minutes' },
        { version: 3, name: 'seed' },
      ]);
    });

    it('refuses edited, out-of-order and malformed migrations and does not record failed ones', async () => {
      await store.command('DROP TABLE IF EXISTS schema_migrations');
      await migrateAnalytics(store, [baseMigrations[1] as AnalyticsMigration]);

      const renamed = { ...(baseMigrations[1] as AnalyticsMigration), name: 'renamed' };
      expect((await analyticsFailure(migrateAnalytics(store, [renamed]))).kind).toBe(
        'invalid-input',
      );
      expect((await analyticsFailure(migrateAnalytics(store, baseMigrations))).kind).toBe(
        'invalid-input',
      );
      const duplicate = [
        baseMigrations[1] as AnalyticsMigration,
        baseMigrations[1] as AnalyticsMigration,
      ];
      expect((await analyticsFailure(migrateAnalytics(store, duplicate))).kind).toBe(
        'invalid-input',
      );

      const broken: AnalyticsMigration = {
        version: 5,
        name: 'broken',
        statements: ['SELECT 1', 'ALTER TABLE nope'],
      };
      const failure = await analyticsFailure(migrateAnalytics(store, [broken]));
      expect(failure.kind).toBe('clickhouse');
      expect(failure.message).toContain('migration 5 (broken), statement 2');
      expect(await store.query('SELECT version FROM schema_migrations ORDER BY version')).toEqual([
        { version: 2 },
      ]);
    });
  });
}

/** After close, every operation fails with kind `closed`. */
export async function expectClosed(store: AnalyticsStore): Promise<void> {
  await store.close();
  expect((await analyticsFailure(store.query('SELECT 1'))).kind).toBe('closed');
  expect((await analyticsFailure(store.insert('t', [{ a: 1 }]))).kind).toBe('closed');
  await expect(store.close()).resolves.toBeUndefined();
}
