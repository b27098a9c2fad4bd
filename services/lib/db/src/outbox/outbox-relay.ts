import { LockMode } from '@mikro-orm/core';
import type { Logger } from '@crm/logging';
import type { Orm } from '../orm.js';
import { DbError } from '../errors.js';
import { quoteIdentifier } from '../identifier.js';
import { OutboxMessage } from './outbox-message.js';
import { OUTBOX_CHANNEL_PREFIX } from './outbox-migration.js';

/** What the relay needs from the bus: a JetStream-style publish with a deduplication id. */
export interface OutboxPublisher {
  publish(
    subject: string,
    data: Uint8Array,
    options: { msgId: string; headers: Record<string, string> },
  ): Promise<unknown>;
}

export interface OutboxRelayOptions {
  orm: Orm;
  publisher: OutboxPublisher;
  logger: Logger;
  /** Safety-net polling interval, and the first retry delay after a failure (default 1000 ms). */
  pollIntervalMs?: number;
  /** Rows per transaction (default 100). */
  batchSize?: number;
  /** Cap of the exponential retry delay (default 30 s). */
  maxBackoffMs?: number;
  /** Published rows older than this are deleted (default 7 days). */
  retentionMs?: number;
  /** How often the retention purge runs (default 1 min). */
  purgeIntervalMs?: number;
  /** Wake on PostgreSQL NOTIFY from the outbox trigger (default true). */
  listen?: boolean;
}

export interface FlushResult {
  /** Rows published and marked in this pass. */
  published: number;
  /** A publish failed; that row and everything after it stay pending. */
  failed: boolean;
  /** Another relay held the outbox, so this one did nothing. */
  skipped: boolean;
}

/**
 * The structural slice of `pg`'s pool and client the relay uses for LISTEN. MikroORM exposes its
 * `pg` pool but `pg` ships no type declarations, so the shape is spelled out here.
 */
