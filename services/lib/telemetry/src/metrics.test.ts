import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Gauge, type Registry } from 'prom-client';
import {
  createBusMetrics,
  createGrpcServerMetrics,
  createHttpServerMetrics,
  createOutboxMetrics,
} from './instruments.js';
import { createMetricsRegistry } from './metrics-registry.js';
import { startMetricsServer, type MetricsServer } from './metrics-server.js';

/** The value of the series `name` with exactly `labels` in Prometheus text, whatever the label order. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = JSON.stringify(Object.entries(labels).sort());
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)\{(.*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((pair) => [
      pair[1],
      pair[2],
    ]);
    if (JSON.stringify(found.sort()) === wanted) return Number(match[3]);
  }
  return undefined;
}

describe('createMetricsRegistry and instrument factories', () => {
  it('labels every series with the service and includes default process metrics', async () => {
    const registry = createMetricsRegistry({ service: 'deals' });
    createGrpcServerMetrics(registry).record('/crm.deals.v1.Deals/GetDeal', 'OK', 0.012);

    const text = await registry.metrics();
    expect(text).toContain('process_cpu_user_seconds_total{service="deals"}');
    expect(text).toContain('nodejs_eventloop_lag_seconds{service="deals"}');
    expect(
      sample(text, 'grpc_server_requests_total', {
        method: '/crm.deals.v1.Deals/GetDeal',
        code: 'OK',
        service: 'deals',
      }),
    ).toBe(1);
    expect(
      sample(text, 'grpc_server_request_duration_seconds_bucket', {
        le: '0.025',
        method: '/crm.deals.v1.Deals/GetDeal',
        code: 'OK',
        service: 'deals',
      }),
    ).toBe(1);
  });

  it('lets services sharing a process register the same metrics in their own registries', async () => {
    const deals = createMetricsRegistry({ service: 'deals' });
    const tasks = createMetricsRegistry({ service: 'tasks' });
    createBusMetrics(deals).published.inc({ subject: 'crm.deals.v1.deal.created' });
    createBusMetrics(tasks).published.inc({ subject: 'crm.tasks.v1.task.upserted' }, 2);

    expect(
      sample(
        await deals.getSingleMetricAsString('bus_messages_published_total'),
        'bus_messages_published_total',
        { subject: 'crm.deals.v1.deal.created', service: 'deals' },
      ),
    ).toBe(1);
    expect(
      sample(
        await tasks.getSingleMetricAsString('bus_messages_published_total'),
        'bus_messages_published_total',
        { subject: 'crm.tasks.v1.task.upserted', service: 'tasks' },
      ),
    ).toBe(2);
  });

  it('returns the existing instruments when a factory is called twice on one registry', () => {
    const registry = createMetricsRegistry({ service: 'gateway' });
    expect(createHttpServerMetrics(registry)).toBe(createHttpServerMetrics(registry));
    expect(createGrpcServerMetrics(registry)).toBe(createGrpcServerMetrics(registry));
    expect(createBusMetrics(registry)).toBe(createBusMetrics(registry));
    expect(createOutboxMetrics(registry)).toBe(createOutboxMetrics(registry));
  });

  it('records HTTP requests by method, route and status', async () => {
    const registry = createMetricsRegistry({ service: 'gateway' });
    const http = createHttpServerMetrics(registry);
    http.record('GET', '/deals/:id', 200, 0.004);
    http.record('GET', '/deals/:id', 200, 0.006);
    http.record('POST', '/deals', 422, 0.002);

    const text = await registry.getSingleMetricAsString('http_server_requests_total');
    expect(
      sample(text, 'http_server_requests_total', {
        method: 'GET',
        route: '/deals/:id',
        status: '200',
        service: 'gateway',
      }),
    ).toBe(2);
    expect(
      sample(text, 'http_server_requests_total', {
        method: 'POST',
        route: '/deals',
        status: '422',
        service: 'gateway',
      }),
    ).toBe(1);
    expect(
      sample(
        await registry.getSingleMetricAsString('http_server_request_duration_seconds'),
        'http_server_request_duration_seconds_count',
        { method: 'GET', route: '/deals/:id', status: '200', service: 'gateway' },
      ),
    ).toBe(2);
  });
});

describe('startMetricsServer', () => {
  let registry: Registry;
  let server: MetricsServer;
  let base: string;

  beforeAll(async () => {
    registry = createMetricsRegistry({ service: 'time-ingest' });
    const bus = createBusMetrics(registry);
    bus.consumed.inc({ subject: 'productivity.v1.time-entry.upserted' }, 3);
    bus.deadLettered.inc({ subject: 'productivity.v1.time-entry.upserted' });
    createOutboxMetrics(registry).pending.set(7);
    server = await startMetricsServer({ registry, port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${server.port}`;
  });

  afterAll(async () => {
    await server.close();
  });

  it('serves the registry in the Prometheus text format on GET /metrics', async () => {
    const response = await fetch(`${base}/metrics`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await response.text();
    expect(text).toContain('# TYPE bus_messages_consumed_total counter');
    expect(
      sample(text, 'bus_messages_consumed_total', {
        subject: 'productivity.v1.time-entry.upserted',
        service: 'time-ingest',
      }),
    ).toBe(3);
    expect(
      sample(text, 'bus_messages_dead_lettered_total', {
        subject: 'productivity.v1.time-entry.upserted',
        service: 'time-ingest',
      }),
    ).toBe(1);
    expect(sample(text, 'outbox_pending_messages', { service: 'time-ingest' })).toBe(7);
  });

  it('answers 404 elsewhere and 405 for other methods', async () => {
    expect((await fetch(`${base}/`)).status).toBe(404);
    const post = await fetch(`${base}/metrics`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers 500 without details and reports the error when collection fails', async () => {
    const failing = createMetricsRegistry({ service: 'reporting' });
    new Gauge({
      name: 'failing_gauge',
      help: 'A gauge whose collect callback throws.',
      registers: [failing],
      collect() {
        throw new Error('database password rejected');
      },
    });
    const errors: unknown[] = [];
    const failingServer = await startMetricsServer({
      registry: failing,
      port: 0,
      host: '127.0.0.1',
      onError: (error) => errors.push(error),
    });
    try {
      const response = await fetch(`http://127.0.0.1:${failingServer.port}/metrics`);
      expect(response.status).toBe(500);
      expect(await response.text()).toBe('metrics collection failed\n');
      expect(errors).toHaveLength(1);
    } finally {
      await failingServer.close();
    }
  });

  it('reports a port that is already taken instead of hanging', async () => {
    await expect(
      startMetricsServer({ registry, port: server.port, host: '127.0.0.1' }),
    ).rejects.toMatchObject({
      code: 'EADDRINUSE',
    });
  });
});
