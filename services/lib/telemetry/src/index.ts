export { SpanKind } from '@opentelemetry/api';
export { TelemetryError } from './errors.js';
export {
  startTelemetry,
  getTracer,
  type TelemetryOptions,
  type TelemetryHandle,
} from './tracing.js';
export { injectContext, extractContext, type ContextCarrier } from './propagation.js';
export { withSpan, type WithSpanOptions } from './with-span.js';
export { fastifyTelemetryPlugin, type FastifyTelemetryOptions } from './fastify-plugin.js';
export { createMetricsRegistry, type MetricsRegistryOptions } from './metrics-registry.js';
export {
  startMetricsServer,
  type MetricsServer,
  type MetricsServerOptions,
} from './metrics-server.js';
export {
  createGrpcServerMetrics,
  createHttpServerMetrics,
  createBusMetrics,
  createOutboxMetrics,
  type GrpcServerMetrics,
  type HttpServerMetrics,
  type BusMetrics,
  type OutboxMetrics,
} from './instruments.js';
