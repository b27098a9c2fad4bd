import {
  AckPolicy,
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
  type ConsumerConfig,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import {
  ClosedConnectionError,
  Empty,
  headers as createHeaders,
  nanos,
  NoRespondersError,
  RequestError,
  TimeoutError,
  type Msg,
  type MsgHdrs,
  type NatsConnection,
} from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import type { Logger } from '@crm/logging';
import {
  createInboundMessage,
  resolveConsumerSpec,
  startConsumerLoop,
  type ConsumerSession,
  type ResolvedConsumerSpec,
} from './consumer-loop.js';
import {
  BusError,
  BusNoRespondersError,
  BusRequestError,
  BusTimeoutError,
  BusUnavailableError,
  errorMessage,
} from './errors.js';
import { replyFailure, SERVICE_ERROR_CODE_HEADER, SERVICE_ERROR_HEADER } from './reply.js';
import {
  extractTraceContext,
  inSpan,
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
  RequestHandler,
  RequestOptions,
  RespondOptions,
  ResponderHandle,
  StreamSpec,
} from './types.js';

export interface NatsBusOptions {
  url: string;
  /** Connection name shown by the server (the service's name). */
  name: string;
  logger: Logger;
  /** Upper bound for a publish to be confirmed, including while disconnected (default 5 000 ms). */
  publishTimeoutMs?: number;
  /** Timeout of the first connection and of JetStream API calls (default 5 000 ms). */
  timeoutMs?: number;
}

/** Long-poll length of a pull request; idle heartbeats come at half of it, which bounds stall detection. */
const PULL_EXPIRES_MS = 10_000;

/** A bus backed by NATS JetStream; reconnects forever, never deletes streams. */
export async function connectNatsBus(options: NatsBusOptions): Promise<Bus> {
  const logger = options.logger.child({ component: 'bus', bus: 'nats' });
  const publishTimeoutMs = options.publishTimeoutMs ?? 5_000;
  const timeoutMs = options.timeoutMs ?? 5_000;
  let nc: NatsConnection;
  try {
    nc = await connect({
      servers: options.url,
      name: options.name,
      timeout: timeoutMs,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
    });
  } catch (error) {
    throw new BusUnavailableError(`cannot connect to NATS: ${errorMessage(error)}`, {
      cause: error,
    });
  }
  const js: JetStreamClient = jetstream(nc, { timeout: timeoutMs });
  const jsm: JetStreamManager = await jetstreamManager(nc, { timeout: timeoutMs, checkAPI: false });
  const consumers = new Set<ConsumerHandle>();
  const responders = new Set<ResponderHandle>();
  let connected = true;
  let closing = false;
  let lastError: string | undefined;
  const ensureOpen = (): void => {
    if (closing) throw new BusUnavailableError('NATS bus is closed');
  };

  void (async () => {
    for await (const status of nc.status()) {
      switch (status.type) {
        case 'disconnect':
          connected = false;
          logger.warn({ server: status.server }, 'NATS disconnected');
          break;
        case 'reconnect':
          connected = true;
          logger.info({ server: status.server }, 'NATS reconnected');
          break;
        case 'error':
          lastError = errorMessage(status.error);
          logger.error({ err: status.error }, 'NATS connection error');
          break;
        default:
          break;
      }
    }
  })().catch((error: unknown) => logger.error({ err: error }, 'NATS status watcher failed'));
  void nc.closed().then(() => {
    connected = false;
  });

  const openSession = async (spec: ResolvedConsumerSpec): Promise<ConsumerSession> => {
    await jsm.consumers.add(spec.stream, consumerConfig(spec));
    const consumer = await js.consumers.get(spec.stream, spec.durable);
    const queue: JsMsg[] = [];
    let wake: (() => void) | undefined;
    let ended: { error: Error | undefined } | undefined;
    const messages: ConsumerMessages = await consumer.consume({
      max_messages: spec.batchSize,
      expires: PULL_EXPIRES_MS,
      // Fail the session when the consumer vanishes so the loop re-creates it.
      abort_on_missing_resource: true,
      callback: (message) => {
        queue.push(message);
        wake?.();
      },
    });
    void messages.closed().then((result) => {
      ended = { error: result instanceof Error ? result : undefined };
      wake?.();
    });
    const toInbound = (message: JsMsg): InboundMessage => {
      const headers = headersRecord(message.headers);
      return createInboundMessage(
        {
          subject: message.subject,
          data: message.data,
          headers,
          seq: message.seq,
          deliveryCount: message.info.deliveryCount,
          context: extractTraceContext(headers),
        },
        {
          // Confirmed ack, so a consumer stopped and resumed never sees an acknowledged message again.
          ack: async () => {
            await message.ackAck({ timeout: timeoutMs });
          },
          nak: async (delayMs) => message.nak(delayMs),
          term: async (reason) => message.term(reason),
        },
      );
    };
    return {
      async nextBatch(max, signal) {
        while (queue.length === 0) {
          if (ended) {
            if (ended.error) throw ended.error;
            return null;
          }
          if (signal.aborted) return [];
          await new Promise<void>((resolve) => {
            const done = () => {
              wake = undefined;
              signal.removeEventListener('abort', done);
              resolve();
            };
            wake = done;
            signal.addEventListener('abort', done, { once: true });
          });
        }
        return queue.splice(0, max).map(toInbound);
      },
      async close() {
        await messages.close();
        // Prefetched messages go straight back instead of waiting out their ack wait.
        for (const message of queue.splice(0)) message.nak();
      },
    };
  };

  const bus: Bus = {
    async ensureStream(spec: StreamSpec) {
      try {
        const info = await jsm.streams.info(spec.name).catch((error: unknown) => {
          if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound)
            return null;
          throw error;
        });
        if (!info) {
          await jsm.streams.add({
            name: spec.name,
            subjects: [...new Set(spec.subjects)],
            retention: RetentionPolicy.Limits,
            storage: StorageType.File,
            ...(spec.maxAgeSeconds ? { max_age: nanos(spec.maxAgeSeconds * 1000) } : {}),
            ...(spec.duplicateWindowSeconds
              ? { duplicate_window: nanos(spec.duplicateWindowSeconds * 1000) }
              : {}),
          });
          logger.info({ stream: spec.name, subjects: spec.subjects }, 'stream created');
          return;
        }
        const current = info.config.subjects ?? [];
        const missing = spec.subjects.filter((subject) => !current.includes(subject));
        const maxAge = spec.maxAgeSeconds ? nanos(spec.maxAgeSeconds * 1000) : undefined;
        const window = spec.duplicateWindowSeconds
          ? nanos(spec.duplicateWindowSeconds * 1000)
          : undefined;
        const changed =
          missing.length > 0 ||
          (maxAge !== undefined && maxAge !== info.config.max_age) ||
          (window !== undefined && window !== info.config.duplicate_window);
        if (!changed) return;
        // Only ever widens: subjects another party added stay.
        await jsm.streams.update(spec.name, {
          ...info.config,
          subjects: [...current, ...missing],
          ...(maxAge === undefined ? {} : { max_age: maxAge }),
          ...(window === undefined ? {} : { duplicate_window: window }),
        });
        logger.info({ stream: spec.name, added: missing }, 'stream updated');
      } catch (error) {
        throw toBusError(error, `ensuring stream ${spec.name}`);
      }
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
          const headers = toMsgHdrs(outgoingHeaders(publishOptions.headers));
          let timer: NodeJS.Timeout | undefined;
          // The client's own timeout covers a buffered publish during reconnect; this also covers a wedged client.
          const deadline = new Promise<never>((_, reject) => {
            timer = setTimeout(
              () =>
                reject(
                  new BusUnavailableError(
                    `publish to ${subject} not confirmed within ${publishTimeoutMs} ms`,
                  ),
                ),
              publishTimeoutMs + 250,
            );
          });
          try {
            const ack = await Promise.race([
              js.publish(subject, data, {
                headers,
                timeout: publishTimeoutMs,
                ...(publishOptions.msgId === undefined ? {} : { msgID: publishOptions.msgId }),
              }),
              deadline,
            ]);
            return { stream: ack.stream, seq: ack.seq, duplicate: ack.duplicate };
          } catch (error) {
            throw toBusError(error, `publishing to ${subject}`);
          } finally {
            clearTimeout(timer);
          }
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
      const handle = startConsumerLoop({
        spec: resolved,
        handler,
        options: consumeOptions,
        logger,
        openSession: () => openSession(resolved),
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
          let reply: Msg;
          try {
            reply = await nc.request(subject, data, {
              timeout: requestOptions.timeoutMs,
              headers: toMsgHdrs(outgoingHeaders(requestOptions.headers)),
            });
          } catch (error) {
            throw toBusError(error, `request to ${subject}`, subject);
          }
          const headers = headersRecord(reply.headers);
          const code = headers[SERVICE_ERROR_CODE_HEADER];
          if (code !== undefined) {
            throw new BusRequestError(
              headers[SERVICE_ERROR_HEADER] ?? 'responder failed',
              Number(code) || 500,
            );
          }
          return { data: reply.data, headers };
        },
      );
    },

    respond(
      subject: string,
      handler: RequestHandler,
      respondOptions: RespondOptions = {},
    ): ResponderHandle {
      ensureOpen();
      const serve = async (msg: Msg): Promise<void> => {
        if (!msg.reply) return;
        const headers = headersRecord(msg.headers);
        const context = extractTraceContext(headers);
        try {
          const answer = await inSpan(
            `process ${msg.subject}`,
            SpanKind.SERVER,
            { 'messaging.system': 'nats', 'messaging.destination.name': msg.subject },
            async () => handler({ subject: msg.subject, data: msg.data, headers, context }),
            { parent: context },
          );
          msg.respond(
            answer.data,
            answer.headers ? { headers: toMsgHdrs(answer.headers) } : undefined,
          );
        } catch (error) {
          const failure = replyFailure(error);
          if (!(error instanceof BusRequestError))
            logger.error({ err: error, subject: msg.subject }, 'request handler failed');
          msg.respond(Empty, {
            headers: toMsgHdrs({
              [SERVICE_ERROR_HEADER]: failure.message,
              [SERVICE_ERROR_CODE_HEADER]: String(failure.code),
            }),
          });
        }
      };
      const subscription = nc.subscribe(subject, {
        queue: respondOptions.queue ?? subject,
        callback: (error, msg) => {
          if (error) {
            logger.error({ err: error, subject }, 'responder subscription failed');
            return;
          }
          void serve(msg).catch((failure: unknown) =>
            logger.error({ err: failure, subject }, 'replying failed'),
          );
        },
      });
      const handle: ResponderHandle = {
        async stop() {
          responders.delete(handle);
          if (!subscription.isClosed()) await subscription.drain().catch(() => undefined);
        },
      };
      responders.add(handle);
      return handle;
    },

    health(): BusHealth {
      return {
        kind: 'nats',
        connected: connected && !closing && !nc.isClosed(),
        consumers: consumers.size,
        ...(lastError === undefined ? {} : { lastError }),
      };
    },

    async close() {
      if (closing) return;
      closing = true;
      await Promise.all([...consumers].map((consumer) => consumer.stop()));
      await Promise.all([...responders].map((responder) => responder.stop()));
      await nc
        .drain()
        .catch((error: unknown) => logger.warn({ err: error }, 'draining NATS connection failed'));
    },
  };
  return bus;
}

