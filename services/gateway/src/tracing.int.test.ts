import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNTS_STREAM, accountSubjects, type AccountsServiceHandle } from '@crm/accounts';
import { startAccountsForTest } from '@crm/accounts/testing';
import { createInProcessBus, type Bus, type InboundMessage } from '@crm/bus';
import { startTelemetry, type TelemetryHandle } from '@crm/telemetry';
import {
  createTestDatabase,
  quietLogger,
  uniqueName,
  waitFor,
  type TestDatabase,
} from '@crm/testing';
import { loadGatewayConfig } from './config.js';
import { startGateway, type GatewayHandle } from './gateway.js';

/** One trace from the browser's request, through gRPC and the outbox, to the NATS message. */
describe('trace context across HTTP, gRPC and the bus', () => {
  const logger = quietLogger('gateway');
  const exporter = new InMemorySpanExporter();
  let telemetry: TelemetryHandle;
  let database: TestDatabase;
  let bus: Bus;
  let accounts: AccountsServiceHandle;
  let gateway: GatewayHandle;

  beforeAll(async () => {
    telemetry = startTelemetry({
      serviceName: 'crm-test',
      spanProcessors: [new SimpleSpanProcessor({ exporter })],
    });
    database = await createTestDatabase('tracing');
    bus = createInProcessBus({ logger });
    accounts = await startAccountsForTest({ databaseUrl: database.url, bus, logger });
    gateway = await startGateway(
      loadGatewayConfig({ HOST: '127.0.0.1', PORT: '0', ACCOUNTS_GRPC_URL: accounts.grpcAddress }),
      { logger },
    );
  });

  afterAll(async () => {
    await gateway?.stop();
    await accounts?.stop();
    await bus?.close();
    await database?.drop();
    await telemetry?.shutdown();
  });

  it('continues the caller’s traceparent into the gRPC handler and the published event', async () => {
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    const received: InboundMessage[] = [];
    const consumer = bus.consume(
      {
        stream: ACCOUNTS_STREAM.name,
        durable: uniqueName('traced'),
        filterSubjects: [accountSubjects.created],
      },
      (batch) => {
        received.push(...batch);
      },
    );
    try {
      const response = await fetch(`${gateway.url}/api/v1/accounts`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          traceparent: `00-${traceId}-b7ad6b7169203331-01`,
        },
        body: JSON.stringify({ name: uniqueName('Traced') }),
      });
      expect(response.status).toBe(201);

      const event = await waitFor(() => received[0], { what: 'the account created event' });
      expect(event.headers['traceparent']).toContain(traceId);

      const spans = await waitFor(() => {
        const names = exporter
          .getFinishedSpans()
          .filter((span) => span.spanContext().traceId === traceId)
          .map((span) => span.name);
        return names.includes('/crm.accounts.v1.AccountsService/CreateAccount') &&
          names.some((n) => n.startsWith('POST'))
          ? names
          : undefined;
      });
      expect(spans).toEqual(
        expect.arrayContaining(['POST /api/v1/accounts', 'send crm.accounts.v1.account.created']),
      );
    } finally {
      await consumer.stop();
    }
  });
});
