import { randomBytes } from 'node:crypto';
import { startAccountsService } from '@crm/accounts';
import { loadGatewayConfig, startGateway } from '@crm/gateway';
import { startIdentityService } from '@crm/identity';
import { StopStack } from '@crm/lifecycle';
import { createLogger, type Logger } from '@crm/logging';
import { objectStorageEnv, type ObjectStorageConfig } from '@crm/object-storage';
import { loadDemoData } from './demo-data.js';
import { initialAdminPassword } from './initial-admin.js';
import type { LauncherConfig } from './config.js';
import { startInfrastructure } from './infrastructure.js';

export interface CrmRuntime {
  url: string;
  port: number;
  summary: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * The whole CRM in one process (design.md, "Embedded mode"): each service is started through the
 * same `start…` function its own `main.ts` uses, and they still talk gRPC over loopback.
 */
export interface StartOptions {
  /** Load the demo organisation (`npm start -- --demo`). */
  demo?: boolean;
}

export async function startCrm(
  config: LauncherConfig,
  logger: Logger,
  options: StartOptions = {},
): Promise<CrmRuntime> {
  const serviceLogger = (service: string) => createLogger({ service, level: config.LOG_LEVEL });
  const infrastructure = await startInfrastructure(config, logger);
  // In one process every service and the gateway share a caller-signing key made for this run.
  const internalSecret = randomBytes(32).toString('base64url');
  const started = new StopStack(logger);
  started.push('infrastructure', () => infrastructure.stop());
  const stop = () => started.stopAll();
  // The gateway stores uploads and the accounts service reads them: both see the same store.
  const objectStorage = Object.fromEntries(
    (Object.keys(objectStorageEnv) as Array<keyof ObjectStorageConfig>).map((name) => [
      name,
      config[name],
    ]),
  ) as ObjectStorageConfig;
  try {
    const identity = await startIdentityService(
      {
        DATABASE_URL: infrastructure.databaseUrl,
        DATABASE_SCHEMA: 'identity',
        CRM_INTERNAL_SECRET: internalSecret,
        GRPC_HOST: '127.0.0.1',
        GRPC_PORT: 0,
        MIGRATE_ON_START: true,
        LOG_LEVEL: config.LOG_LEVEL,
        OTEL_EXPORTER_OTLP_ENDPOINT: config.OTEL_EXPORTER_OTLP_ENDPOINT,
        SESSION_IDLE_TIMEOUT_SECONDS: config.SESSION_IDLE_TIMEOUT_SECONDS,
        SESSION_ABSOLUTE_TIMEOUT_SECONDS: config.SESSION_ABSOLUTE_TIMEOUT_SECONDS,
      },
      { logger: serviceLogger('identity'), bus: infrastructure.bus },
    );
    started.push('identity', () => identity.stop());
    await identity.ensureInitialAdmin({
      email: config.CRM_ADMIN_EMAIL,
      password: initialAdminPassword(config, logger),
    });

    const accounts = await startAccountsService(
      {
        DATABASE_URL: infrastructure.databaseUrl,
        DATABASE_SCHEMA: 'accounts',
        CRM_INTERNAL_SECRET: internalSecret,
        GRPC_HOST: '127.0.0.1',
        GRPC_PORT: 0,
        MIGRATE_ON_START: true,
        LOG_LEVEL: config.LOG_LEVEL,
        OTEL_EXPORTER_OTLP_ENDPOINT: config.OTEL_EXPORTER_OTLP_ENDPOINT,
        IMPORT_BATCH_SIZE: config.IMPORT_BATCH_SIZE,
        ...objectStorage,
      },
      { logger: serviceLogger('accounts'), bus: infrastructure.bus },
    );
    started.push('accounts', () => accounts.stop());
    if (options.demo) await loadDemoData(accounts.grpcAddress, internalSecret, logger);

    const gateway = await startGateway(
      {
        ...loadGatewayConfig({
          HOST: config.HOST,
          PORT: String(config.PORT),
          ACCOUNTS_GRPC_URL: accounts.grpcAddress,
          IDENTITY_GRPC_URL: identity.grpcAddress,
          CRM_INTERNAL_SECRET: internalSecret,
          WEB_DIST_DIR: config.WEB_DIST_DIR,
          LOG_LEVEL: config.LOG_LEVEL,
        }),
        ...objectStorage,
      },
      { logger: serviceLogger('gateway') },
    );
    started.push('gateway', () => gateway.stop());

    return { url: gateway.url, port: gateway.port, summary: infrastructure.summary, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
