import type { Logger } from '@crm/logging';
import {
  createInboundMessage,
  resolveConsumerSpec,
  sleep,
  startConsumerLoop,
  type ConsumerSession,
  type ResolvedConsumerSpec,
} from './consumer-loop.js';
import {
  BusConfigurationError,
  BusNoRespondersError,
  BusRequestError,
  BusTimeoutError,
  BusUnavailableError,
} from './errors.js';
import { replyFailure } from './reply.js';
import { subjectMatches, subjectsOverlap } from './subjects.js';
import {
  extractTraceContext,
  inSpan,
  MSG_ID_HEADER,
  outgoingHeaders,
  publishParent,
  SpanKind,
} from './tracing.js';
import type {
  BatchHandler,
  Bus,
  BusHealth,
  ConsumeOptions,
  ConsumerHandle,
  ConsumerSpec,
  Headers,
  InboundMessage,
  PublishAck,
  PublishOptions,
  ReplyMessage,
  RequestHandler,
  RequestOptions,
  RespondOptions,
  ResponderHandle,
  StreamSpec,
} from './types.js';

const DEFAULT_DUPLICATE_WINDOW_MS = 120_000;
const DEFAULT_MAX_MESSAGES_PER_STREAM = 100_000;

interface StoredMessage {
  seq: number;
  subject: string;
  data: Uint8Array;
  headers: Record<string, string>;
  storedAt: number;
}

class MemoryStream {
  readonly messages = new Map<number, StoredMessage>();
  readonly msgIds = new Map<string, { seq: number; at: number }>();
  readonly consumers = new Map<string, MemoryConsumer>();
  lastSeq = 0;
  private evictionWarned = false;

  constructor(
    readonly name: string,
    public subjects: string[],
    public maxAgeMs: number | null,
    public duplicateWindowMs: number,
    private readonly maxMessages: number,
    private readonly logger: Logger,
  ) {}

  stores(subject: string): boolean {
    return this.subjects.some((pattern) => subjectMatches(pattern, subject));
  }

  /** Sequence of the oldest retained message; `lastSeq + 1` when none is retained. */
  firstSeq(): number {
    for (const seq of this.messages.keys()) return seq;
    return this.lastSeq + 1;
  }

  /** Messages are kept in sequence order (Map insertion order), so every bound drops from the front. */
  prune(now: number): void {
    if (this.maxAgeMs !== null) {
      for (const [seq, message] of this.messages) {
        if (now - message.storedAt <= this.maxAgeMs) break;
        this.messages.delete(seq);
      }
    }
    // Without a durable nobody has said what it needs yet, so everything stays (up to the cap).
    if (this.consumers.size > 0) {
      let floor = Infinity;
      for (const consumer of this.consumers.values()) floor = Math.min(floor, consumer.ackFloor());
      for (const seq of this.messages.keys()) {
        if (seq >= floor) break;
        this.messages.delete(seq);
      }
    }
    for (const [id, entry] of this.msgIds) {
      if (now - entry.at <= this.duplicateWindowMs) break;
      this.msgIds.delete(id);
    }
  }

  store(message: StoredMessage): void {
    this.messages.set(message.seq, message);
    if (this.messages.size <= this.maxMessages) return;
    if (!this.evictionWarned) {
      this.evictionWarned = true;
      this.logger.warn(
        { stream: this.name, maxMessages: this.maxMessages },
        'in-process stream is full; dropping its oldest messages (a durable consumer is stopped or not keeping up)',
      );
    }
    for (const seq of this.messages.keys()) {
      if (this.messages.size <= this.maxMessages) break;
      this.messages.delete(seq);
    }
  }
}

interface Delivery {
  message: StoredMessage;
  deliveryCount: number;
}

/** A durable consumer's position and its delivered-but-unsettled messages, shared by every session. */
class MemoryConsumer {
  private nextSeq = 1;
  private readonly outstanding = new Map<number, { deliveries: number; dueAt: number }>();
  private readonly waiters = new Set<() => void>();

