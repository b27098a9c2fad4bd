import { startAccountsForTest } from '@crm/accounts/testing';
import type { AccountsServiceHandle } from '@crm/accounts';
import { createInProcessBus, type Bus } from '@crm/bus';
import { startIdentityForTest } from '@crm/identity/testing';
import type { IdentityServiceHandle } from '@crm/identity';
import type { Logger } from '@crm/logging';
import { createTestDatabase, type TestDatabase, TEST_INTERNAL_SECRET } from '@crm/testing';
import type { Registry } from 'prom-client';
import { loadGatewayConfig } from './config.js';
import { startGateway, type GatewayHandle } from './gateway.js';

export const ADMIN_EMAIL = 'admin@example.com';
export const ADMIN_PASSWORD = 'correct horse battery staple';

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
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookie) headers.cookie = this.cookie;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    if (this.csrfToken && options.csrf !== false && !['GET', 'HEAD'].includes(method)) {
      headers['x-csrf-token'] = this.csrfToken;
    }
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const setCookie = response.headers
      .getSetCookie()
      .find((line) => line.startsWith('crm_session='));
    if (setCookie) {
      const value = setCookie.split(';')[0] ?? '';
      this.cookie = value === 'crm_session=' ? undefined : value;
    }
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: (text ? JSON.parse(text) : null) as T,
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
  session(bearer?: string): HttpSession;
  /** A new session signed in as `email`. */
  signedIn(email: string, password: string): Promise<HttpSession>;
  stop(): Promise<void>;
}

/** Identity, accounts and the gateway on a fresh database, with the initial admin created. */
export async function startCrmStack(
  logger: Logger,
  options: { metrics?: Registry } = {},
): Promise<CrmStack> {
  const database: TestDatabase = await createTestDatabase('gateway');
  const bus = createInProcessBus({ logger });
  const identity = await startIdentityForTest({ databaseUrl: database.url, bus, logger });
  await identity.ensureInitialAdmin({ email: ADMIN_EMAIL, password: async () => ADMIN_PASSWORD });
  const accounts = await startAccountsForTest({ databaseUrl: database.url, bus, logger });
  const gateway = await startGateway(
    loadGatewayConfig({
      HOST: '127.0.0.1',
      PORT: '0',
      ACCOUNTS_GRPC_URL: accounts.grpcAddress,
      IDENTITY_GRPC_URL: identity.grpcAddress,
      CRM_INTERNAL_SECRET: TEST_INTERNAL_SECRET,
    }),
    { logger, ...(options.metrics ? { metrics: options.metrics } : {}) },
  );
  const session = (bearer?: string) => new HttpSession(gateway.url, bearer);
  return {
    url: gateway.url,
    bus,
    identity,
    accounts,
    gateway,
    session,
    async signedIn(email, password) {
      const signed = session();
      const response = await signed.signIn(email, password);
      if (response.status !== 200)
        throw new Error(`sign-in as ${email} failed with ${response.status}`);
      return signed;
    },
    async stop() {
      await gateway.stop();
      await accounts.stop();
      await identity.stop();
      await bus.close();
      await database.drop();
    },
  };
}
