import { describe, expect, it } from 'vitest';
import {
  decodeByContentType,
  defineEvent,
  jsonCodec,
  protobufCodec,
  type ProtoMessageFns,
} from './codec.js';
import { MessageDecodeError } from './errors.js';
import type { Bus, PublishOptions } from './types.js';

interface Greeting {
  name: string;
}

/** Shaped like ts-proto output for `message Greeting { string name = 1; }`. */
const Greeting: ProtoMessageFns<Greeting> = {
  encode(message) {
    const name = new TextEncoder().encode(message.name);
    return { finish: () => Uint8Array.from([0x0a, name.length, ...name]) };
  },
  decode(input) {
    if (input[0] !== 0x0a || input[1] === undefined) throw new Error('invalid wire type');
    return { name: new TextDecoder().decode(input.subarray(2, 2 + input[1])) };
  },
  fromJSON: (object) => ({
    name: typeof object === 'object' && object && 'name' in object ? String(object.name) : '',
  }),
  toJSON: (message) => ({ name: message.name }),
};

describe('codecs', () => {
  it('round-trip JSON and protobuf and name their content type', () => {
    for (const codec of [jsonCodec(Greeting), protobufCodec(Greeting)]) {
      expect(codec.decode(codec.encode({ name: 'Ada' }))).toEqual({ name: 'Ada' });
    }
    expect(new TextDecoder().decode(jsonCodec(Greeting).encode({ name: 'Ada' }))).toBe(
      '{"name":"Ada"}',
    );
    expect(jsonCodec(Greeting).contentType).toBe('application/json');
    expect(protobufCodec(Greeting).contentType).toBe('application/protobuf');
  });

  it('decode by content type, defaulting to JSON and ignoring header case', () => {
    const json = jsonCodec(Greeting).encode({ name: 'j' });
    const proto = protobufCodec(Greeting).encode({ name: 'p' });
    expect(decodeByContentType(Greeting, json, {})).toEqual({ name: 'j' });
    expect(
      decodeByContentType(Greeting, json, { 'content-type': 'application/json; charset=utf-8' }),
    ).toEqual({ name: 'j' });
    expect(
      decodeByContentType(Greeting, proto, { 'Content-Type': 'application/protobuf' }),
    ).toEqual({ name: 'p' });
  });

  it('raise MessageDecodeError for bad payloads and unknown types', () => {
    const bad = new TextEncoder().encode('{not json');
    expect(() => decodeByContentType(Greeting, bad, {})).toThrow(MessageDecodeError);
    expect(() => decodeByContentType(Greeting, new TextEncoder().encode('[1]'), {})).toThrow(
      MessageDecodeError,
    );
    expect(() =>
      decodeByContentType(Greeting, bad, { 'Content-Type': 'application/protobuf' }),
    ).toThrow(MessageDecodeError);
    expect(() => decodeByContentType(Greeting, bad, { 'Content-Type': 'text/csv' })).toThrow(
      /unsupported content type/,
    );
  });
});

describe('defineEvent', () => {
  it('publishes with the content type header and decodes either encoding', async () => {
    const event = defineEvent({
      subject: 'crm.test.v1.greeting.sent',
      codec: protobufCodec(Greeting),
    });
    const published: { subject: string; data: Uint8Array; options: PublishOptions | undefined }[] =
      [];
    const bus: Pick<Bus, 'publish'> = {
      publish: async (subject, data, options) => {
        published.push({ subject, data, options });
        return { stream: 'S', seq: 1, duplicate: false };
      },
    };
    await event.publish(bus, { name: 'Ada' }, { msgId: 'outbox-1', headers: { 'X-Tenant': 't' } });
    const [sent] = published;
    expect(sent?.subject).toBe('crm.test.v1.greeting.sent');
    expect(sent?.options).toEqual({
      msgId: 'outbox-1',
      headers: { 'X-Tenant': 't', 'Content-Type': 'application/protobuf' },
    });
    expect(
      event.decode({ data: sent?.data ?? new Uint8Array(), headers: sent?.options?.headers ?? {} }),
    ).toEqual({ name: 'Ada' });
    expect(event.decode({ data: jsonCodec(Greeting).encode({ name: 'J' }), headers: {} })).toEqual({
      name: 'J',
    });
  });
});
