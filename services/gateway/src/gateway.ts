import { readFileSync } from 'node:fs';
import { createGrpcClient, createHealthClient } from '@crm/grpc';
import type { Logger } from '@crm/logging';
import { createObjectStorage } from '@crm/object-storage';
import { AccountsServiceClient } from '@crm/proto/crm/accounts/v1/accounts';
import { AttachmentsServiceClient } from '@crm/proto/crm/accounts/v1/attachments';
import { ContactsServiceClient } from '@crm/proto/crm/accounts/v1/contacts';
import { ImportsServiceClient } from '@crm/proto/crm/accounts/v1/imports';
import { TimelineServiceClient } from '@crm/proto/crm/accounts/v1/timeline';
import { IdentityServiceClient } from '@crm/proto/crm/identity/v1/identity';
import type { Registry } from 'prom-client';
import type { GatewayConfig } from './config.js';
import { buildServer, type RouteInfo } from './server.js';

export interface GatewayHandle {
  url: string;
  port: number;
  /** Every route with its access rule. */
  routes: readonly RouteInfo[];
  stop(): Promise<void>;
}

/** The API version in OpenAPI is the gateway package's version. */
const VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;
const ACCOUNTS_GRPC_SERVICE = 'crm.accounts.v1.AccountsService';
const IDENTITY_GRPC_SERVICE = 'crm.identity.v1.IdentityService';

/** Starts the gateway from its configuration; `main.ts` and the embedded launcher both call this. */
export async function startGateway(
  config: GatewayConfig,
  deps: { logger: Logger; metrics?: Registry },
): Promise<GatewayHandle> {
  const signing = { callerKey: config.CRM_INTERNAL_SECRET };
  // The accounts process serves the whole address book: accounts, contacts, timelines, files, imports.
  const accountsUrl = config.ACCOUNTS_GRPC_URL;
  const accounts = createGrpcClient(AccountsServiceClient, accountsUrl, signing);
  const contacts = createGrpcClient(ContactsServiceClient, accountsUrl, signing);
  const timeline = createGrpcClient(TimelineServiceClient, accountsUrl, signing);
  const attachments = createGrpcClient(AttachmentsServiceClient, accountsUrl, signing);
  const imports = createGrpcClient(ImportsServiceClient, accountsUrl, signing);
  const identity = createGrpcClient(IdentityServiceClient, config.IDENTITY_GRPC_URL, signing);
  const accountsHealth = createHealthClient(accountsUrl);
  const identityHealth = createHealthClient(config.IDENTITY_GRPC_URL);
  const storage = createObjectStorage(config);
  const closeClients = async () => {
    const clients = [accounts, contacts, timeline, attachments, imports, identity];
    for (const client of [...clients, accountsHealth, identityHealth]) client.close();
    await storage.close();
  };
  try {
    const routes: RouteInfo[] = [];
    const server = await buildServer(
      {
        logger: deps.logger,
        trustProxy: config.TRUST_PROXY,
        secureCookies: config.COOKIE_SECURE === 'auto' ? 'auto' : config.COOKIE_SECURE === 'true',
        bodyLimitBytes: config.BODY_LIMIT_BYTES,
        clients: { accounts, contacts, timeline, attachments, imports, identity },
        storage,
        uploadLimits: {
          attachmentBytes: config.ATTACHMENT_MAX_BYTES,
          importBytes: config.IMPORT_MAX_BYTES,
        },
        readiness: [
          {
            name: 'accounts',
            check: async () => (await accountsHealth.check(ACCOUNTS_GRPC_SERVICE)) === 'SERVING',
          },
          {
            name: 'identity',
            check: async () => (await identityHealth.check(IDENTITY_GRPC_SERVICE)) === 'SERVING',
          },
        ],
        webDistDir: config.WEB_DIST_DIR,
        version: VERSION,
        metrics: deps.metrics,
      },
      routes,
    );
    try {
      await server.listen({ host: config.HOST, port: config.PORT });
    } catch (error) {
      await server.close();
      throw error;
    }
    const address = server.server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    const host = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
    return {
      url: `http://${host}:${port}`,
      port,
      routes,
      async stop() {
        await server.close();
        await closeClients();
      },
    };
  } catch (error) {
    await closeClients();
    throw error;
  }
}