  constructor(
    private readonly stream: MemoryStream,
    public config: ResolvedConsumerSpec,
  ) {}

  take(max: number, now: number): Delivery[] {
    const taken: Delivery[] = [];
    const due = [...this.outstanding.entries()]
      .filter(([, state]) => state.dueAt <= now)
      .sort(([a], [b]) => a - b);
    for (const [seq, state] of due) {
      if (taken.length >= max) break;
      const message = this.stream.messages.get(seq);
      if (!message) {
        this.outstanding.delete(seq);
        continue;
      }
      state.deliveries++;
      state.dueAt = now + this.config.ackWaitMs;
      taken.push({ message, deliveryCount: state.deliveries });
    }
    // Skip what was pruned or evicted before this durable got to it.
    this.nextSeq = Math.max(this.nextSeq, this.stream.firstSeq());
    while (taken.length < max && this.nextSeq <= this.stream.lastSeq) {
      const message = this.stream.messages.get(this.nextSeq++);
      if (!message || !this.matches(message.subject)) continue;
      this.outstanding.set(message.seq, { deliveries: 1, dueAt: now + this.config.ackWaitMs });
      taken.push({ message, deliveryCount: 1 });
    }
    return taken;
  }

  /** Milliseconds until the next redelivery falls due, or null when nothing is outstanding. */
  nextDueIn(now: number): number | null {
    let earliest: number | null = null;
    for (const state of this.outstanding.values()) {
      if (earliest === null || state.dueAt < earliest) earliest = state.dueAt;
    }
    return earliest === null ? null : Math.max(0, earliest - now);
  }

  /** Lowest sequence this durable may still need: an unsettled delivery or the next new message. */
  ackFloor(): number {
    let floor = this.nextSeq;
    for (const seq of this.outstanding.keys()) floor = Math.min(floor, seq);
    return floor;
  }

  settle(seq: number): void {
    this.outstanding.delete(seq);
  }

  redeliverAfter(seq: number, delayMs: number): void {
    const state = this.outstanding.get(seq);
    if (!state) return;
    state.dueAt = Date.now() + delayMs;
    this.notify();
  }

  notify(): void {
    for (const wake of [...this.waiters]) wake();
  }

  /** Resolves on new work, a due redelivery, or abort. */
  wait(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const dueIn = this.nextDueIn(Date.now());
      const timer = dueIn === null ? undefined : setTimeout(wake, dueIn);
      const waiters = this.waiters;
      function wake() {
        clearTimeout(timer);
        waiters.delete(wake);
        signal.removeEventListener('abort', wake);
        resolve();
      }
      if (signal.aborted) return wake();
      waiters.add(wake);
      signal.addEventListener('abort', wake, { once: true });
    });
  }

  private matches(subject: string): boolean {
    const filters = this.config.filterSubjects;
    return filters.length === 0 || filters.some((pattern) => subjectMatches(pattern, subject));
  }
}

interface Responder {
  pattern: string;
  queue: string;
  handler: RequestHandler;
}

export interface InProcessBusOptions {
  logger: Logger;
  /** Most messages a stream retains; the oldest are dropped beyond it (default 100 000). */
  maxMessagesPerStream?: number;
}

/**
 * The bus in memory, for embedded mode without a nats-server: same streams, de-duplication,
 * durable consumers and request/reply semantics as JetStream, nothing survives the process.
 *
 * Memory stays bounded in a long-running process: once a stream has durables, a message every one
 * of them has acknowledged is dropped, so a durable created later starts from what is still
 * retained rather than from the stream's beginning; and each stream keeps at most
 * `maxMessagesPerStream` messages, oldest dropped first (a warning is logged the first time).
 */
