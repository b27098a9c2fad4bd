import { ROOT_CONTEXT, trace, type Context } from '@opentelemetry/api';
import type { Logger } from '@crm/logging';
import { errorMessage } from './errors.js';
import { inSpan, SpanKind } from './tracing.js';
import type {
  BatchHandler,
  ConsumeOptions,
  ConsumerHandle,
  ConsumerSpec,
  Headers,
  InboundMessage,
} from './types.js';

export const CONSUMER_DEFAULTS = {
  maxDeliver: 5,
  ackWaitMs: 30_000,
  backoffMs: 1_000,
  maxBackoffMs: 60_000,
  batchSize: 1,
} as const;

export type ResolvedConsumerSpec = Required<Omit<ConsumerSpec, 'filterSubjects'>> & {
  filterSubjects: readonly string[];
};

export function resolveConsumerSpec(spec: ConsumerSpec): ResolvedConsumerSpec {
  return {
    stream: spec.stream,
    durable: spec.durable,
    filterSubjects: spec.filterSubjects ?? [],
    maxDeliver: Math.max(1, spec.maxDeliver ?? CONSUMER_DEFAULTS.maxDeliver),
    ackWaitMs: spec.ackWaitMs ?? CONSUMER_DEFAULTS.ackWaitMs,
    backoffMs: spec.backoffMs ?? CONSUMER_DEFAULTS.backoffMs,
    maxBackoffMs: spec.maxBackoffMs ?? CONSUMER_DEFAULTS.maxBackoffMs,
    batchSize: Math.max(1, spec.batchSize ?? CONSUMER_DEFAULTS.batchSize),
  };
}

/** Exponential: `backoffMs`, then twice that per further delivery, capped at `maxBackoffMs`. */
export function retryDelayMs(
  spec: Pick<ResolvedConsumerSpec, 'backoffMs' | 'maxBackoffMs'>,
  deliveryCount: number,
): number {
  const exponent = Math.min(Math.max(deliveryCount - 1, 0), 30);
  return Math.min(spec.backoffMs * 2 ** exponent, spec.maxBackoffMs);
}

export interface MessageSettler {
  ack(): Promise<void>;
  nak(delayMs: number | undefined): Promise<void>;
  term(reason: string): Promise<void>;
}

export interface InboundFields {
  subject: string;
  data: Uint8Array;
  headers: Headers;
  seq: number;
  deliveryCount: number;
  context: Context;
}

/** Wraps an adapter's settle operations so each message settles at most once. */
export function createInboundMessage(
  fields: InboundFields,
  settler: MessageSettler,
): InboundMessage {
  let settled = false;
  const once = async (operation: () => Promise<void>): Promise<void> => {
    if (settled) return;
    settled = true;
    await operation();
  };
  const msgId = fields.headers['Nats-Msg-Id'];
  return {
    ...fields,
    ...(msgId === undefined ? {} : { msgId }),
    get settled() {
      return settled;
    },
    ack: () => once(() => settler.ack()),
    nak: (delayMs?: number) => once(() => settler.nak(delayMs)),
    term: (reason: string) => once(() => settler.term(reason)),
  };
}

/** A live subscription to a durable consumer; the loop opens a new one after any failure. */
export interface ConsumerSession {
  /**
   * Up to `max` messages; waits until some arrive or `signal` aborts (then `[]`). Rejects when the
   * session broke, resolves `null` when it ended without an error.
   */
  nextBatch(max: number, signal: AbortSignal): Promise<InboundMessage[] | null>;
  /** Ends the session and hands prefetched, undelivered messages back to the broker. */
  close(): Promise<void>;
}

export interface ConsumerLoopOptions {
  spec: ResolvedConsumerSpec;
  handler: BatchHandler;
  options: ConsumeOptions;
  logger: Logger;
  openSession(signal: AbortSignal): Promise<ConsumerSession>;
  onExit(): void;
}

const RESTART_DELAYS_MS = [100, 250, 500, 1_000, 2_000, 5_000];

/**
 * Runs a durable consumer until stopped: fetch a batch, hand it over, settle it, and reopen the
 * session with backoff after any error so the loop never dies silently.
 */
