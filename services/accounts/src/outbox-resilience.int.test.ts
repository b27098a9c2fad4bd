import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectNatsBus,
  findNatsServerBinary,
  startNatsServer,
  type Bus,
  type NatsServerHandle,
} from '@crm/bus';
import { callUnary, createGrpcClient } from '@crm/grpc';
import { AccountsServiceClient, CreateAccountRequest } from '@crm/proto/crm/accounts/v1/accounts';
import {
  createTestDatabase,
  quietLogger,
  uniqueName,
  waitFor,
  type TestDatabase,
  TEST_INTERNAL_SECRET,
} from '@crm/testing';
import { ACCOUNTS_STREAM, accountSubjects, decodeAccountCreated } from './events/account-events.js';
import type { AccountsServiceHandle } from './service.js';
import { startAccountsForTest } from './testing.js';

/**
 * The promise of the transactional outbox: NATS may vanish while the service is writing, and
 * every committed change still reaches consumers exactly once when NATS is back.
 */
describe('accounts outbox while NATS goes away', () => {
  const logger = quietLogger('accounts');
  let natsDir: string;
  let nats: NatsServerHandle;
  let database: TestDatabase;
  let serviceBus: Bus;
  let consumerBus: Bus;
  let service: AccountsServiceHandle;
  let client: AccountsServiceClient;

  beforeAll(async () => {
    const binary = findNatsServerBinary(process.env);
    if (!binary) throw new Error('this test needs a nats-server binary (NATS_SERVER_BIN or PATH)');
    natsDir = await mkdtemp(join(tmpdir(), 'crm-outbox-nats-'));
    nats = await startNatsServer({ binary, dataDir: natsDir, logger });
    database = await createTestDatabase('accounts_outbox');
    serviceBus = await connectNatsBus({
      url: nats.url,
      name: 'accounts',
      logger,
      publishTimeoutMs: 500,
    });
    consumerBus = await connectNatsBus({ url: nats.url, name: 'consumer', logger });
    service = await startAccountsForTest({
      databaseUrl: database.url,
      bus: serviceBus,
      logger,
      outbox: { pollIntervalMs: 100, maxBackoffMs: 500 },
    });
    client = createGrpcClient(AccountsServiceClient, service.grpcAddress, {
      callerKey: TEST_INTERNAL_SECRET,
    });
  });

  afterAll(async () => {
    client?.close();
    await service?.stop();
    await serviceBus?.close();
    await consumerBus?.close();
    await nats?.stop();
    await database?.drop();
    if (natsDir) await rm(natsDir, { recursive: true, force: true });
  });

  it('delivers every event once NATS is back, and the consumer sees each exactly once', async () => {
    const tag = uniqueName('outage');
    // An idempotent consumer: an inbox of processed message ids, as every CRM consumer keeps.
    const inbox = new Set<string>();
    const deliveries = new Map<string, number>();
    let rawDeliveries = 0;
    let acked = 0;
    const consumer = consumerBus.consume(
      {
        stream: ACCOUNTS_STREAM.name,
        durable: uniqueName('outage_consumer'),
        filterSubjects: [accountSubjects.created],
      },
      async (batch) => {
        for (const message of batch) {
          const account = decodeAccountCreated(message.data).account;
          if (account?.name.startsWith(tag)) rawDeliveries += 1;
          if (account?.name.startsWith(tag) && message.msgId && !inbox.has(message.msgId)) {
            inbox.add(message.msgId);
            deliveries.set(account.id, (deliveries.get(account.id) ?? 0) + 1);
          }
          await message.ack();
          if (account?.name.startsWith(tag)) acked += 1;
        }
      },
    );

    const created: string[] = [];
    const createOne = async () => {
      const { account } = await callUnary(
        client,
        client.createAccount,
        CreateAccountRequest.fromPartial({ name: `${tag} ${created.length}` }),
        { caller: { kind: 'service', service: 'outbox-test' } },
      );
      created.push(account!.id);
    };

    try {
      for (let i = 0; i < 5; i += 1) await createOne();
      // Stop NATS only once the server confirmed those acks, so none is redelivered legitimately.
      await waitFor(() => acked >= 5, { what: 'events before the outage' });

      await nats.stop();
      // Writes keep succeeding: the change and its event commit together in PostgreSQL.
      for (let i = 0; i < 20; i += 1) await createOne();

      await nats.restart();
      for (let i = 0; i < 5; i += 1) await createOne();

      await waitFor(() => deliveries.size === created.length, {
        timeoutMs: 30_000,
        what: `all ${created.length} events after NATS came back (have ${deliveries.size})`,
      });
      expect(new Set(created).size).toBe(30);
      expect([...deliveries.keys()].sort()).toEqual([...created].sort());
      expect([...deliveries.values()].every((count) => count === 1)).toBe(true);
      // JetStream's Nats-Msg-Id de-duplication means even the raw stream carries each event once.
      expect(rawDeliveries).toBe(30);
    } finally {
      await consumer.stop();
    }
  });
});
