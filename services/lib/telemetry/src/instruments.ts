import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

type GrpcLabel = 'method' | 'code';
type HttpLabel = 'method' | 'route' | 'status';
type BusLabel = 'subject';

export interface GrpcServerMetrics {
  readonly requests: Counter<GrpcLabel>;
  readonly duration: Histogram<GrpcLabel>;
  /** `method` is the full gRPC path (`/crm.deals.v1.Deals/GetDeal`), `code` the status name (`OK`). */
  record(method: string, code: string, durationSeconds: number): void;
}

export interface HttpServerMetrics {
  readonly requests: Counter<HttpLabel>;
  readonly duration: Histogram<HttpLabel>;
  /** `route` is the route pattern (`/deals/:id`), never the raw URL, to bound cardinality. */
  record(method: string, route: string, status: number, durationSeconds: number): void;
}

export interface BusMetrics {
  readonly published: Counter<BusLabel>;
  readonly consumed: Counter<BusLabel>;
  readonly deadLettered: Counter<BusLabel>;
}

export interface OutboxMetrics {
  /** Rows waiting in the transactional outbox; set by the relay after each poll. */
  readonly pending: Gauge;
}

// Factories return the instruments already created on a registry instead of registering them
// twice, so two components of one service may both ask for, say, the bus metrics.
const grpcServerCache = new WeakMap<Registry, GrpcServerMetrics>();
const httpServerCache = new WeakMap<Registry, HttpServerMetrics>();
const busCache = new WeakMap<Registry, BusMetrics>();
const outboxCache = new WeakMap<Registry, OutboxMetrics>();

export function createGrpcServerMetrics(registry: Registry): GrpcServerMetrics {
  return cached(grpcServerCache, registry, () => {
    const labelNames: GrpcLabel[] = ['method', 'code'];
    const requests = new Counter({
      name: 'grpc_server_requests_total',
      help: 'gRPC requests handled, by method and status code.',
      labelNames,
      registers: [registry],
    });
    const duration = new Histogram({
      name: 'grpc_server_request_duration_seconds',
      help: 'Time to handle a gRPC request, by method and status code.',
      labelNames,
      registers: [registry],
    });
    return {
      requests,
      duration,
      record(method, code, durationSeconds) {
        requests.inc({ method, code });
        duration.observe({ method, code }, durationSeconds);
      },
    };
  });
}

export function createHttpServerMetrics(registry: Registry): HttpServerMetrics {
  return cached(httpServerCache, registry, () => {
    const labelNames: HttpLabel[] = ['method', 'route', 'status'];
    const requests = new Counter({
      name: 'http_server_requests_total',
      help: 'HTTP requests served, by method, route and status.',
      labelNames,
      registers: [registry],
    });
    const duration = new Histogram({
      name: 'http_server_request_duration_seconds',
      help: 'Time to serve an HTTP request, by method, route and status.',
      labelNames,
      registers: [registry],
    });
    return {
      requests,
      duration,
      record(method, route, status, durationSeconds) {
        const labels = { method, route, status: String(status) };
        requests.inc(labels);
        duration.observe(labels, durationSeconds);
      },
    };
  });
}

export function createBusMetrics(registry: Registry): BusMetrics {
  return cached(busCache, registry, () => {
    const labelNames: BusLabel[] = ['subject'];
    return {
      published: new Counter({
        name: 'bus_messages_published_total',
        help: 'Messages published to the bus, by subject.',
        labelNames,
        registers: [registry],
      }),
      consumed: new Counter({
        name: 'bus_messages_consumed_total',
        help: 'Messages consumed from the bus and acknowledged, by subject.',
        labelNames,
        registers: [registry],
      }),
      deadLettered: new Counter({
        name: 'bus_messages_dead_lettered_total',
        help: 'Messages moved to a dead letter after failing processing, by subject.',
        labelNames,
        registers: [registry],
      }),
    };
  });
}

export function createOutboxMetrics(registry: Registry): OutboxMetrics {
  return cached(outboxCache, registry, () => ({
    pending: new Gauge({
      name: 'outbox_pending_messages',
      help: 'Rows in the transactional outbox not yet published.',
      registers: [registry],
    }),
  }));
}

function cached<T>(cache: WeakMap<Registry, T>, registry: Registry, create: () => T): T {
  const existing = cache.get(registry);
  if (existing) return existing;
  const created = create();
  cache.set(registry, created);
  return created;
}
