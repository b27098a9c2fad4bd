import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAccountsForTest } from '@crm/accounts/testing';
import type { AccountsServiceHandle } from '@crm/accounts';
import { createInProcessBus, type Bus } from '@crm/bus';
import { startIdentityForTest } from '@crm/identity/testing';
import type { IdentityServiceHandle } from '@crm/identity';
import type { Logger } from '@crm/logging';
import { createLocalObjectStorage, type ObjectStorage } from '@crm/object-storage';
import { createTestDatabase, type TestDatabase, TEST_INTERNAL_SECRET } from '@crm/testing';
import type { Registry } from 'prom-client';
import type { z } from 'zod';
import { loadGatewayConfig } from './config.js';
import { startGateway, type GatewayHandle } from './gateway.js';
import type { problemSchema } from './http/problem-schema.js';

export const ADMIN_EMAIL = 'admin@example.com';
export const ADMIN_PASSWORD = 'correct horse battery staple';

/** A problem+json answer, as the gateway documents it. */
export type Problem = z.output<typeof problemSchema>;

export interface JsonResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** A browser-like client: keeps the session cookie and sends the CSRF token on state changes. */
export class HttpSession {
  cookie: string | undefined;
  csrfToken: string | undefined;
  userId: string | undefined;

  constructor(
    readonly baseUrl: string,
    private readonly bearer?: string,
  ) {}

  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    options: { csrf?: boolean; headers?: Record<string, string> } = {},
  ): Promise<JsonResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    // fetch writes a form's multipart content type itself, boundary included.
    const form = body instanceof FormData;
    if (body !== undefined && !form) headers['content-type'] = 'application/json';
    if (this.cookie) headers.cookie = this.cookie;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    if (this.csrfToken && options.csrf !== false && !['GET', 'HEAD'].includes(method)) {
      headers['x-csrf-token'] = this.csrfToken;
    }
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: form ? body : JSON.stringify(body) }),
    });
    const setCookie = response.headers
      .getSetCookie()
      .find((line) => line.startsWith('crm_session='));
    if (setCookie) {
      const value = setCookie.split(';')[0] ?? '';
      this.cookie = value === 'crm_session=' ? undefined : value;
    }
    const text = await response.text();
    const json = /[/+]json\b/.test(response.headers.get('content-type') ?? '');
    return {
      status: response.status,
      headers: response.headers,
      // Files and CSV exports come back as text.
      body: (json && text ? JSON.parse(text) : text || null) as T,
    };
  }

  async signIn(
    email: string,
    password: string,
  ): Promise<JsonResponse<{ csrfToken: string; user: { id: string } }>> {
    const response = await this.request<{ csrfToken: string; user: { id: string } }>(
      'POST',
      '/api/v1/auth/login',
      {
        email,
        password,
      },
    );
    if (response.status === 200) {
      this.csrfToken = response.body.csrfToken;
      this.userId = response.body.user.id;
    }
    return response;
  }
}

export interface CrmStack {
  url: string;
  bus: Bus;
  identity: IdentityServiceHandle;
  accounts: AccountsServiceHandle;
  gateway: GatewayHandle;
  /** The object storage the gateway and the accounts service share (local files). */
  storage: ObjectStorage;
  session(bearer?: string): HttpSession;
  /** A new session signed in as `email`. */
  signedIn(email: string, password: string): Promise<HttpSession>;
  /** A new session signed in as the initial admin. */
  signedInAdmin(): Promise<HttpSession>;
  stop(): Promise<void>;
}

/**
 * Identity, accounts and the gateway on a fresh database and a fresh data directory, with the
 * initial admin created. `gatewayEnv` adds gateway settings (upload limits, …).
 */
export async function startCrmStack(
  logger: Logger,
  options: { metrics?: Registry; gatewayEnv?: Record<string, string> } = {},
): Promise<CrmStack> {
  const dataDir = await mkdtemp(join(tmpdir(), 'crm-gateway-'));
  const database: TestDatabase = await createTestDatabase('gateway');
  const bus = createInProcessBus({ logger });
  const identity = await startIdentityForTest({ databaseUrl: database.url, bus, logger });
  await identity.ensureInitialAdmin({ email: ADMIN_EMAIL, password: async () => ADMIN_PASSWORD });
  const accounts = await startAccountsForTest({
    databaseUrl: database.url,
    bus,
    logger,
    // Uploads the gateway stores must reach the import worker.
    dataDir,
  });
  const gateway = await startGateway(
    loadGatewayConfig({
      HOST: '127.0.0.1',
      PORT: '0',
      ACCOUNTS_GRPC_URL: accounts.grpcAddress,
      IDENTITY_GRPC_URL: identity.grpcAddress,
      CRM_INTERNAL_SECRET: TEST_INTERNAL_SECRET,
      CRM_DATA_DIR: dataDir,
      ...options.gatewayEnv,
    }),
    { logger, ...(options.metrics ? { metrics: options.metrics } : {}) },
  );
  // The same files the gateway's default (local) object storage uses.
  const storage = createLocalObjectStorage({ root: join(dataDir, 'files') });
  const session = (bearer?: string) => new HttpSession(gateway.url, bearer);
  const signedIn = async (email: string, password: string) => {
    const signed = session();
    const response = await signed.signIn(email, password);
    if (response.status !== 200)
      throw new Error(`sign-in as ${email} failed with ${response.status}`);
    return signed;
  };
  return {
    url: gateway.url,
    bus,
    identity,
    accounts,
    gateway,
    storage,
    session,
    signedIn,
    signedInAdmin: () => signedIn(ADMIN_EMAIL, ADMIN_PASSWORD),
    async stop() {
      await gateway.stop();
      await accounts.stop();
      await identity.stop();
      await bus.close();
      await storage.close();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