export function startConsumerLoop(loop: ConsumerLoopOptions): ConsumerHandle {
  const { spec, logger } = loop;
  const log = logger.child({ stream: spec.stream, durable: spec.durable });
  const abort = new AbortController();
  const run = async (): Promise<void> => {
    let failures = 0;
    while (!abort.signal.aborted) {
      let session: ConsumerSession | undefined;
      try {
        session = await loop.openSession(abort.signal);
        for (;;) {
          const batch = await session.nextBatch(spec.batchSize, abort.signal);
          if (batch === null) {
            log.warn('consumer session ended; reopening');
            break;
          }
          if (batch.length === 0) {
            if (abort.signal.aborted) break;
            continue;
          }
          failures = 0;
          await dispatchBatch(batch, loop.handler, spec, loop.options, log);
        }
      } catch (error) {
        if (!abort.signal.aborted) {
          log.error({ err: error, attempt: failures + 1 }, 'consumer failed; restarting');
        }
      } finally {
        await session
          ?.close()
          .catch((error: unknown) => log.warn({ err: error }, 'closing consumer session failed'));
      }
      if (abort.signal.aborted) break;
      const delay = RESTART_DELAYS_MS[Math.min(failures, RESTART_DELAYS_MS.length - 1)] ?? 5_000;
      failures++;
      await sleep(delay, abort.signal);
    }
  };
  const done = run()
    .catch((error: unknown) => log.error({ err: error }, 'consumer loop crashed'))
    .finally(() => loop.onExit());
  return {
    async stop() {
      abort.abort();
      await done;
    },
  };
}

async function dispatchBatch(
  batch: readonly InboundMessage[],
  handler: BatchHandler,
  spec: ResolvedConsumerSpec,
  options: ConsumeOptions,
  log: Logger,
): Promise<void> {
  // A message redelivered past the limit (e.g. its handler kept timing out) never reaches the handler again.
  const exhausted = batch.filter((message) => message.deliveryCount > spec.maxDeliver);
  for (const message of exhausted) {
    await deadLetter(
      message,
      `delivered ${message.deliveryCount} times (maxDeliver ${spec.maxDeliver})`,
      spec,
      options,
      log,
    );
  }
  const live = batch.filter((message) => message.deliveryCount <= spec.maxDeliver);
  if (live.length === 0) return;
  const single = live.length === 1 ? live[0] : undefined;
  const attributes = {
    'messaging.system': 'nats',
    'messaging.consumer.group.name': spec.durable,
    'messaging.batch.message_count': live.length,
  };
  try {
    await inSpan(
      `process ${single?.subject ?? spec.stream}`,
      SpanKind.CONSUMER,
      attributes,
      async () => handler(live),
      // One message continues its publisher's trace; a batch links to each publisher instead.
      single
        ? { parent: single.context }
        : { parent: ROOT_CONTEXT, links: live.flatMap((m) => linkOf(m.context)) },
    );
  } catch (error) {
    const reason = errorMessage(error);
    for (const message of live) {
      if (message.settled) continue;
      if (message.deliveryCount >= spec.maxDeliver) {
        await deadLetter(message, reason, spec, options, log);
      } else {
        const delay = retryDelayMs(spec, message.deliveryCount);
        log.warn(
          {
            subject: message.subject,
            seq: message.seq,
            deliveryCount: message.deliveryCount,
            retryInMs: delay,
            reason,
          },
          'handler failed; message will be redelivered',
        );
        await settleSafely(() => message.nak(delay), log);
      }
    }
    return;
  }
  await Promise.all(
    live
      .filter((message) => !message.settled)
      .map((message) => settleSafely(() => message.ack(), log)),
  );
}

async function deadLetter(
  message: InboundMessage,
  reason: string,
  spec: ResolvedConsumerSpec,
  options: ConsumeOptions,
  log: Logger,
): Promise<void> {
  log.error(
    { subject: message.subject, seq: message.seq, deliveryCount: message.deliveryCount, reason },
    'message dead-lettered',
  );
  if (options.onDeadLetter) {
    try {
      await options.onDeadLetter(message, reason);
    } catch (error) {
      // The dead letter was not recorded: keep the message so recording is retried, rather than lose it.
      log.error(
        { err: error, seq: message.seq },
        'dead-letter handler failed; message kept for retry',
      );
      await settleSafely(() => message.nak(spec.maxBackoffMs), log);
      return;
    }
  }
  await settleSafely(() => message.term(reason), log);
}

async function settleSafely(operation: () => Promise<void>, log: Logger): Promise<void> {
  try {
    await operation();
  } catch (error) {
    // The broker redelivers after ack wait; the consumer must be idempotent anyway.
    log.warn({ err: error }, 'settling a message failed');
  }
}

function linkOf(ctx: Context) {
  const spanContext = trace.getSpanContext(ctx);
  return spanContext ? [{ context: spanContext }] : [];
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