export function createInProcessBus(options: InProcessBusOptions): Bus {
  const logger = options.logger.child({ component: 'bus', bus: 'in-process' });
  const maxMessages = Math.max(1, options.maxMessagesPerStream ?? DEFAULT_MAX_MESSAGES_PER_STREAM);
  const streams = new Map<string, MemoryStream>();
  const responders: Responder[] = [];
  const consumers = new Set<ConsumerHandle>();
  const roundRobin = new Map<string, number>();
  let closed = false;

  const ensureOpen = (): void => {
    if (closed) throw new BusUnavailableError('in-process bus is closed');
  };

  const stored = (
    message: StoredMessage,
    deliveryCount: number,
    consumer: MemoryConsumer,
  ): InboundMessage =>
    createInboundMessage(
      {
        subject: message.subject,
        data: message.data.slice(),
        headers: { ...message.headers },
        seq: message.seq,
        deliveryCount,
        context: extractTraceContext(message.headers),
      },
      {
        ack: async () => consumer.settle(message.seq),
        term: async () => consumer.settle(message.seq),
        nak: async (delayMs) => consumer.redeliverAfter(message.seq, delayMs ?? 0),
      },
    );

  const bus: Bus = {
    async ensureStream(spec: StreamSpec) {
      ensureOpen();
      for (const other of streams.values()) {
        if (other.name === spec.name) continue;
        const clash = spec.subjects.find((subject) =>
          other.subjects.some((taken) => subjectsOverlap(subject, taken)),
        );
        if (clash)
          throw new BusConfigurationError(`subject ${clash} overlaps stream ${other.name}`);
      }
      const maxAgeMs = spec.maxAgeSeconds ? spec.maxAgeSeconds * 1000 : null;
      const windowMs = spec.duplicateWindowSeconds
        ? spec.duplicateWindowSeconds * 1000
        : DEFAULT_DUPLICATE_WINDOW_MS;
      const existing = streams.get(spec.name);
      if (!existing) {
        streams.set(
          spec.name,
          new MemoryStream(
            spec.name,
            [...new Set(spec.subjects)],
            maxAgeMs,
            windowMs,
            maxMessages,
            logger,
          ),
        );
        return;
      }
      existing.subjects = [...new Set([...existing.subjects, ...spec.subjects])];
      if (spec.maxAgeSeconds !== undefined) existing.maxAgeMs = maxAgeMs;
      if (spec.duplicateWindowSeconds !== undefined) existing.duplicateWindowMs = windowMs;
    },

    async publish(
      subject: string,
      data: Uint8Array,
      publishOptions: PublishOptions = {},
    ): Promise<PublishAck> {
      return inSpan(
        `send ${subject}`,
        SpanKind.PRODUCER,
        { 'messaging.system': 'nats', 'messaging.destination.name': subject },
        async () => {
          ensureOpen();
          const headers = outgoingHeaders(publishOptions.headers, publishOptions.msgId);
          const stream = [...streams.values()].find((candidate) => candidate.stores(subject));
          if (!stream) throw new BusUnavailableError(`no stream stores subject ${subject}`);
          const now = Date.now();
          stream.prune(now);
          const msgId = headers[MSG_ID_HEADER];
          const seen = msgId === undefined ? undefined : stream.msgIds.get(msgId);
          if (seen) return { stream: stream.name, seq: seen.seq, duplicate: true };
          const seq = ++stream.lastSeq;
          stream.store({ seq, subject, data: data.slice(), headers, storedAt: now });
          if (msgId !== undefined) stream.msgIds.set(msgId, { seq, at: now });
          for (const consumer of stream.consumers.values()) consumer.notify();
          return { stream: stream.name, seq, duplicate: false };
        },
        { parent: publishParent(publishOptions.headers) },
      );
    },

    consume(
      spec: ConsumerSpec,
      handler: BatchHandler,
      consumeOptions: ConsumeOptions = {},
    ): ConsumerHandle {
      ensureOpen();
      const resolved = resolveConsumerSpec(spec);
      const openSession = async (): Promise<ConsumerSession> => {
        const stream = streams.get(resolved.stream);
        if (!stream) throw new BusConfigurationError(`stream ${resolved.stream} not found`);
        let consumer = stream.consumers.get(resolved.durable);
        if (consumer) consumer.config = resolved;
        else {
          consumer = new MemoryConsumer(stream, resolved);
          stream.consumers.set(resolved.durable, consumer);
        }
        const active = consumer;
        return {
          async nextBatch(max, signal) {
            for (;;) {
              if (signal.aborted) return [];
              stream.prune(Date.now());
              const taken = active.take(max, Date.now());
              if (taken.length > 0)
                return taken.map((d) => stored(d.message, d.deliveryCount, active));
              await active.wait(signal);
            }
          },
          async close() {},
        };
      };
      const handle = startConsumerLoop({
        spec: resolved,
        handler,
        options: consumeOptions,
        logger,
        openSession,
        onExit: () => consumers.delete(handle),
      });
      consumers.add(handle);
      return handle;
    },

    async request(subject: string, data: Uint8Array, requestOptions: RequestOptions) {
      return inSpan(
        `send ${subject}`,
        SpanKind.CLIENT,
        { 'messaging.system': 'nats', 'messaging.destination.name': subject },
        async () => {
          ensureOpen();
          const matching = responders.filter((candidate) =>
            subjectMatches(candidate.pattern, subject),
          );
          const first = matching[0];
          if (!first) throw new BusNoRespondersError(subject);
          // Like a NATS queue group: one member of the group answers, in turn.
          const group = matching.filter((candidate) => candidate.queue === first.queue);
          const turn = roundRobin.get(first.queue) ?? 0;
          roundRobin.set(first.queue, turn + 1);
          const responder = group[turn % group.length] ?? first;
          const headers = outgoingHeaders(requestOptions.headers);
          const reply = serve(responder, subject, data.slice(), headers);
          const timeout = new AbortController();
          const timedOut = sleep(requestOptions.timeoutMs, timeout.signal).then((): never => {
            throw new BusTimeoutError(
              `request to ${subject} timed out after ${requestOptions.timeoutMs} ms`,
            );
          });
          try {
            const answer = await Promise.race([reply, timedOut]);
            return { data: answer.data.slice(), headers: { ...answer.headers } };
          } finally {
            timeout.abort();
            timedOut.catch(() => undefined);
          }
        },
      );
    },

    respond(
      subject: string,
      handler: RequestHandler,
      respondOptions: RespondOptions = {},
    ): ResponderHandle {
      ensureOpen();
      const responder: Responder = {
        pattern: subject,
        queue: respondOptions.queue ?? subject,
        handler,
      };
      responders.push(responder);
      return {
        async stop() {
          const index = responders.indexOf(responder);
          if (index >= 0) responders.splice(index, 1);
        },
      };
    },

    health(): BusHealth {
      return { kind: 'in-process', connected: !closed, consumers: consumers.size };
    },

    async close() {
      if (closed) return;
      closed = true;
      responders.length = 0;
      await Promise.all([...consumers].map((consumer) => consumer.stop()));
    },
  };

  async function serve(
    responder: Responder,
    subject: string,
    data: Uint8Array,
    headers: Headers,
  ): Promise<ReplyMessage & { headers: Headers }> {
    // Yield first, as a network hop would, so the requester never runs the handler synchronously.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      const answer = await inSpan(
        `process ${subject}`,
        SpanKind.SERVER,
        { 'messaging.system': 'nats', 'messaging.destination.name': subject },
        async () =>
          responder.handler({ subject, data, headers, context: extractTraceContext(headers) }),
        { parent: extractTraceContext(headers) },
      );
      return { data: answer.data, headers: { ...answer.headers } };
    } catch (error) {
      const failure = replyFailure(error);
      if (!(error instanceof BusRequestError))
        logger.error({ err: error, subject }, 'request handler failed');
      throw new BusRequestError(failure.message, failure.code);
    }
  }

  return bus;
}
