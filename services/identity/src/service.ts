import type { Bus, ConsumerHandle } from '@crm/bus';
import { createOrm, migrateUp, OutboxRelay } from '@crm/db';
import {
  implementService,
  startGrpcServer,
  type CallObserver,
  type GrpcServerHandle,
} from '@crm/grpc';
import type { Logger } from '@crm/logging';
import { IdentityServiceService } from '@crm/proto/crm/identity/v1/identity';
import {
  ensureInitialAdmin,
  type InitialAdminOptions,
  type InitialAdminResult,
} from './bootstrap.js';
import type { IdentityServiceConfig } from './config.js';
import { identityEntities } from './db/entities.js';
import { identityMigrations } from './db/migrations/index.js';
import { PasswordHasher } from './domain/password-hasher.js';
import { loginFailureKey } from './domain/secrets.js';
import { consumeAccountEvents } from './events/accounts-audit-consumer.js';
import { IDENTITY_STREAM } from './events/identity-events.js';
import type { IdentityContext } from './grpc/context.js';
import { identityHandlers } from './grpc/identity-handlers.js';

export const IDENTITY_GRPC_SERVICE = 'crm.identity.v1.IdentityService';

export interface IdentityServiceHandle {
  /** host:port other services and the gateway dial. */
  grpcAddress: string;
  grpcPort: number;
  /** Creates the first admin when there is no active admin; idempotent. */
  ensureInitialAdmin(options: InitialAdminOptions): Promise<InitialAdminResult>;
  /** Publishes what the outbox holds right now; tests use it to avoid waiting on timers. */
  flushOutbox(): Promise<void>;
  stop(): Promise<void>;
}

export interface IdentityServiceDeps {
  logger: Logger;
  /** The bus events are relayed to and read from; owned (and closed) by the caller. */
  bus: Bus;
  observeCalls?: CallObserver;
  /** Relay tuning; the relay also wakes on every commit. */
  outbox?: { pollIntervalMs?: number; maxBackoffMs?: number };
  /** The clock for sessions, tokens, rate limits and the audit log; tests move it by hand. */
  now?: () => Date;
  /** Tests pass their own to observe verifications. */
  passwords?: PasswordHasher;
}

/**
 * Composition of the identity service: PostgreSQL schema, outbox relay to the bus, the audit
 * consumer of other services' events, and the gRPC server. `main.ts` calls it in a cluster; the
 * launcher calls it in embedded mode.
 */
export async function startIdentityService(
  config: IdentityServiceConfig,
  deps: IdentityServiceDeps,
): Promise<IdentityServiceHandle> {
  const { logger } = deps;
  const orm = await createOrm({
    clientUrl: config.DATABASE_URL,
    schema: config.DATABASE_SCHEMA,
    entities: identityEntities,
    migrations: identityMigrations,
    logger,
  });
  try {
    if (config.MIGRATE_ON_START) {
      const applied = await migrateUp(orm);
      if (applied.length > 0) logger.info({ applied }, 'migrations applied');
    }
    await deps.bus.ensureStream(IDENTITY_STREAM);
  } catch (error) {
    await orm.close();
    throw error;
  }

  const relay = new OutboxRelay({ orm, publisher: deps.bus, logger, ...deps.outbox });
  const ctx: IdentityContext = {
    orm,
    now: deps.now ?? (() => new Date()),
    passwords: deps.passwords ?? new PasswordHasher(),
    loginFailureKey: loginFailureKey(config.LOGIN_FAILURE_KEY ?? config.CRM_INTERNAL_SECRET),
    sessionIdleMs: config.SESSION_IDLE_TIMEOUT_SECONDS * 1000,
    sessionAbsoluteMs: config.SESSION_ABSOLUTE_TIMEOUT_SECONDS * 1000,
    onEventsCommitted: () => relay.notify(),
  };
  const implementation = implementService(IdentityServiceService, identityHandlers(ctx), {
    logger,
    callerKey: config.CRM_INTERNAL_SECRET,
    observe: deps.observeCalls,
  });
  let server: GrpcServerHandle;
  try {
    server = await startGrpcServer({
      host: config.GRPC_HOST,
      port: config.GRPC_PORT,
      logger,
      services: [
        { name: IDENTITY_GRPC_SERVICE, definition: IdentityServiceService, implementation },
      ],
    });
  } catch (error) {
    await orm.close();
    throw error;
  }
  // Only once the server is bound: a failed start leaves no relay or consumer behind.
  relay.start();
  const auditConsumer: ConsumerHandle = consumeAccountEvents({
    bus: deps.bus,
    orm,
    logger: logger.child({ component: 'audit-consumer' }),
    now: ctx.now,
  });

  return {
    grpcAddress: server.address,
    grpcPort: server.port,
    ensureInitialAdmin: (options) => ensureInitialAdmin(ctx, options),
    async flushOutbox() {
      await relay.flushOnce();
    },
    async stop() {
      // Stop taking calls and messages first, then let the relay publish what they committed.
      await server.shutdown();
      await auditConsumer.stop();
      await relay.stop();
      await orm.close();
    },
  };
}
