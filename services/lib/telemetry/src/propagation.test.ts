import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { context, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { extractContext, injectContext } from './propagation.js';
import { startTelemetry, type TelemetryHandle } from './tracing.js';
import { withSpan } from './with-span.js';

const exporter = new InMemorySpanExporter();
let telemetry: TelemetryHandle;

beforeAll(() => {
  telemetry = startTelemetry({
    serviceName: 'propagation-test',
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

describe('injectContext / extractContext', () => {
  it('round-trips the trace id and parent span id through a header carrier', () => {
    const span = telemetry.tracer.startSpan('producer');
    const carrier = injectContext({}, trace.setSpan(context.active(), span));
    span.end();

    expect(carrier['traceparent']).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    const remote = trace.getSpanContext(extractContext(carrier));
    expect(remote?.traceId).toBe(span.spanContext().traceId);
    expect(remote?.spanId).toBe(span.spanContext().spanId);
    expect(remote?.isRemote).toBe(true);
  });

  it('injects the active context by default and carries baggage', async () => {
    const baggage = propagation.createBaggage({ tenant: { value: 'acme' } });
    const carrier = await withSpan('test', 'active', {}, () =>
      context.with(propagation.setBaggage(context.active(), baggage), () => injectContext({})),
    );

    expect(carrier['traceparent']).toContain(exporter.getFinishedSpans()[0]?.spanContext().traceId);
    expect(propagation.getBaggage(extractContext(carrier))?.getEntry('tenant')?.value).toBe('acme');
  });

  it('returns the base context unchanged when the carrier has no trace headers', () => {
    expect(
      trace.getSpanContext(extractContext({ 'content-type': 'application/json' })),
    ).toBeUndefined();
  });
});
