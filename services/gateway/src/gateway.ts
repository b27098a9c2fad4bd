import { createGrpcClient, createHealthClient } from '@crm/grpc';
import type { Logger } from '@crm/logging';
import { AccountsServiceClient } from '@crm/proto/crm/accounts/v1/accounts';
import type { Registry } from 'prom-client';
import type { GatewayConfig } from './config.js';
import { buildServer } from './server.js';

export interface GatewayHandle {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const VERSION = '0.1.0';
const ACCOUNTS_GRPC_SERVICE = 'crm.accounts.v1.AccountsService';

/** Starts the gateway from its configuration; `main.ts` and the embedded launcher both call this. */
export async function startGateway(
  config: GatewayConfig,
  deps: { logger: Logger; metrics?: Registry },
): Promise<GatewayHandle> {
  const accounts = createGrpcClient(AccountsServiceClient, config.ACCOUNTS_GRPC_URL);
  const accountsHealth = createHealthClient(config.ACCOUNTS_GRPC_URL);
  const closeClients = () => {
    accounts.close();
    accountsHealth.close();
  };
  try {
    const server = await buildServer({
      logger: deps.logger,
      trustProxy: config.TRUST_PROXY,
      bodyLimitBytes: config.BODY_LIMIT_BYTES,
      clients: { accounts },
      readiness: [
        {
          name: 'accounts',
          check: async () => (await accountsHealth.check(ACCOUNTS_GRPC_SERVICE)) === 'SERVING',
        },
      ],
      webDistDir: config.WEB_DIST_DIR,
      version: VERSION,
      metrics: deps.metrics,
    });
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
      async stop() {
        await server.close();
        closeClients();
      },
    };
  } catch (error) {
    closeClients();
    throw error;
  }
}
