import { MessageDecodeError, errorMessage } from './errors.js';
import type { Bus, Headers, PublishAck, PublishOptions } from './types.js';

export const CONTENT_TYPE_HEADER = 'Content-Type';
export const JSON_CONTENT_TYPE = 'application/json';
export const PROTOBUF_CONTENT_TYPE = 'application/protobuf';
export type ContentType = typeof JSON_CONTENT_TYPE | typeof PROTOBUF_CONTENT_TYPE;

/** The part of a ts-proto `MessageFns<T>` the bus needs; generated objects satisfy it structurally. */
export interface ProtoMessageFns<T> {
  encode(message: T): { finish(): Uint8Array };
  decode(input: Uint8Array): T;
  fromJSON(object: unknown): T;
  toJSON(message: T): unknown;
}

export interface Codec<T> {
  readonly contentType: ContentType;
  readonly messageFns: ProtoMessageFns<T>;
  encode(value: T): Uint8Array;
  decode(data: Uint8Array): T;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** The proto3 JSON mapping (lowerCamelCase), UTF-8 — the contract's default encoding. */
export function jsonCodec<T>(messageFns: ProtoMessageFns<T>): Codec<T> {
  return {
    contentType: JSON_CONTENT_TYPE,
    messageFns,
    encode: (value) => encoder.encode(JSON.stringify(messageFns.toJSON(value))),
    decode: (data) => decodeJson(messageFns, data),
  };
}

export function protobufCodec<T>(messageFns: ProtoMessageFns<T>): Codec<T> {
  return {
    contentType: PROTOBUF_CONTENT_TYPE,
    messageFns,
    encode: (value) => messageFns.encode(value).finish(),
    decode: (data) => decodeProtobuf(messageFns, data),
  };
}

/** Header lookup ignoring case, since publishers outside the CRM spell header names freely. */
export function headerValue(headers: Headers, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

/** Decodes by the `Content-Type` header: JSON when absent, protobuf when it says so. */
export function decodeByContentType<T>(
  messageFns: ProtoMessageFns<T>,
  data: Uint8Array,
  headers: Headers,
): T {
  const raw = headerValue(headers, CONTENT_TYPE_HEADER);
  const contentType =
    (raw ?? JSON_CONTENT_TYPE).split(';')[0]?.trim().toLowerCase() ?? JSON_CONTENT_TYPE;
  switch (contentType) {
    case JSON_CONTENT_TYPE:
      return decodeJson(messageFns, data);
    case PROTOBUF_CONTENT_TYPE:
    case 'application/x-protobuf':
      return decodeProtobuf(messageFns, data);
    default:
      throw new MessageDecodeError(`unsupported content type ${contentType}`, contentType);
  }
}

function decodeJson<T>(messageFns: ProtoMessageFns<T>, data: Uint8Array): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoder.decode(data));
  } catch (error) {
    throw new MessageDecodeError(`invalid JSON: ${errorMessage(error)}`, JSON_CONTENT_TYPE, {
      cause: error,
    });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new MessageDecodeError('JSON payload is not an object', JSON_CONTENT_TYPE);
  }
  return messageFns.fromJSON(parsed);
}

function decodeProtobuf<T>(messageFns: ProtoMessageFns<T>, data: Uint8Array): T {
  try {
    return messageFns.decode(data);
  } catch (error) {
    throw new MessageDecodeError(
      `invalid protobuf: ${errorMessage(error)}`,
      PROTOBUF_CONTENT_TYPE,
      { cause: error },
    );
  }
}

export interface EncodedEvent {
  data: Uint8Array;
  headers: Record<string, string>;
}

export interface EventDefinition<T> {
  readonly subject: string;
  readonly codec: Codec<T>;
  encode(value: T): EncodedEvent;
  /** Accepts either encoding, whatever this definition publishes with. */
  decode(message: { data: Uint8Array; headers: Headers }): T;
  publish(bus: Pick<Bus, 'publish'>, value: T, options?: PublishOptions): Promise<PublishAck>;
}

export function defineEvent<T>(definition: {
  subject: string;
  codec: Codec<T>;
}): EventDefinition<T> {
  const { subject, codec } = definition;
  const encode = (value: T): EncodedEvent => ({
    data: codec.encode(value),
    headers: { [CONTENT_TYPE_HEADER]: codec.contentType },
  });
  return {
    subject,
    codec,
    encode,
    decode: (message) => decodeByContentType(codec.messageFns, message.data, message.headers),
    publish(bus, value, options = {}) {
      const encoded = encode(value);
      return bus.publish(subject, encoded.data, {
        ...options,
        headers: { ...options.headers, ...encoded.headers },
      });
    },
  };
}
