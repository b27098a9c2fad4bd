import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { extractContext } from './propagation.js';
import { startTelemetry, type TelemetryHandle } from './tracing.js';
import { withSpan } from './with-span.js';

const exporter = new InMemorySpanExporter();
let telemetry: TelemetryHandle;

beforeAll(() => {
  telemetry = startTelemetry({
    serviceName: 'with-span-test',
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
    env: {},
  });
});

afterAll(async () => {
  await telemetry.shutdown();
});

beforeEach(() => {
  exporter.reset();
});

describe('withSpan', () => {
  it('returns the result and parents the span on an extracted remote context', async () => {
    const upstream = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const result = await withSpan(
      'grpc-server',
      'crm.deals.v1.Deals/GetDeal',
      {
        kind: SpanKind.SERVER,
        attributes: { 'rpc.system': 'grpc' },
        parent: extractContext({ traceparent: upstream }),
      },
      async (span) => {
        expect(trace.getActiveSpan()).toBe(span);
        await new Promise((resolve) => setImmediate(resolve));
        return 42;
      },
    );

    expect(result).toBe(42);
    const [span] = exporter.getFinishedSpans();
    expect(span?.name).toBe('crm.deals.v1.Deals/GetDeal');
    expect(span?.kind).toBe(SpanKind.SERVER);
    expect(span?.instrumentationScope.name).toBe('grpc-server');
    expect(span?.attributes['rpc.system']).toBe('grpc');
    expect(span?.spanContext().traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(span?.parentSpanContext?.spanId).toBe('b7ad6b7169203331');
    expect(span?.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('nests under the active span when no parent is given', async () => {
    await withSpan('bus', 'outer', {}, () =>
      withSpan('bus', 'inner', { kind: SpanKind.CONSUMER }, () => undefined),
    );

    const [inner, outer] = exporter.getFinishedSpans();
    expect(inner?.name).toBe('inner');
    expect(inner?.parentSpanContext?.spanId).toBe(outer?.spanContext().spanId);
  });

  it('records a thrown error, sets ERROR status, ends the span and rethrows', async () => {
    const failure = new Error('stage is locked');

    await expect(
      withSpan('bus', 'handle message', {}, () => {
        throw failure;
      }),
    ).rejects.toBe(failure);

    const [span] = exporter.getFinishedSpans();
    expect(span?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'stage is locked' });
    expect(span?.events.map((event) => event.name)).toEqual(['exception']);
    expect(span?.events[0]?.attributes?.['exception.message']).toBe('stage is locked');
    expect(span?.events[0]?.attributes?.['exception.type']).toBe('Error');
  });

  it('records a rejection with a non-Error value', async () => {
    await expect(withSpan('bus', 'reject', {}, () => Promise.reject('plain string'))).rejects.toBe(
      'plain string',
    );

    const [span] = exporter.getFinishedSpans();
    expect(span?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'plain string' });
    expect(span?.events[0]?.attributes?.['exception.message']).toBe('plain string');
  });
});
