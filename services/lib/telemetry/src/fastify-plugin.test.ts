import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace';
import { fastify, type FastifyInstance } from 'fastify';
import { fastifyTelemetryPlugin } from './fastify-plugin.js';
import { startTelemetry, type TelemetryHandle } from './tracing.js';
import { withSpan } from './with-span.js';

const exporter = new InMemorySpanExporter();
let telemetry: TelemetryHandle;
let app: FastifyInstance;

beforeAll(async () => {
  telemetry = startTelemetry({
    serviceName: 'gateway',
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
    env: {},
  });
  app = fastify();
  await app.register(fastifyTelemetryPlugin({ ignorePaths: '/healthz' }));
  app.get('/healthz', () => ({ ok: true }));
  app.get<{ Params: { id: string } }>('/deals/:id', async (request) => {
    // Work done by the handler must land in the request's trace.
    await withSpan('gateway', 'grpc call', { kind: SpanKind.CLIENT }, () => undefined);
    return { id: request.params.id };
  });
  app.get('/boom', () => {
    throw new Error('backend unavailable');
  });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await telemetry.shutdown();
});

beforeEach(() => {
  exporter.reset();
});

function serverSpans(): ReadableSpan[] {
  return exporter.getFinishedSpans().filter((span) => span.kind === SpanKind.SERVER);
}

describe('fastifyTelemetryPlugin', () => {
  it('creates a SERVER span with route, method and status that continues an incoming traceparent', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const response = await app.inject({
      method: 'GET',
      url: '/deals/d-17',
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    expect(response.statusCode).toBe(200);

    const [server, ...others] = serverSpans();
    expect(others).toEqual([]);
    expect(server?.name).toBe('GET /deals/:id');
    expect(server?.spanContext().traceId).toBe(traceId);
    expect(server?.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
    expect(server?.attributes).toMatchObject({
      'http.route': '/deals/:id',
      'http.request.method': 'GET',
      'http.response.status_code': 200,
    });

    const client = exporter.getFinishedSpans().find((span) => span.name === 'grpc call');
    expect(client?.spanContext().traceId).toBe(traceId);
  });

  it('starts a new trace without an incoming traceparent', async () => {
    await app.inject({ method: 'GET', url: '/deals/d-18' });

    const [server] = serverSpans();
    expect(server?.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(server?.parentSpanContext).toBeUndefined();
  });

  it('marks a failing request as an error with status 500', async () => {
    const response = await app.inject({ method: 'GET', url: '/boom' });
    expect(response.statusCode).toBe(500);

    const [server] = serverSpans();
    expect(server?.attributes['http.response.status_code']).toBe(500);
    expect(server?.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('names unmatched requests by method only and skips ignored paths', async () => {
    await app.inject({ method: 'GET', url: '/healthz' });
    expect(serverSpans()).toEqual([]);

    await app.inject({ method: 'GET', url: '/no-such-route' });
    const [server] = serverSpans();
    expect(server?.name).toBe('GET');
    expect(server?.attributes['http.response.status_code']).toBe(404);
  });
});
