import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quietLogger, uniqueName, TEST_INTERNAL_SECRET } from '@crm/testing';
import { createMetricsRegistry } from '@crm/telemetry';
import { loadGatewayConfig } from './config.js';
import {
  startCrmStack,
  type CrmStack,
  type HttpSession,
  type Problem,
} from './crm-stack.test-support.js';
import { startGateway, type GatewayHandle } from './gateway.js';

describe('gateway over the real identity and accounts services', () => {
  const logger = quietLogger('gateway');
  let stack: CrmStack;
  let admin: HttpSession;
  let gateway: GatewayHandle;
  const metrics = createMetricsRegistry({ service: 'gateway' });

  /** Requests as the signed-in admin: session cookie plus CSRF token, like the web UI. */
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${gateway.url}${path}`, {
      ...init,
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: admin.cookie!,
        'x-csrf-token': admin.csrfToken!,
      },
    });
  const postJson = (path: string, body: unknown) =>
    api(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    stack = await startCrmStack(logger, { metrics });
    gateway = stack.gateway;
    admin = await stack.signedInAdmin();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('creates, lists and reads accounts', async () => {
    const name = uniqueName('Globex');
    const created = await postJson('/api/v1/accounts', { name, domain: 'globex.example' });
    expect(created.status).toBe(201);
    const account = (await created.json()) as { id: string; name: string; domain: string };
    // The person creating an account owns it until ownership rules arrive.
    expect(account).toMatchObject({ name, domain: 'globex.example', ownerId: admin.userId });
    expect(created.headers.get('location')).toBe(`/api/v1/accounts/${account.id}`);

    const list = await api(`/api/v1/accounts?q=${encodeURIComponent(name)}&limit=10`);
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual({ items: [account], nextCursor: null });

    const one = await api(`/api/v1/accounts/${account.id}`);
    expect(await one.json()).toEqual(account);
  });

  it('answers malformed requests with problem+json naming the field at fault', async () => {
    const forgedCursor = Buffer.from(
      JSON.stringify(['-createdAt', '2026-01-01T00:00:00Z', 'zzz']),
    ).toString('base64url');
    const cases: Array<[Response, string]> = [
      [await postJson('/api/v1/accounts', { domain: 'x.example' }), '/name'],
      [await postJson('/api/v1/accounts', { name: 'Acme', colour: 'red' }), '/colour'],
      [await postJson('/api/v1/accounts', { name: 'Acme', domain: 'not a domain' }), '/domain'],
      [await api('/api/v1/accounts?limit=500'), '/limit'],
      [await api('/api/v1/accounts?limit=0x10'), '/limit'],
      [await api('/api/v1/accounts?sort=colour'), '/sort'],
      [await api('/api/v1/accounts?sort=name&unknown=1'), '/unknown'],
      [await api(`/api/v1/accounts?cursor=${forgedCursor}`), '/cursor'],
    ];
    for (const [response, path] of cases) {
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await response.json()) as Problem;
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
    expect(((await missing.json()) as Problem).title).toBe('Not found');

    const noRoute = await api('/api/v1/nothing-here');
    expect(noRoute.status).toBe(404);
    const text = await noRoute.text();
    expect(text).not.toMatch(/stack|at .*\.ts/);
  });

  it('keeps the HTTP status of framework errors such as a body over the limit', async () => {
    const tooLarge = await postJson('/api/v1/accounts', { name: 'x'.repeat(2_000_000) });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers.get('content-type')).toContain('application/problem+json');
    expect(await tooLarge.json()).toMatchObject({ status: 413, title: 'Payload Too Large' });

    const wrongType = await api('/api/v1/accounts', {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: 'name\nAcme',
    });
    expect(wrongType.status).toBe(415);
  });

  it('streams any collection as formula-safe CSV with format=csv, across pages', async () => {
    const tag = uniqueName('Export');
    const names = [`${tag} a`, `=HYPERLINK("http://evil.example") ${tag}`, `${tag}, "quoted"`];
    for (const name of names)
      expect((await postJson('/api/v1/accounts', { name })).status).toBe(201);
    const response = await api(
      `/api/v1/accounts?q=${encodeURIComponent(tag)}&sort=name&format=csv&limit=1`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.headers.get('content-disposition')).toMatch(
      /attachment; filename="accounts-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const lines = (await response.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'id,name,domain,industry,size,status,tags,phone,website,street,city,region,postalCode,country,ownerId,notes,createdAt,updatedAt',
    );
    // `limit` does not cut the export short; the formula is neutralised; quotes and commas survive.
    expect(lines).toHaveLength(4);
    expect(
      lines.some((line) => line.includes(`"'=HYPERLINK(""http://evil.example"") ${tag}"`)),
    ).toBe(true);
    expect(lines.some((line) => line.includes(`"${tag}, ""quoted"""`))).toBe(true);

    for (const path of [
      '/api/v1/users?format=csv',
      '/api/v1/audit-events?format=csv',
      '/api/v1/api-tokens?format=csv',
    ]) {
      const csv = await api(path);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toContain('text/csv');
      expect((await csv.text()).split('\r\n')[0]).toMatch(/^id,/);
    }
  });

  it('sorts by name on request', async () => {
    const tag = uniqueName('Sorted');
    for (const suffix of ['b', 'c', 'a'])
      await postJson('/api/v1/accounts', { name: `${tag} ${suffix}` });
    const response = await api(`/api/v1/accounts?q=${tag}&sort=name`);
    const { items } = (await response.json()) as { items: Array<{ name: string }> };
    expect(items.map((item) => item.name)).toEqual([`${tag} a`, `${tag} b`, `${tag} c`]);
  });

  it('publishes an OpenAPI document generated from the validating schemas', async () => {
    const response = await api('/api/v1/openapi.json');
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      openapi: string;
      components: { schemas: Record<string, { properties?: object }> };
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: {
              content: Record<string, { schema: { $ref?: string; properties?: object } }>;
            };
            parameters?: Array<{ name: string; in: string }>;
            responses: Record<string, unknown>;
          }
        >
      >;
    };
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/v1/accounts', '/api/v1/accounts/{id}', '/healthz', '/readyz']),
    );
    expect(document.paths['/api/v1/accounts']?.post?.requestBody).toBeDefined();
    expect(document.paths['/api/v1/accounts']?.get?.parameters?.map((p) => p.name)).toEqual(
      expect.arrayContaining(['limit', 'cursor', 'q', 'ownerId', 'status', 'tag', 'industry']),
    );
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/accounts/duplicates',
        '/api/v1/accounts/{id}/merge',
        '/api/v1/accounts/{id}/timeline',
        '/api/v1/accounts/{id}/notes',
        '/api/v1/accounts/{id}/attachments',
        '/api/v1/contacts',
        '/api/v1/contacts/{id}',
        '/api/v1/contacts/{id}/merge',
        '/api/v1/notes/{id}',
        '/api/v1/attachments/{id}/content',
        '/api/v1/imports',
        '/api/v1/imports/preview',
        '/api/v1/imports/{id}/errors',
        '/api/v1/imports/{id}/undo',
      ]),
    );
    // Uploads are documented as the forms they are; writes name If-Match and the 409 members.
    const upload = document.paths['/api/v1/imports']?.post?.requestBody?.content;
    expect(Object.keys(upload ?? {})).toEqual(['multipart/form-data']);
    const form = upload?.['multipart/form-data']?.schema;
    const formSchema = form?.$ref
      ? document.components.schemas[form.$ref.replace('#/components/schemas/', '')]
      : form;
    expect(Object.keys(formSchema?.properties ?? {})).toEqual(
      expect.arrayContaining(['file', 'entity', 'mapping', 'dryRun']),
    );
    const patch = document.paths['/api/v1/accounts/{id}']?.patch;
    expect(patch?.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'if-match', in: 'header' })]),
    );
    expect(JSON.stringify(patch?.responses['409'])).toContain(
      '#/components/schemas/AccountConflict',
    );
    expect(Object.keys(document.components.schemas.AccountConflict?.properties ?? {})).toEqual(
      expect.arrayContaining(['type', 'status', 'currentVersion', 'current', 'duplicates']),
    );
  });

  it('reports health, readiness, security headers and request metrics', async () => {
    const health = await api('/healthz');
    expect(health.status).toBe(200);
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
    expect(health.headers.get('content-security-policy')).toContain("default-src 'self'");

    const ready = await api('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { accounts: 'up', identity: 'up' },
    });

    const exposition = await metrics.metrics();
    expect(exposition).toMatch(/http_server_requests_total\{[^}]*route="\/api\/v1\/accounts"/);
  });
});

describe('gateway readiness without its dependencies', () => {
  it('answers 503 on /readyz and the API while its services are unreachable, 200 on /healthz', async () => {
    const gateway = await startGateway(
      loadGatewayConfig({
        HOST: '127.0.0.1',
        PORT: '0',
        ACCOUNTS_GRPC_URL: '127.0.0.1:1',
        IDENTITY_GRPC_URL: '127.0.0.1:1',
        CRM_INTERNAL_SECRET: TEST_INTERNAL_SECRET,
      }),
      { logger: quietLogger('gateway') },
    );
    try {
      expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
      const ready = await fetch(`${gateway.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({
        status: 'unready',
        checks: { accounts: 'down', identity: 'down' },
      });

      // Credentials cannot be checked while identity is down: 503, not a misleading 401.
      const list = await fetch(`${gateway.url}/api/v1/accounts`, {
        headers: { authorization: 'Bearer crm_token' },
      });
      expect(list.status).toBe(503);
      const problem = (await list.json()) as Problem;
      expect(problem.title).toBe('Service unavailable');
      expect(JSON.stringify(problem)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|:1\b/);
    } finally {
      await gateway.stop();
    }
  });
});
