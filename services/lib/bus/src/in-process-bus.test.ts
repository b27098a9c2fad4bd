import { createLogger } from '@crm/logging';
import { afterEach, describe, expect, it } from 'vitest';
import { uniqueNames, waitFor } from './bus-contract.js';
import { createInProcessBus } from './in-process-bus.js';
import type { Bus, ConsumerHandle, InboundMessage } from './types.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (message: InboundMessage): string => new TextDecoder().decode(message.data);

describe('in-process bus retention', () => {
  const buses: Bus[] = [];
  const handles: ConsumerHandle[] = [];

  afterEach(async () => {
    await Promise.all(handles.splice(0).map((handle) => handle.stop()));
    await Promise.all(buses.splice(0).map((bus) => bus.close()));
  });

  function setup(options: { maxMessagesPerStream?: number } = {}) {
    const warnings: string[] = [];
    const logger = createLogger({
      service: 'bus-test',
      level: 'warn',
      destination: { write: (line: string) => void warnings.push(line) },
    });
    const bus = createInProcessBus({ logger, ...options });
    buses.push(bus);
    const consume = (stream: string, durable: string) => {
      const received: InboundMessage[] = [];
      const handle = bus.consume({ stream, durable }, (batch) => void received.push(...batch));
      handles.push(handle);
      return { received, handle, texts: () => received.map(text) };
    };
    return { bus, warnings, consume };
  }

  it('drops what every durable acknowledged; a durable created later starts from what is left', async () => {
    const { bus, consume } = setup();
    const { stream, prefix } = uniqueNames();
    await bus.ensureStream({ name: stream, subjects: [`${prefix}.>`] });
    const first = consume(stream, 'first');
    for (let i = 1; i <= 5; i++) await bus.publish(`${prefix}.e`, bytes(`m${i}`));
    await waitFor(() => first.received.length === 5, 'the first five');
    await first.handle.stop();

    await bus.publish(`${prefix}.e`, bytes('m6'));
    const late = consume(stream, 'late');
    await waitFor(() => late.received.length >= 1, 'the retained message');
    expect(late.texts()).toEqual(['m6']);
    expect(late.received[0]?.seq).toBe(6);
    const resumed = consume(stream, 'first');
    await waitFor(() => resumed.received.length >= 1, 'the resumed durable');
    expect(resumed.texts()).toEqual(['m6']);
  });

  it('keeps what a stopped durable has not acknowledged yet', async () => {
    const { bus, consume } = setup();
    const { stream, prefix } = uniqueNames();
    await bus.ensureStream({ name: stream, subjects: [`${prefix}.>`] });
    await consume(stream, 'lagging').handle.stop();
    const fast = consume(stream, 'fast');
    for (let i = 1; i <= 3; i++) await bus.publish(`${prefix}.e`, bytes(`m${i}`));
    await waitFor(() => fast.received.length === 3, 'the fast durable');
    await bus.publish(`${prefix}.e`, bytes('m4'));
    const lagging = consume(stream, 'lagging');
    await waitFor(() => lagging.received.length === 4, 'everything for the lagging durable');
    expect(lagging.texts()).toEqual(['m1', 'm2', 'm3', 'm4']);
  });

  it('caps a stream at maxMessagesPerStream, dropping the oldest and warning once', async () => {
    const { bus, warnings, consume } = setup({ maxMessagesPerStream: 3 });
    const { stream, prefix } = uniqueNames();
    await bus.ensureStream({ name: stream, subjects: [`${prefix}.>`] });
    for (let i = 1; i <= 6; i++) await bus.publish(`${prefix}.e`, bytes(`m${i}`));
    const consumer = consume(stream, 'reader');
    await waitFor(() => consumer.received.length >= 3, 'the retained three');
    expect(consumer.texts()).toEqual(['m4', 'm5', 'm6']);
    expect(consumer.received.map((m) => m.seq)).toEqual([4, 5, 6]);
    const full = warnings.filter((line) => line.includes('in-process stream is full'));
    expect(full).toHaveLength(1);
    expect(full[0]).toContain(stream);
  });
});