function consumerConfig(spec: ResolvedConsumerSpec): Partial<ConsumerConfig> {
  const filters = spec.filterSubjects;
  return {
    durable_name: spec.durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(spec.ackWaitMs),
    // Unlimited here: the loop dead-letters past maxDeliver itself, so nothing vanishes silently.
    max_deliver: -1,
    ...(filters.length === 1 ? { filter_subject: filters[0] } : {}),
    ...(filters.length > 1 ? { filter_subjects: [...filters] } : {}),
  };
}

function headersRecord(headers: MsgHdrs | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  if (!headers) return record;
  for (const [key, values] of headers) {
    const value = values[0];
    if (value !== undefined) record[key] = value;
  }
  return record;
}

function toMsgHdrs(record: Headers): MsgHdrs {
  const headers = createHeaders();
  for (const [key, value] of Object.entries(record)) headers.set(key, value);
  return headers;
}

function toBusError(error: unknown, action: string, subject?: string): BusError {
  if (error instanceof BusError) return error;
  if (subject !== undefined) {
    if (
      error instanceof NoRespondersError ||
      (error instanceof RequestError && error.isNoResponders())
    ) {
      return new BusNoRespondersError(subject, { cause: error });
    }
    if (error instanceof TimeoutError)
      return new BusTimeoutError(`${action} timed out`, { cause: error });
  }
  if (error instanceof JetStreamApiError) {
    return new BusError(`${action} refused by JetStream: ${error.message}`, { cause: error });
  }
  // Timeouts, closed or draining connections and "no JetStream" (503) all mean: try again later.
  const reason = error instanceof ClosedConnectionError ? 'connection closed' : errorMessage(error);
  return new BusUnavailableError(`${action} failed: ${reason}`, { cause: error });
}
