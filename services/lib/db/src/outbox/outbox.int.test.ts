import {
  context,
  propagation,
  ROOT_CONTEXT,
  trace,
  TraceFlags,
  type Context,
  type ContextManager,
  type TextMapPropagator,
} from '@opentelemetry/api';
import { AsyncLocalStorage } from 'node:async_hooks';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  startPostgresFixture,
  waitFor,
  type PostgresFixture,
} from '../../test/postgres-fixture.js';
import { createOrm, migrateUp, type Orm } from '../orm.js';
import { enqueueOutboxMessage } from './enqueue-outbox-message.js';
import { OutboxMessage } from './outbox-message.js';
import { outboxMigration } from './outbox-migration.js';
import { OutboxRelay, type OutboxPublisher } from './outbox-relay.js';

const DATABASE = 'outbox_suite';
const SCHEMA = 'sales';

interface Published {
  subject: string;
  data: string;
  msgId: string;
  headers: Record<string, string>;
}

/** Records what reaches the bus; `failures` makes the next N publishes throw. */
class RecordingPublisher implements OutboxPublisher {
  readonly published: Published[] = [];
  failures = 0;
  attempts = 0;

  constructor(private readonly sink: Published[] = []) {}

  async publish(
    subject: string,
    data: Uint8Array,
    options: { msgId: string; headers: Record<string, string> },
  ) {
    this.attempts += 1;
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('bus unavailable');
    }
    const message = {
      subject,
      data: Buffer.from(data).toString(),
      msgId: options.msgId,
      headers: options.headers,
    };
    this.published.push(message);
    this.sink.push(message);
  }
}

/** Minimal W3C-style propagator, standing in for the SDK's, to see the trace context captured. */
const traceparentPropagator: TextMapPropagator = {
  inject(ctx, carrier, setter) {
    const span = trace.getSpanContext(ctx);
    if (span) setter.set(carrier, 'traceparent', `00-${span.traceId}-${span.spanId}-01`);
  },
  extract: (ctx) => ctx,
  fields: () => ['traceparent'],
};

/** AsyncLocalStorage context manager, standing in for the SDK's, so `context.with` takes effect. */
class TestContextManager implements ContextManager {
  private readonly storage = new AsyncLocalStorage<Context>();
  active(): Context {
    return this.storage.getStore() ?? ROOT_CONTEXT;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    ctx: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    return this.storage.run(ctx, () => fn.apply(thisArg, args));
  }
  bind<T>(_ctx: Context, target: T): T {
    return target;
  }
  enable(): this {
    return this;
  }
  disable(): this {
    this.storage.disable();
    return this;
  }
}

