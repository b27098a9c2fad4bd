import type { Context } from '@opentelemetry/api';

export type Headers = Readonly<Record<string, string>>;

export interface StreamSpec {
  name: string;
  subjects: readonly string[];
  /** Messages older than this are discarded; unlimited when omitted. */
  maxAgeSeconds?: number;
  /** How long a `msgId` is remembered for duplicate detection (JetStream default: 120 s). */
  duplicateWindowSeconds?: number;
}

export interface PublishOptions {
  /** Sent as `Nats-Msg-Id`; a second publish with the same id inside the window is dropped. */
  msgId?: string;
  headers?: Headers;
}

export interface PublishAck {
  stream: string;
  seq: number;
  duplicate: boolean;
}

export interface ConsumerSpec {
  stream: string;
  durable: string;
  filterSubjects?: readonly string[];
  /** Deliveries before a failing message is terminated and dead-lettered (default 5). */
  maxDeliver?: number;
  /** Redelivery delay for a message neither acked nor nak'd (default 30 000 ms). */
  ackWaitMs?: number;
  /** First retry delay after a handler failure; doubles per delivery (default 1 000 ms). */
  backoffMs?: number;
  /** Upper bound of the retry delay (default 60 000 ms). */
  maxBackoffMs?: number;
  /** Most messages handed to the handler at once (default 1). */
  batchSize?: number;
}

export interface InboundMessage {
  readonly subject: string;
  readonly data: Uint8Array;
  readonly headers: Headers;
  readonly msgId?: string;
  /** Stream sequence. */
  readonly seq: number;
  /** 1 on first delivery. */
  readonly deliveryCount: number;
  /** The publisher's trace context extracted from the headers (root when none was sent). */
  readonly context: Context;
  /** True once ack, nak or term was called. */
  readonly settled: boolean;
  ack(): Promise<void>;
  nak(delayMs?: number): Promise<void>;
  term(reason: string): Promise<void>;
}

export type BatchHandler = (batch: readonly InboundMessage[]) => Promise<void> | void;
export type DeadLetterHandler = (message: InboundMessage, reason: string) => Promise<void> | void;

export interface ConsumeOptions {
  /** Called before a message that exhausted its deliveries is terminated. */
  onDeadLetter?: DeadLetterHandler;
}

export interface ConsumerHandle {
  /** Stops fetching, lets the batch in hand finish, releases anything prefetched. */
  stop(): Promise<void>;
}

export interface RequestOptions {
  timeoutMs: number;
  headers?: Headers;
}

export interface RequestMessage {
  readonly subject: string;
  readonly data: Uint8Array;
  readonly headers: Headers;
  readonly context: Context;
}

export interface ReplyMessage {
  data: Uint8Array;
  headers?: Headers;
}

export type RequestHandler = (request: RequestMessage) => Promise<ReplyMessage> | ReplyMessage;

export interface RespondOptions {
  /** Queue group shared by instances serving the subject; defaults to the subject. */
  queue?: string;
}

export interface ResponderHandle {
  stop(): Promise<void>;
}

export interface BusHealth {
  kind: 'nats' | 'in-process';
  connected: boolean;
  consumers: number;
  lastError?: string;
}

export interface Bus {
  /** Creates the stream or adds missing subjects to it; never deletes anything. */
  ensureStream(spec: StreamSpec): Promise<void>;
  /** Resolves once the stream stored the message; rejects with `BusUnavailableError` in bounded time. */
  publish(subject: string, data: Uint8Array, options?: PublishOptions): Promise<PublishAck>;
  consume(spec: ConsumerSpec, handler: BatchHandler, options?: ConsumeOptions): ConsumerHandle;
  request(
    subject: string,
    data: Uint8Array,
    options: RequestOptions,
  ): Promise<ReplyMessage & { headers: Headers }>;
  respond(subject: string, handler: RequestHandler, options?: RespondOptions): ResponderHandle;
  health(): BusHealth;
  /** Stops consumers and responders, then drains the connection. */
  close(): Promise<void>;
}
