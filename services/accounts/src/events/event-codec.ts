import { CONTENT_TYPE_HEADER, jsonCodec, type ProtoMessageFns } from '@crm/bus';

/** An event as the outbox stores it until the relay publishes it. */
export interface EncodedEvent {
  payload: Uint8Array;
  headers: Record<string, string>;
}

/** Events travel as the proto3 JSON mapping, the bus contract's default encoding. */
export function encodeEvent<Message>(
  type: ProtoMessageFns<Message>,
  message: Message,
): EncodedEvent {
  const codec = jsonCodec(type);
  return { payload: codec.encode(message), headers: { [CONTENT_TYPE_HEADER]: codec.contentType } };
}

export function decodeEvent<Message>(type: ProtoMessageFns<Message>, payload: Uint8Array): Message {
  return jsonCodec(type).decode(payload);
}