describe('transactional outbox', () => {
  let pg: PostgresFixture;
  let orm: Orm;
  const relays: OutboxRelay[] = [];
  const extraOrms: Orm[] = [];

  const connect = (): Promise<Orm> =>
    createOrm({
      clientUrl: pg.server.url(DATABASE),
      schema: SCHEMA,
      entities: [OutboxMessage],
      migrations: [outboxMigration],
      logger: pg.logger,
      poolSize: 4,
    });

  const relay = (
    publisher: OutboxPublisher,
    overrides: Partial<ConstructorParameters<typeof OutboxRelay>[0]> = {},
  ) => {
    const created = new OutboxRelay({
      orm,
      publisher,
      logger: pg.logger,
      pollIntervalMs: 50,
      maxBackoffMs: 200,
      ...overrides,
    });
    relays.push(created);
    return created;
  };

  const enqueue = async (...payloads: string[]): Promise<string[]> =>
    orm.em.fork().transactional(async (em) =>
      payloads.map(
        (payload) =>
          enqueueOutboxMessage(em, {
            subject: `crm.sales.v1.test.${payload}`,
            payload: Buffer.from(payload),
          }).id,
      ),
    );

  const rows = () => orm.em.fork().find(OutboxMessage, {}, { orderBy: { id: 'asc' } });

  beforeAll(async () => {
    propagation.setGlobalPropagator(traceparentPropagator);
    context.setGlobalContextManager(new TestContextManager());
    pg = await startPostgresFixture();
    await pg.server.createDatabase(DATABASE);
    orm = await connect();
    await migrateUp(orm);
  });

  beforeEach(async () => {
    await orm.em.getConnection().execute(`truncate ${SCHEMA}.outbox_message`);
  });

  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
  });

  afterAll(async () => {
    propagation.disable();
    context.disable();
    await Promise.all(extraOrms.map((o) => o.close(true)));
    await orm?.close(true);
    await pg?.cleanup();
  });

  it('commits the event with the change and rolls it back with it', async () => {
    const failed = orm.em.fork().transactional(async (em) => {
      enqueueOutboxMessage(em, {
        subject: 'crm.sales.v1.deal.created',
        payload: Buffer.from('lost'),
      });
      await em.flush();
      throw new Error('business rule violated');
    });
    await expect(failed).rejects.toThrow('business rule violated');
    expect(await rows()).toHaveLength(0);

    const spanContext = {
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      traceFlags: TraceFlags.SAMPLED,
    };
    const traced = trace.setSpanContext(ROOT_CONTEXT, spanContext);
    await context.with(traced, () =>
      orm.em.fork().transactional(async (em) => {
        enqueueOutboxMessage(em, {
          subject: 'crm.sales.v1.deal.created',
          payload: new Uint8Array([0, 1, 2, 255]),
          headers: { 'content-type': 'application/protobuf' },
        });
      }),
    );
    const [row] = await rows();
    expect(row?.subject).toBe('crm.sales.v1.deal.created');
    expect([...(row?.payload ?? [])]).toEqual([0, 1, 2, 255]);
    expect(row?.headers).toEqual({
      'content-type': 'application/protobuf',
      traceparent: `00-${spanContext.traceId}-${spanContext.spanId}-01`,
    });
    expect(row?.publishedAt).toBeNull();
    expect(row?.attempts).toBe(0);
  });

  it('publishes in enqueue order with msgId = row id and marks rows published', async () => {
    const ids = [
      ...(await enqueue('a', 'b', 'c')),
      ...(await enqueue('d')),
      ...(await enqueue('e', 'f')),
    ];
    const publisher = new RecordingPublisher();
    const result = await relay(publisher, { batchSize: 4 }).flushOnce();
    expect(result).toEqual({ published: 4, failed: false, skipped: false });
    expect(await relays[0]?.flushOnce()).toEqual({ published: 2, failed: false, skipped: false });

    expect(publisher.published.map((m) => m.msgId)).toEqual(ids);
    expect(publisher.published.map((m) => m.data)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(publisher.published[0]?.subject).toBe('crm.sales.v1.test.a');
    expect((await rows()).every((row) => row.publishedAt instanceof Date)).toBe(true);
    expect(await relays[0]?.flushOnce()).toEqual({ published: 0, failed: false, skipped: false });
  });

  it('keeps retrying while the bus fails, then delivers everything exactly once and in order', async () => {
    const ids = await enqueue('1', '2', '3', '4', '5');
    const publisher = new RecordingPublisher();
    publisher.failures = 4;
    relay(publisher).start();

    await waitFor(() => publisher.published.length === ids.length);
    expect(publisher.attempts).toBe(ids.length + 4);
    expect(publisher.published.map((m) => m.msgId)).toEqual(ids);

    const [first] = await rows();
    expect(first?.attempts).toBe(4);
    expect(first?.lastError).toBe('Error: bus unavailable');
    expect((await rows()).every((row) => row.publishedAt !== null)).toBe(true);
  });

  it('never publishes a row twice with two relays on the same table', async () => {
    const second = await connect();
    extraOrms.push(second);
    const sink: Published[] = [];
    const a = new RecordingPublisher(sink);
    const b = new RecordingPublisher(sink);
    relay(a, { batchSize: 7 }).start();
    const other = new OutboxRelay({
      orm: second,
      publisher: b,
      logger: pg.logger,
      pollIntervalMs: 50,
      batchSize: 7,
    });
    relays.push(other);
    other.start();

    const ids: string[] = [];
    for (let batch = 0; batch < 20; batch += 1) {
      ids.push(...(await enqueue(...Array.from({ length: 10 }, (_, i) => `${batch}-${i}`))));
    }
    // Both relays also race on explicit passes, not just on their loops.
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? relays[0] : other)?.flushOnce()),
    );

    await waitFor(() => sink.length >= ids.length);
    expect(sink).toHaveLength(ids.length);
    expect(sink.map((m) => m.msgId)).toEqual(ids);
    expect(a.published.length + b.published.length).toBe(ids.length);
  });

  it('wakes on NOTIFY when a transaction commits, without waiting for the poll', async () => {
    const publisher = new RecordingPublisher();
    relay(publisher, { pollIntervalMs: 60_000 }).start();
    const listening = async () => {
      const [row] = await orm.em
        .getConnection()
        .execute<{ count: string }[]>(
          `select count(*) from pg_stat_activity where query = 'listen "crm_outbox_${SCHEMA}"'`,
        );
      return Number(row?.count) === 1;
    };
    await waitFor(listening);

    const [first] = await enqueue('first');
    await waitFor(() => publisher.published.some((m) => m.msgId === first), 5_000);
    const [second] = await enqueue('second');
    await waitFor(() => publisher.published.some((m) => m.msgId === second), 5_000);
    expect(publisher.published.map((m) => m.data)).toEqual(['first', 'second']);
  });

  it('wakes on notify() from the service', async () => {
    const publisher = new RecordingPublisher();
    const started = relay(publisher, { pollIntervalMs: 60_000, listen: false });
    started.start();
    const [id] = await enqueue('poked');
    started.notify();
    await waitFor(() => publisher.published.some((m) => m.msgId === id), 5_000);
  });

  it('stops gracefully and leaves pending rows for the next relay', async () => {
    const publisher = new RecordingPublisher();
    const stopped = relay(publisher);
    stopped.start();
    await stopped.stop();
    await enqueue('later');
    expect(publisher.published).toHaveLength(0);
    expect((await rows())[0]?.publishedAt).toBeNull();
  });

  it('purges published rows past the retention period only', async () => {
    await enqueue('old', 'recent', 'pending');
    const [old, recent] = await rows();
    const em = orm.em.fork();
    await em.nativeUpdate(
      OutboxMessage,
      { id: old?.id },
      { publishedAt: new Date(Date.now() - 10 * 86_400_000) },
    );
    await em.nativeUpdate(OutboxMessage, { id: recent?.id }, { publishedAt: new Date() });

    const purger = relay(new RecordingPublisher(), { retentionMs: 86_400_000 });
    expect(await purger.purgePublished()).toBe(1);
    expect((await rows()).map((row) => Buffer.from(row.payload).toString())).toEqual([
      'recent',
      'pending',
    ]);
  });
});
