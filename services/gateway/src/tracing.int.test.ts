import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNTS_STREAM, accountSubjects } from '@crm/accounts';
import type { InboundMessage } from '@crm/bus';
import { startTelemetry, type TelemetryHandle } from '@crm/telemetry';
import { quietLogger, uniqueName, waitFor } from '@crm/testing';
import { startCrmStack, type CrmStack, type HttpSession } from './crm-stack.test-support.js';

/** One trace from the browser's request, through gRPC and the outbox, to the NATS message. */
describe('trace context across HTTP, gRPC and the bus', () => {
  const logger = quietLogger('gateway');
  const exporter = new InMemorySpanExporter();
  let telemetry: TelemetryHandle;
  let stack: CrmStack;
  let admin: HttpSession;

  beforeAll(async () => {
    telemetry = startTelemetry({
      serviceName: 'crm-test',
      spanProcessors: [new SimpleSpanProcessor({ exporter })],
    });
    stack = await startCrmStack(logger);
    admin = await stack.signedInAdmin();
  });

  afterAll(async () => {
    await stack?.stop();
    await telemetry?.shutdown();
  });

  it('continues the caller’s traceparent into the gRPC handler and the published event', async () => {
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    const received: InboundMessage[] = [];
    const consumer = stack.bus.consume(
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
      const response = await admin.request(
        'POST',
        '/api/v1/accounts',
        { name: uniqueName('Traced') },
        { headers: { traceparent: `00-${traceId}-b7ad6b7169203331-01` } },
      );
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
