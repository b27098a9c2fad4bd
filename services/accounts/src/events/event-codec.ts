/** A generated message type's proto3 JSON mapping (ts-proto's `toJSON`/`fromJSON`). */
export interface JsonMessageType<Message> {
  toJSON(message: Message): unknown;
  fromJSON(object: unknown): Message;
}

export interface EncodedEvent {
  payload: Uint8Array;
  headers: Record<string, string>;
}

/** Events travel as the proto3 JSON mapping, like the productivity contract. */
export function encodeEvent<Message>(
  type: JsonMessageType<Message>,
  message: Message,
): EncodedEvent {
  return {
    payload: new TextEncoder().encode(JSON.stringify(type.toJSON(message))),
    headers: { 'Content-Type': 'application/json' },
  };
}

export function decodeEvent<Message>(type: JsonMessageType<Message>, payload: Uint8Array): Message {
  return type.fromJSON(JSON.parse(new TextDecoder().decode(payload)));
}
