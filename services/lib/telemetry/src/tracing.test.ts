import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { context, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { startTelemetry, type TelemetryHandle } from './tracing.js';

describe('startTelemetry', () => {
  // Shutting a provider down also stops its exporter, so each test gets a fresh one.
  let exporter = new InMemorySpanExporter();
  const handles: TelemetryHandle[] = [];

  function start(serviceName: string): TelemetryHandle {
    const handle = startTelemetry({
      serviceName,
      serviceVersion: '1.2.3',
      spanProcessors: [new SimpleSpanProcessor({ exporter })],
      env: {},
    });
    handles.push(handle);
    return handle;
  }

  afterEach(async () => {
    await Promise.all(handles.splice(0).map((handle) => handle.shutdown()));
    exporter = new InMemorySpanExporter();
  });

  it('exports spans with the service resource and the per-service tracer name', () => {
    const handle = start('deals');
    handle.tracer.startSpan('work').end();

    const [span] = exporter.getFinishedSpans();
    expect(span?.name).toBe('work');
    expect(span?.instrumentationScope.name).toBe('deals');
    expect(span?.resource.attributes['service.name']).toBe('deals');
    expect(span?.resource.attributes['service.version']).toBe('1.2.3');
  });

  it('registers the async-local-storage context manager and W3C propagators', async () => {
    const handle = start('deals');
    const span = handle.tracer.startSpan('outer');
    await context.with(trace.setSpan(context.active(), span), async () => {
      await new Promise((resolve) => setImmediate(resolve));
      expect(trace.getActiveSpan()).toBe(span);
    });
    span.end();
    expect(propagation.fields()).toEqual(
      expect.arrayContaining(['traceparent', 'tracestate', 'baggage']),
    );
  });

  it('lets a second service join the first provider and keeps it alive until the last shutdown', async () => {
    const first = start('deals');
    const second = startTelemetry({ serviceName: 'tasks', env: {} });
    expect(first.ownsProvider).toBe(true);
    expect(second.ownsProvider).toBe(false);

    second.tracer.startSpan('from-tasks').end();
    await first.shutdown();
    second.tracer.startSpan('after-first-shutdown').end();

    expect(
      exporter.getFinishedSpans().map((span) => [span.name, span.instrumentationScope.name]),
    ).toEqual([
      ['from-tasks', 'tasks'],
      ['after-first-shutdown', 'tasks'],
    ]);

    await second.shutdown();
    expect(trace.getTracer('tasks').startSpan('after-last-shutdown').isRecording()).toBe(false);
  });

  it('can start again after the last handle shut down', async () => {
    await start('deals').shutdown();
    exporter = new InMemorySpanExporter();
    const again = start('accounts');
    expect(again.ownsProvider).toBe(true);
    again.tracer.startSpan('again').end();
    expect(
      exporter.getFinishedSpans().map((span) => span.resource.attributes['service.name']),
    ).toEqual(['accounts']);
  });
});

describe('startTelemetry with an OTLP endpoint', () => {
  let collector: Server;
  let endpoint: string;
  const received: { path: string | undefined; body: string }[] = [];

  beforeAll(async () => {
    // A real HTTP receiver standing in for an OpenTelemetry collector.
    collector = createServer((request: IncomingMessage, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ path: request.url, body: Buffer.concat(chunks).toString('utf8') });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    collector.listen(0, '127.0.0.1');
    await once(collector, 'listening');
    endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    collector.closeAllConnections();
    await new Promise((resolve) => collector.close(resolve));
  });

  it('sends spans to <endpoint>/v1/traces, flushed by shutdown', async () => {
    const handle = startTelemetry({ serviceName: 'reporting', otlpEndpoint: endpoint, env: {} });
    handle.tracer.startSpan('exported-over-otlp').end();
    await handle.shutdown();

    expect(received).toHaveLength(1);
    expect(received[0]?.path).toBe('/v1/traces');
    expect(received[0]?.body).toContain('exported-over-otlp');
    expect(received[0]?.body).toContain('reporting');
  });

  it('takes the endpoint from OTEL_EXPORTER_OTLP_ENDPOINT', async () => {
    received.length = 0;
    const handle = startTelemetry({
      serviceName: 'identity',
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: `${endpoint}/` },
    });
    handle.tracer.startSpan('from-env').end();
    await handle.shutdown();

    expect(received.map((request) => request.path)).toEqual(['/v1/traces']);
    expect(received[0]?.body).toContain('from-env');
  });
});
