import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountsServiceHandle } from '@crm/accounts';
import { startAccountsForTest } from '@crm/accounts/testing';
import { createInProcessBus, type Bus } from '@crm/bus';
import { createTestDatabase, quietLogger, uniqueName, type TestDatabase } from '@crm/testing';
import { createMetricsRegistry } from '@crm/telemetry';
import { loadGatewayConfig } from './config.js';
import { startGateway, type GatewayHandle } from './gateway.js';

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: Array<{ path: string; message: string }>;
}

describe('gateway over the real accounts service', () => {
  const logger = quietLogger('gateway');
  let database: TestDatabase;
  let bus: Bus;
  let accounts: AccountsServiceHandle;
  let gateway: GatewayHandle;
  const metrics = createMetricsRegistry({ service: 'gateway' });

  const api = (path: string, init?: RequestInit) => fetch(`${gateway.url}${path}`, init);
  const postJson = (path: string, body: unknown) =>
    api(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    database = await createTestDatabase('gateway');
    bus = createInProcessBus({ logger });
    accounts = await startAccountsForTest({ databaseUrl: database.url, bus, logger });
    gateway = await startGateway(
      loadGatewayConfig({ HOST: '127.0.0.1', PORT: '0', ACCOUNTS_GRPC_URL: accounts.grpcAddress }),
      { logger, metrics },
    );
  });

  afterAll(async () => {
    await gateway?.stop();
    await accounts?.stop();
    await bus?.close();
    await database?.drop();
  });

  it('creates, lists and reads accounts', async () => {
    const name = uniqueName('Globex');
    const created = await postJson('/api/v1/accounts', { name, domain: 'globex.example' });
    expect(created.status).toBe(201);
    const account = (await created.json()) as { id: string; name: string; domain: string };
    expect(account).toMatchObject({ name, domain: 'globex.example', ownerId: null });
    expect(created.headers.get('location')).toBe(`/api/v1/accounts/${account.id}`);

    const list = await api(`/api/v1/accounts?q=${encodeURIComponent(name)}&limit=10`);
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual({ items: [account], nextCursor: null });

    const one = await api(`/api/v1/accounts/${account.id}`);
    expect(await one.json()).toEqual(account);
  });

  it('answers malformed requests with problem+json naming the field at fault', async () => {
    const cases: Array<[Response, string]> = [
      [await postJson('/api/v1/accounts', { domain: 'x.example' }), '/name'],
      [await postJson('/api/v1/accounts', { name: 'Acme', colour: 'red' }), '/colour'],
      [await postJson('/api/v1/accounts', { name: 'Acme', domain: 'not a domain' }), '/domain'],
      [await api('/api/v1/accounts?limit=500'), '/query/limit'],
      [await api('/api/v1/accounts?sort=name&unknown=1'), '/query/unknown'],
    ];
    for (const [response, path] of cases) {
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await response.json()) as ProblemBody;
      expect(problem).toMatchObject({
        status: 400,
        title: 'Invalid request',
        type: 'urn:crm:problem:validation-failed',
      });
      expect(problem.errors?.map((e) => e.path)).toContain(path);
    }
  });

  it('answers bad JSON, unknown ids and unknown routes as problems, without internals', async () => {
    const badJson = await api('/api/v1/accounts', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name": ',
    });
    expect(badJson.status).toBe(400);
    expect(badJson.headers.get('content-type')).toContain('application/problem+json');

    const missing = await api('/api/v1/accounts/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as ProblemBody).title).toBe('Not found');

    const noRoute = await api('/api/v1/nothing-here');
    expect(noRoute.status).toBe(404);
    const text = await noRoute.text();
    expect(text).not.toMatch(/stack|at .*\.ts/);
  });

  it('publishes an OpenAPI document generated from the validating schemas', async () => {
    const response = await api('/api/v1/openapi.json');
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<string, { requestBody?: unknown; parameters?: Array<{ name: string }> }>
      >;
    };
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/v1/accounts', '/api/v1/accounts/{id}', '/healthz', '/readyz']),
    );
    expect(document.paths['/api/v1/accounts']?.post?.requestBody).toBeDefined();
    expect(document.paths['/api/v1/accounts']?.get?.parameters?.map((p) => p.name)).toEqual(
      expect.arrayContaining(['limit', 'cursor', 'q']),
    );
  });

  it('reports health, readiness, security headers and request metrics', async () => {
    const health = await api('/healthz');
    expect(health.status).toBe(200);
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
    expect(health.headers.get('content-security-policy')).toContain("default-src 'self'");

    const ready = await api('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { accounts: 'up' } });

    const exposition = await metrics.metrics();
    expect(exposition).toMatch(/http_server_requests_total\{[^}]*route="\/api\/v1\/accounts"/);
  });
});

describe('gateway readiness without its dependencies', () => {
  it('answers 503 on /readyz while the accounts service is unreachable, 200 on /healthz', async () => {
    const gateway = await startGateway(
      loadGatewayConfig({ HOST: '127.0.0.1', PORT: '0', ACCOUNTS_GRPC_URL: '127.0.0.1:1' }),
      { logger: quietLogger('gateway') },
    );
    try {
      expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
      const ready = await fetch(`${gateway.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'unready', checks: { accounts: 'down' } });
    } finally {
      await gateway.stop();
    }
  });
});