interface NotificationClient {
  query(sql: string): Promise<unknown>;
  on(event: 'notification', listener: (message: { channel: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  removeAllListeners(event?: string): unknown;
  release(error?: Error): void;
}
interface NotificationPool {
  connect(): Promise<NotificationClient>;
}

const MAX_ERROR_LENGTH = 2000;

/**
 * Publishes outbox rows in id order, exactly as they were enqueued, and marks them published.
 *
 * Each pass is one transaction that first takes a transaction-scoped advisory lock per schema — so
 * of several replicas only one publishes at a time, which keeps the order — then claims the oldest
 * pending rows `FOR UPDATE SKIP LOCKED`, so no row is ever in two relays' hands. A failed publish
 * stops the pass at that row (recording the attempt), and the relay retries with capped
 * exponential backoff. If the commit that marks rows fails after they were published, they are
 * published again; the bus drops the repeats by `Nats-Msg-Id` (the row id).
 */
export class OutboxRelay {
  private readonly orm: Orm;
  private readonly publisher: OutboxPublisher;
  private readonly logger: Logger;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly maxBackoffMs: number;
  private readonly retentionMs: number;
  private readonly purgeIntervalMs: number;
  private readonly listen: boolean;
  private readonly schema: string;
  private readonly lockKey: string;

  private running = false;
  private loop: Promise<void> | undefined;
  private failures = 0;
  private lastPurge = 0;
  private wakeRequested = false;
  private wake: (() => void) | undefined;
  private listener: NotificationClient | undefined;
  private listenRetry: NodeJS.Timeout | undefined;

  constructor(options: OutboxRelayOptions) {
    this.orm = options.orm;
    this.publisher = options.publisher;
    this.logger = options.logger.child({ component: 'outbox-relay' });
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.batchSize = options.batchSize ?? 100;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.retentionMs = options.retentionMs ?? 7 * 24 * 60 * 60 * 1000;
    this.purgeIntervalMs = options.purgeIntervalMs ?? 60_000;
    this.listen = options.listen ?? true;
    const schema = this.orm.config.get('schema');
    if (!schema) throw new DbError('OutboxRelay needs an ORM bound to a schema (createOrm)');
    this.schema = schema;
    this.lockKey = `${OUTBOX_CHANNEL_PREFIX}${schema}`;
  }

  /** Starts the background loop (and the LISTEN connection). Idempotent. */
  start(): void {
    if (this.running) return;
    this.running = true;
    if (this.listen) void this.startListening();
    this.loop = this.run();
  }

  /** Finishes the pass in progress, then stops polling and listening. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    clearTimeout(this.listenRetry);
    this.wake?.();
    await this.loop;
    await this.stopListening();
  }

  /** Wakes the loop now, e.g. right after a flush that enqueued messages. No-op while backing off. */
  notify(): void {
    this.wakeRequested = true;
    if (this.failures === 0) this.wake?.();
  }

  /** One publishing pass over up to `batchSize` pending rows. */
  async flushOnce(): Promise<FlushResult> {
    const em = this.orm.em.fork();
    return em.transactional(async (tx) => {
      const [lock] = await tx.execute<{ locked: boolean }[]>(
        'select pg_try_advisory_xact_lock(hashtext(?)) as locked',
        [this.lockKey],
      );
      if (!lock?.locked) return { published: 0, failed: false, skipped: true };

      const rows = await tx.find(
        OutboxMessage,
        { publishedAt: null },
        {
          orderBy: { id: 'asc' },
          limit: this.batchSize,
          lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE,
        },
      );
      let published = 0;
      for (const row of rows) {
        try {
          await this.publisher.publish(row.subject, row.payload, {
            msgId: row.id,
            headers: row.headers,
          });
        } catch (error) {
          row.attempts += 1;
          row.lastError = describe(error).slice(0, MAX_ERROR_LENGTH);
          this.logger.warn(
            { err: error, messageId: row.id, subject: row.subject, attempts: row.attempts },
            'publishing an outbox message failed; will retry',
          );
          return { published, failed: true, skipped: false };
        }
        row.publishedAt = new Date();
        published += 1;
      }
      return { published, failed: false, skipped: false };
    });
  }

  /** Deletes rows published before `now - retention`; returns how many. */
  async purgePublished(now: Date = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.retentionMs);
    return this.orm.em.fork().nativeDelete(OutboxMessage, { publishedAt: { $lt: cutoff } });
  }

  private async run(): Promise<void> {
    while (this.running) {
      let delay = this.pollIntervalMs;
      this.wakeRequested = false;
      try {
        const result = await this.flushOnce();
        if (result.failed) {
          this.failures += 1;
          delay = this.backoff();
        } else {
          this.failures = 0;
          if (result.published === this.batchSize) delay = 0;
        }
        await this.purgeWhenDue();
      } catch (error) {
        this.failures += 1;
        delay = this.backoff();
        this.logger.error({ err: error }, 'outbox relay pass failed');
      }
      if (delay > 0) await this.sleep(delay);
    }
  }

  private backoff(): number {
    return Math.min(this.pollIntervalMs * 2 ** (this.failures - 1), this.maxBackoffMs);
  }

  private sleep(ms: number): Promise<void> {
    // A wake-up that arrived during the pass means rows committed meanwhile: go again at once.
    if (!this.running || (this.wakeRequested && this.failures === 0)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  private async purgeWhenDue(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPurge < this.purgeIntervalMs) return;
    this.lastPurge = now;
    const deleted = await this.purgePublished(new Date(now));
    if (deleted > 0) this.logger.debug({ deleted }, 'purged published outbox messages');
  }

  private async startListening(): Promise<void> {
    const channel = quoteIdentifier(`${OUTBOX_CHANNEL_PREFIX}${this.schema}`);
    let client: NotificationClient | undefined;
    try {
      const pool: NotificationPool = await this.orm.em.getConnection().getNativeClient();
      client = await pool.connect();
      client.on('notification', (message) => {
        if (message.channel === `${OUTBOX_CHANNEL_PREFIX}${this.schema}`) this.notify();
      });
      client.on('error', (error) => this.onListenerLost(error));
      client.on('end', () => this.onListenerLost(new Error('LISTEN connection ended')));
      await client.query(`listen ${channel}`);
      if (!this.running) {
        this.listener = client;
        await this.stopListening();
        return;
      }
      this.listener = client;
      // Rows may have committed while we were not yet listening.
      this.notify();
    } catch (error) {
      client?.removeAllListeners();
      client?.release(error instanceof Error ? error : new Error(String(error)));
      this.onListenerLost(error);
    }
  }

  private onListenerLost(error: unknown): void {
    if (this.listener) {
      this.listener.removeAllListeners();
      this.listener.release(error instanceof Error ? error : new Error(String(error)));
      this.listener = undefined;
    }
    if (!this.running) return;
    this.logger.warn({ err: error }, 'outbox LISTEN connection lost; polling until it is back');
    clearTimeout(this.listenRetry);
    this.listenRetry = setTimeout(
      () => void this.startListening(),
      Math.max(this.pollIntervalMs, 1000),
    );
  }

  private async stopListening(): Promise<void> {
    const client = this.listener;
    if (!client) return;
    this.listener = undefined;
    client.removeAllListeners();
    try {
      await client.query('unlisten *');
      client.release();
    } catch (error) {
      client.release(error instanceof Error ? error : new Error(String(error)));
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
