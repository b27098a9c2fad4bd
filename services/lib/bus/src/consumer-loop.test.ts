import { ROOT_CONTEXT } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { createInboundMessage, resolveConsumerSpec, retryDelayMs } from './consumer-loop.js';

describe('retryDelayMs', () => {
  it('doubles per delivery up to the cap', () => {
    const spec = resolveConsumerSpec({
      stream: 'S',
      durable: 'd',
      backoffMs: 100,
      maxBackoffMs: 1_000,
    });
    expect([1, 2, 3, 4, 5, 50].map((count) => retryDelayMs(spec, count))).toEqual([
      100, 200, 400, 800, 1_000, 1_000,
    ]);
  });
});

describe('createInboundMessage', () => {
  it('settles once and exposes the msgId header', async () => {
    const calls: string[] = [];
    const message = createInboundMessage(
      {
        subject: 's',
        data: new Uint8Array(),
        headers: { 'Nats-Msg-Id': 'id-1' },
        seq: 7,
        deliveryCount: 1,
        context: ROOT_CONTEXT,
      },
      {
        ack: async () => void calls.push('ack'),
        nak: async (delay) => void calls.push(`nak ${delay}`),
        term: async (reason) => void calls.push(`term ${reason}`),
      },
    );
    expect(message.msgId).toBe('id-1');
    expect(message.settled).toBe(false);
    await message.nak(5);
    await message.ack();
    await message.term('late');
    expect(message.settled).toBe(true);
    expect(calls).toEqual(['nak 5']);
  });
});
