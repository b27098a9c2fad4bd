import type { Bus } from '@crm/bus';
import { createOrm, migrateUp, OutboxRelay, OutboxMessage } from '@crm/db';
import {
  implementService,
  startGrpcServer,
  type CallObserver,
  type GrpcServerHandle,
} from '@crm/grpc';
import type { Logger } from '@crm/logging';
import { AccountsServiceService } from '@crm/proto/crm/accounts/v1/accounts';
import type { AccountsServiceConfig } from './config.js';
import { AccountEntity } from './db/account.entity.js';
import { accountsMigrations } from './db/migrations/index.js';
import { ACCOUNTS_STREAM } from './events/account-events.js';
import { accountsHandlers } from './grpc/accounts-handlers.js';

export const ACCOUNTS_GRPC_SERVICE = 'crm.accounts.v1.AccountsService';

export interface AccountsServiceHandle {
  /** host:port other services and the gateway dial. */
  grpcAddress: string;
  grpcPort: number;
  /** Publishes what the outbox holds right now; tests use it to avoid waiting on timers. */
  flushOutbox(): Promise<void>;
  stop(): Promise<void>;
}

export interface AccountsServiceDeps {
  logger: Logger;
  /** The bus events are relayed to; owned (and closed) by the caller. */
  bus: Bus;
  observeCalls?: CallObserver;
  /** Relay tuning; the relay also wakes on every commit. */
  outbox?: { pollIntervalMs?: number; maxBackoffMs?: number };
}

/**
 * Composition of the accounts service: PostgreSQL schema, outbox relay to the bus, gRPC server.
 * `main.ts` calls it in a cluster; the launcher calls it in embedded mode.
 */
export async function startAccountsService(
  config: AccountsServiceConfig,
  deps: AccountsServiceDeps,
): Promise<AccountsServiceHandle> {
  const { logger } = deps;
  const orm = await createOrm({
    clientUrl: config.DATABASE_URL,
    schema: config.DATABASE_SCHEMA,
    entities: [AccountEntity, OutboxMessage],
    migrations: accountsMigrations,
    logger,
  });
  try {
    if (config.MIGRATE_ON_START) {
      const applied = await migrateUp(orm);
      if (applied.length > 0) logger.info({ applied }, 'migrations applied');
    }
    await deps.bus.ensureStream(ACCOUNTS_STREAM);
  } catch (error) {
    await orm.close();
    throw error;
  }

  const relay = new OutboxRelay({ orm, publisher: deps.bus, logger, ...deps.outbox });
  const implementation = implementService(
    AccountsServiceService,
    accountsHandlers({ orm, onEventsCommitted: () => relay.notify() }),
    { logger, callerKey: config.CRM_INTERNAL_SECRET, observe: deps.observeCalls },
  );
  let server: GrpcServerHandle;
  try {
    server = await startGrpcServer({
      host: config.GRPC_HOST,
      port: config.GRPC_PORT,
      logger,
      services: [
        { name: ACCOUNTS_GRPC_SERVICE, definition: AccountsServiceService, implementation },
      ],
    });
  } catch (error) {
    await orm.close();
    throw error;
  }
  // Only once the server is bound: a failed start leaves no relay (and its LISTEN connection) behind.
  relay.start();

  return {
    grpcAddress: server.address,
    grpcPort: server.port,
    async flushOutbox() {
      await relay.flushOnce();
    },
    async stop() {
      // Stop taking calls first, then let the relay publish what those calls committed.
      await server.shutdown();
      await relay.stop();
      await orm.close();
    },
  };
}
