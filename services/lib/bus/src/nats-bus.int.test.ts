import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@crm/logging';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeBusContract, uniqueNames, waitFor } from './bus-contract.js';
import { BusUnavailableError } from './errors.js';
import { connectNatsBus } from './nats-bus.js';
import { findNatsServerBinary, startNatsServer, type NatsServerHandle } from './nats-server.js';
import type { Bus, InboundMessage } from './types.js';

const logger = createLogger({ service: 'bus-test', level: process.env['LOG_LEVEL'] ?? 'silent' });
const binary = findNatsServerBinary(process.env);
if (!binary)
  throw new Error('nats-server not found: set NATS_SERVER_BIN or install it on PATH / ~/go/bin');

let server: NatsServerHandle;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'crm-bus-nats-'));
  server = await startNatsServer({ binary, dataDir, logger });
});

afterAll(async () => {
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describeBusContract('NATS JetStream bus', () =>
  connectNatsBus({ url: server.url, name: 'bus-contract', logger }),
);

describe('NATS JetStream bus when the server goes away', () => {
  let bus: Bus;
  const bytes = (text: string) => new TextEncoder().encode(text);

  beforeAll(async () => {
    bus = await connectNatsBus({
      url: server.url,
      name: 'bus-outage',
      logger,
      publishTimeoutMs: 1_000,
    });
  });

  afterAll(async () => {
    await bus?.close();
  });

  it('rejects publishes with BusUnavailableError in bounded time, and the consumer resumes after restart', async () => {
    const { stream, prefix } = uniqueNames();
    await bus.ensureStream({ name: stream, subjects: [`${prefix}.>`] });
    const received: InboundMessage[] = [];
    const consumer = bus.consume(
      { stream, durable: 'outage' },
      (batch) => void received.push(...batch),
    );
    try {
      await bus.publish(`${prefix}.before`, bytes('before'));
      await waitFor(() => received.length === 1, 'the first message');

      await server.stop();
      await waitFor(() => !bus.health().connected, 'the disconnect');
      const started = Date.now();
      await expect(bus.publish(`${prefix}.during`, bytes('during'))).rejects.toBeInstanceOf(
        BusUnavailableError,
      );
      expect(Date.now() - started).toBeLessThan(3_000);

      await server.restart();
      await waitFor(() => bus.health().connected, 'the reconnect');
      // JetStream may need a moment after the listener is up; the outbox would simply retry.
      const deadline = Date.now() + 15_000;
      for (;;) {
        try {
          await bus.publish(`${prefix}.after`, bytes('after'), { msgId: 'after-restart' });
          break;
        } catch (error) {
          if (!(error instanceof BusUnavailableError) || Date.now() > deadline) throw error;
        }
      }
      await waitFor(
        () => received.some((m) => m.subject === `${prefix}.after`),
        'delivery after restart',
        25_000,
      );
      expect(received.filter((m) => m.subject === `${prefix}.after`)).toHaveLength(1);
    } finally {
      await consumer.stop();
    }
  }, 60_000);

  it('re-creates a durable consumer that was deleted under it', async () => {
    const { stream, prefix } = uniqueNames();
    await bus.ensureStream({ name: stream, subjects: [`${prefix}.>`] });
    const received: InboundMessage[] = [];
    const consumer = bus.consume(
      { stream, durable: 'deleted' },
      (batch) => void received.push(...batch),
    );
    const admin = await connect({ servers: server.url });
    try {
      await bus.publish(`${prefix}.one`, bytes('one'));
      await waitFor(() => received.length === 1, 'the first message');
      const jsm = await jetstreamManager(admin);
      await jsm.consumers.delete(stream, 'deleted');
      await bus.publish(`${prefix}.two`, bytes('two'));
      await waitFor(
        () => received.some((m) => m.subject === `${prefix}.two`),
        'delivery after re-creation',
      );
    } finally {
      await admin.close();
      await consumer.stop();
    }
  });
});
