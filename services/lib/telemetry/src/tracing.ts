import { context, propagation, trace, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  CompositePropagator,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
} from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  TracerProvider,
  type Sampler,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { TelemetryError } from './errors.js';

export interface TelemetryOptions {
  serviceName: string;
  serviceVersion?: string;
  /** OTLP/HTTP base URL (e.g. `http://collector:4318`); `/v1/traces` is appended like the OTel env var. */
  otlpEndpoint?: string;
  sampler?: Sampler;
  /** Extra processors, e.g. an in-memory exporter in tests. */
  spanProcessors?: SpanProcessor[];
  /** Where `OTEL_EXPORTER_OTLP_*` variables are read from; `process.env` when omitted. */
  env?: NodeJS.ProcessEnv;
}

export interface TelemetryHandle {
  /** A tracer named after this call's service, even when the provider is shared. */
  readonly tracer: Tracer;
  /**
   * False when an earlier call in this process already registered the provider; this call's
   * exporter, sampler and processor options were then ignored in favour of the first call's.
   */
  readonly ownsProvider: boolean;
  /** Flushes spans; the provider itself stops when the last handle in the process shuts down. */
  shutdown(): Promise<void>;
}

interface ActiveTelemetry {
  provider: TracerProvider;
  handles: number;
}

// Module state rather than per-call state: embedded mode runs several services in one process and
// the OTel globals can hold only one provider, so later callers join the first one.
let active: ActiveTelemetry | undefined;

export function startTelemetry(options: TelemetryOptions): TelemetryHandle {
  const ownsProvider = active === undefined;
  const current = active ?? register(options);
  active = current;
  current.handles += 1;
  let released = false;
  return {
    tracer: trace.getTracer(options.serviceName, options.serviceVersion),
    ownsProvider,
    async shutdown() {
      if (released) return;
      released = true;
      current.handles -= 1;
      if (current.handles > 0) {
        await current.provider.forceFlush();
        return;
      }
      // Unregister before awaiting so a restart during the flush registers a fresh provider.
      if (active === current) {
        active = undefined;
        trace.disable();
        context.disable();
        propagation.disable();
      }
      await current.provider.shutdown();
    },
  };
}

export function getTracer(name: string, version?: string): Tracer {
  return trace.getTracer(name, version);
}

function register(options: TelemetryOptions): ActiveTelemetry {
  const env = options.env ?? process.env;
  const processors = [...(options.spanProcessors ?? [])];
  const exporter = otlpExporter(options.otlpEndpoint, env);
  if (exporter) processors.push(new BatchSpanProcessor({ exporter }));

  const provider = new TracerProvider({
    resource: defaultResource().merge(
      resourceFromAttributes({
        [ATTR_SERVICE_NAME]: options.serviceName,
        ...(options.serviceVersion === undefined
          ? {}
          : { [ATTR_SERVICE_VERSION]: options.serviceVersion }),
      }),
    ),
    spanProcessors: processors,
    ...(options.sampler === undefined ? {} : { sampler: options.sampler }),
  });

  registerGlobals(provider);
  return { provider, handles: 0 };
}

function registerGlobals(provider: TracerProvider): void {
  // Each step undoes only what this call registered, never a foreign registration.
  if (!trace.setGlobalTracerProvider(provider)) {
    void provider.shutdown();
    throw alreadyRegistered('tracer provider');
  }
  if (!context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable())) {
    trace.disable();
    void provider.shutdown();
    throw alreadyRegistered('context manager');
  }
  const propagator = new CompositePropagator({
    propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
  });
  if (!propagation.setGlobalPropagator(propagator)) {
    trace.disable();
    context.disable();
    void provider.shutdown();
    throw alreadyRegistered('propagator');
  }
}

function alreadyRegistered(what: string): TelemetryError {
  return new TelemetryError(
    `An OpenTelemetry ${what} is already registered by code outside @crm/telemetry`,
  );
}

function otlpExporter(
  endpoint: string | undefined,
  env: NodeJS.ProcessEnv,
): OTLPTraceExporter | undefined {
  const url = tracesUrl(endpoint, env);
  return url === undefined ? undefined : new OTLPTraceExporter({ url });
}

/**
 * Explicit option first, then the OTel variables with the spec's precedence: the signal-specific
 * URL is used as is, the base URL gets `v1/traces` appended.
 */
function tracesUrl(endpoint: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  if (endpoint) return appendTracesPath(endpoint);
  const tracesEndpoint = env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'];
  if (tracesEndpoint) return tracesEndpoint;
  const base = env['OTEL_EXPORTER_OTLP_ENDPOINT'];
  return base ? appendTracesPath(base) : undefined;
}

function appendTracesPath(base: string): string {
  return new URL('v1/traces', base.endsWith('/') ? base : `${base}/`).href;
}
