import { randomUUID } from 'node:crypto';
import { context, propagation, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BusNoRespondersError, BusRequestError, BusTimeoutError } from './errors.js';
import type { Bus, ConsumerHandle, ConsumerSpec, InboundMessage } from './types.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const bytes = (text: string): Uint8Array => encoder.encode(text);
const text = (data: Uint8Array): string => decoder.decode(data);

/** Polls until `condition` holds; fails with `what` after the deadline. */
export async function waitFor(
  condition: () => boolean,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A fresh stream and subject prefix per test, so tests never see each other's messages. */
export function uniqueNames(): { stream: string; prefix: string } {
  const id = randomUUID().replaceAll('-', '').slice(0, 12);
  return { stream: `TEST_${id}`, prefix: `test.${id}` };
}

/**
 * The behaviour every `Bus` adapter must share. Registers vitest tests; `createBus` runs once in
 * `beforeAll`, and the bus is closed in `afterAll`.
 */
export function describeBusContract(name: string, createBus: () => Promise<Bus>): void {
  describe(`${name} (bus contract)`, () => {
    let bus: Bus;
    const handles: ConsumerHandle[] = [];

    beforeAll(async () => {
      context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
      propagation.setGlobalPropagator(new W3CTraceContextPropagator());
      bus = await createBus();
    });

    afterAll(async () => {
      await Promise.all(handles.map((handle) => handle.stop()));
      await bus?.close();
      propagation.disable();
      context.disable();
    });

    async function setup(subjects: string[] = ['>']) {
      const { stream, prefix } = uniqueNames();
      await bus.ensureStream({
        name: stream,
        subjects: subjects.map((s) => `${prefix}.${s}`),
        duplicateWindowSeconds: 60,
      });
      return { stream, prefix };
    }

    function collect(
      spec: ConsumerSpec,
      onMessage?: (message: InboundMessage) => Promise<void> | void,
    ) {
      const received: InboundMessage[] = [];
      const batches: number[] = [];
      const deadLetters: { message: InboundMessage; reason: string }[] = [];
      const handle = bus.consume(
        spec,
        async (batch) => {
          batches.push(batch.length);
          for (const message of batch) {
            received.push(message);
            await onMessage?.(message);
          }
        },
        { onDeadLetter: (message, reason) => void deadLetters.push({ message, reason }) },
      );
      handles.push(handle);
      return {
        received,
        batches,
        deadLetters,
        handle,
        texts: () => received.map((m) => text(m.data)),
      };
    }

    it('round-trips a message and reports where it was stored', async () => {
      const { stream, prefix } = await setup();
      const ack = await bus.publish(`${prefix}.created`, bytes('hello'));
      expect(ack).toEqual({ stream, seq: 1, duplicate: false });
      const consumer = collect({ stream, durable: 'round-trip' });
      await waitFor(() => consumer.received.length === 1, 'the message');
      const [message] = consumer.received;
      expect(message?.subject).toBe(`${prefix}.created`);
      expect(text(message?.data ?? new Uint8Array())).toBe('hello');
      expect(message?.seq).toBe(1);
      expect(message?.deliveryCount).toBe(1);
    });

    it('drops a second publish with the same msgId', async () => {
      const { stream, prefix } = await setup();
      const first = await bus.publish(`${prefix}.a`, bytes('one'), { msgId: 'm-1' });
      const second = await bus.publish(`${prefix}.a`, bytes('one again'), { msgId: 'm-1' });
      expect(first.duplicate).toBe(false);
      expect(second).toEqual({ stream, seq: first.seq, duplicate: true });
      await bus.publish(`${prefix}.a`, bytes('marker'), { msgId: 'm-2' });
      const consumer = collect({ stream, durable: 'dedup' });
      await waitFor(() => consumer.texts().includes('marker'), 'the marker');
      expect(consumer.texts()).toEqual(['one', 'marker']);
      expect(consumer.received[0]?.msgId).toBe('m-1');
    });

    it('carries headers and the publisher trace context', async () => {
      const { stream, prefix } = await setup();
      const traceId = randomUUID().replaceAll('-', '');
      const parent = trace.setSpanContext(ROOT_CONTEXT, {
        traceId,
        spanId: 'a1b2c3d4e5f60718',
        traceFlags: TraceFlags.SAMPLED,
      });
      await context.with(parent, () =>
        bus.publish(`${prefix}.traced`, bytes('x'), {
          headers: { 'Content-Type': 'application/json', 'X-Tenant': 't1' },
        }),
      );
      const consumer = collect({ stream, durable: 'headers' });
      await waitFor(() => consumer.received.length === 1, 'the traced message');
      const message = consumer.received[0];
      expect(message?.headers['Content-Type']).toBe('application/json');
      expect(message?.headers['X-Tenant']).toBe('t1');
      expect(message?.headers['traceparent']).toContain(traceId);
      expect(trace.getSpanContext(message?.context ?? ROOT_CONTEXT)?.traceId).toBe(traceId);
    });

    it('continues a trace carried in the headers, as the outbox relays it', async () => {
      const { stream, prefix } = await setup();
      const carriedTraceId = randomUUID().replaceAll('-', '');
      const relayTraceId = randomUUID().replaceAll('-', '');
      const relayContext = trace.setSpanContext(ROOT_CONTEXT, {
        traceId: relayTraceId,
        spanId: 'b1b2c3d4e5f60718',
        traceFlags: TraceFlags.SAMPLED,
      });
      // The relay publishes long after the request that wrote the row; the row's context wins.
      await context.with(relayContext, () =>
        bus.publish(`${prefix}.carried`, bytes('x'), {
          headers: { traceparent: `00-${carriedTraceId}-c1b2c3d4e5f60718-01` },
        }),
      );
      const consumer = collect({ stream, durable: 'carried' });
      await waitFor(() => consumer.received.length === 1, 'the carried message');
      expect(consumer.received[0]?.headers['traceparent']).toContain(carriedTraceId);
    });

    it('redelivers a nak’d message', async () => {
      const { stream, prefix } = await setup();
      await bus.publish(`${prefix}.retry`, bytes('again'));
      const consumer = collect({ stream, durable: 'nak' }, async (message) => {
        if (message.deliveryCount === 1) await message.nak(10);
      });
      await waitFor(() => consumer.received.length === 2, 'the redelivery');
      expect(consumer.received.map((m) => m.deliveryCount)).toEqual([1, 2]);
      expect(consumer.received.map((m) => m.seq)).toEqual([1, 1]);
    });

    it('retries a failing message, then terminates and dead-letters it without blocking the rest', async () => {
      const { stream, prefix } = await setup();
      await bus.publish(`${prefix}.work`, bytes('poison'));
      await bus.publish(`${prefix}.work`, bytes('good'));
      const consumer = collect(
        { stream, durable: 'poison', maxDeliver: 3, backoffMs: 20 },
        (message) => {
          if (text(message.data) === 'poison') throw new Error('cannot handle poison');
        },
      );
      await waitFor(() => consumer.deadLetters.length === 1, 'the dead letter');
      const poisonDeliveries = consumer.received
        .filter((m) => text(m.data) === 'poison')
        .map((m) => m.deliveryCount);
      expect(poisonDeliveries).toEqual([1, 2, 3]);
      expect(consumer.texts().filter((t) => t === 'good')).toHaveLength(1);
      expect(consumer.deadLetters[0]?.reason).toContain('cannot handle poison');
      expect(consumer.deadLetters[0]?.message.deliveryCount).toBe(3);
      // Terminated for good: a later message arrives, the poison does not come back.
      await bus.publish(`${prefix}.work`, bytes('later'));
      await waitFor(() => consumer.texts().includes('later'), 'the later message');
      expect(consumer.texts().filter((t) => t === 'poison')).toHaveLength(3);
    });

    it('hands messages over in batches of at most batchSize', async () => {
      const { stream, prefix } = await setup();
      for (let i = 0; i < 10; i++) await bus.publish(`${prefix}.bulk`, bytes(`m${i}`));
      const consumer = collect({ stream, durable: 'batch', batchSize: 4 });
      await waitFor(() => consumer.received.length === 10, 'all ten messages');
      expect(Math.max(...consumer.batches)).toBeLessThanOrEqual(4);
      expect(consumer.batches.length).toBeLessThan(10);
      expect(consumer.texts()).toEqual(Array.from({ length: 10 }, (_, i) => `m${i}`));
    });

    it('gives every durable its own copy and honours subject filters', async () => {
      const { stream, prefix } = await setup();
      await bus.publish(`${prefix}.x.one`, bytes('1'));
      await bus.publish(`${prefix}.y.two`, bytes('2'));
      await bus.publish(`${prefix}.x.three`, bytes('3'));
      const a = collect({ stream, durable: 'a' });
      const b = collect({ stream, durable: 'b' });
      const onlyX = collect({ stream, durable: 'only-x', filterSubjects: [`${prefix}.x.*`] });
      await waitFor(
        () => a.received.length === 3 && b.received.length === 3 && onlyX.received.length === 2,
        'all copies',
      );
      expect(a.texts()).toEqual(['1', '2', '3']);
      expect(b.texts()).toEqual(['1', '2', '3']);
      expect(onlyX.texts()).toEqual(['1', '3']);
    });

    it('resumes a durable where it left off', async () => {
      const { stream, prefix } = await setup();
      await bus.publish(`${prefix}.e`, bytes('1'));
      await bus.publish(`${prefix}.e`, bytes('2'));
      const first = collect({ stream, durable: 'resume' });
      await waitFor(() => first.received.length === 2, 'the first two');
      await first.handle.stop();
      await bus.publish(`${prefix}.e`, bytes('3'));
      await bus.publish(`${prefix}.e`, bytes('4'));
      const second = collect({ stream, durable: 'resume' });
      await waitFor(() => second.received.length >= 2, 'the next two');
      expect(second.texts()).toEqual(['3', '4']);
      expect(first.received).toHaveLength(2);
    });

    it('ensureStream is idempotent, widens subjects and keeps messages', async () => {
      const { stream, prefix } = uniqueNames();
      await bus.ensureStream({ name: stream, subjects: [`${prefix}.a`] });
      await bus.publish(`${prefix}.a`, bytes('kept'));
      await bus.ensureStream({ name: stream, subjects: [`${prefix}.a`] });
      await bus.ensureStream({ name: stream, subjects: [`${prefix}.b`] });
      const ack = await bus.publish(`${prefix}.b`, bytes('new'));
      expect(ack).toEqual({ stream, seq: 2, duplicate: false });
      const consumer = collect({ stream, durable: 'ensure' });
      await waitFor(() => consumer.received.length === 2, 'both messages');
      expect(consumer.texts()).toEqual(['kept', 'new']);
    });

    it('answers requests and reports timeouts, missing responders and failures', async () => {
      const { prefix } = uniqueNames();
      const echo = bus.respond(`${prefix}.echo`, (request) => ({
        data: bytes(text(request.data).toUpperCase()),
        headers: { 'X-Seen': request.headers['X-Ask'] ?? '' },
      }));
      const slow = bus.respond(`${prefix}.slow`, async () => {
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        return { data: bytes('late') };
      });
      const broken = bus.respond(`${prefix}.broken`, () => {
        throw new Error('relation "tasks" does not exist');
      });
      const refusing = bus.respond(`${prefix}.refusing`, () => {
        throw new BusRequestError('unknown employee', 404);
      });
      try {
        const reply = await bus.request(`${prefix}.echo`, bytes('hi'), {
          timeoutMs: 5_000,
          headers: { 'X-Ask': 'yes' },
        });
        expect(text(reply.data)).toBe('HI');
        expect(reply.headers['X-Seen']).toBe('yes');
        await expect(
          bus.request(`${prefix}.slow`, bytes(''), { timeoutMs: 200 }),
        ).rejects.toBeInstanceOf(BusTimeoutError);
        await expect(
          bus.request(`${prefix}.nobody`, bytes(''), { timeoutMs: 2_000 }),
        ).rejects.toBeInstanceOf(BusNoRespondersError);
        const failure = await bus
          .request(`${prefix}.broken`, bytes(''), { timeoutMs: 5_000 })
          .catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(BusRequestError);
        expect(failure).toMatchObject({ code: 500, message: 'responder failed' });
        await expect(
          bus.request(`${prefix}.refusing`, bytes(''), { timeoutMs: 5_000 }),
        ).rejects.toMatchObject({
          code: 404,
          message: 'unknown employee',
        });
      } finally {
        await Promise.all([echo.stop(), slow.stop(), broken.stop(), refusing.stop()]);
      }
    });

    it('reports health', () => {
      expect(bus.health().connected).toBe(true);
    });
  });
}
