import type { Bus, StreamSpec } from '@crm/bus';
import { createOrm, migrateUp, OutboxRelay, type CreateOrmOptions, type Orm } from '@crm/db';
import type { ServiceDefinition, UntypedServiceImplementation } from '@grpc/grpc-js';
import {
  implementService,
  startGrpcServer,
  type CallObserver,
  type GrpcServerHandle,
  type UnaryHandlers,
  type UnaryMethodDefinition,
} from '@crm/grpc';
import type { Logger } from '@crm/logging';

/** The settings every gRPC service with its own schema reads (see `serviceEnv` in @crm/config). */
export interface ServiceCoreConfig {
  DATABASE_URL: string;
  DATABASE_SCHEMA: string;
  MIGRATE_ON_START: boolean;
  GRPC_HOST: string;
  GRPC_PORT: number;
  CRM_INTERNAL_SECRET: string;
}

/** What the embedding process hands a service: its logger and the bus, which it owns and closes. */
export interface ServiceCoreDeps {
  logger: Logger;
  bus: Bus;
  observeCalls?: CallObserver | undefined;
  /** Relay tuning; the relay also wakes on every commit. */
  outbox?: { pollIntervalMs?: number; maxBackoffMs?: number } | undefined;
}

export interface ServiceCore {
  orm: Orm;
  /** Wakes the outbox relay after a commit so events leave promptly. */
  notifyOutbox(): void;
}

export interface ServiceCoreHandle {
  /** host:port other services and the gateway dial. */
  grpcAddress: string;
  grpcPort: number;
  /** Publishes what the outbox holds right now; tests use it to avoid waiting on timers. */
  flushOutbox(): Promise<void>;
  stop(): Promise<void>;
}

type GrpcDefinition = ServiceDefinition & Record<string, UnaryMethodDefinition>;

/** One gRPC service a process serves: its handlers are checked against its definition. */
export interface GrpcServiceSpec<Definition extends GrpcDefinition> {
  /** Fully qualified name reported by the health service. */
  name: string;
  definition: Definition;
  handlers: (core: ServiceCore) => UnaryHandlers<Definition>;
}

/** A checked service spec with its handler types erased, so different services share one array. */
export interface ServiceCoreGrpcService {
  name: string;
  definition: ServiceDefinition;
  implement(
    core: ServiceCore,
    options: { logger: Logger; callerKey: string; observe?: CallObserver | undefined },
  ): UntypedServiceImplementation;
}

/** Type-checks one service's handlers for a process serving several (`grpc: [...]`). */
export function grpcService<Definition extends GrpcDefinition>(
  spec: GrpcServiceSpec<Definition>,
): ServiceCoreGrpcService {
  return {
    name: spec.name,
    definition: spec.definition,
    implement: (core, options) => implementService(spec.definition, spec.handlers(core), options),
  };
}

/**
 * What every service is made of: its PostgreSQL schema (migrated on start in embedded mode), its
 * event stream, an outbox relay to the bus, its gRPC server with health, and background work
 * (consumers) started once the server is bound. A failed start leaves nothing running; `stop()`
 * stops taking calls and messages first, then lets the relay publish what they committed.
 */
export async function startServiceCore<Definition extends GrpcDefinition>(options: {
  config: ServiceCoreConfig;
  deps: ServiceCoreDeps;
  entities: CreateOrmOptions['entities'];
  migrations: CreateOrmOptions['migrations'];
  stream: StreamSpec;
  /** One service, or several built with `grpcService` on the same server (and health). */
  grpc: GrpcServiceSpec<Definition> | readonly ServiceCoreGrpcService[];
  background?: (core: ServiceCore) => Array<{ stop(): Promise<void> }>;
}): Promise<ServiceCoreHandle> {
  const { config, deps } = options;
  const { logger } = deps;
  const orm = await createOrm({
    clientUrl: config.DATABASE_URL,
    schema: config.DATABASE_SCHEMA,
    entities: options.entities,
    migrations: options.migrations,
    logger,
  });
  let server: GrpcServerHandle;
  const relay = new OutboxRelay({ orm, publisher: deps.bus, logger, ...deps.outbox });
  const core: ServiceCore = { orm, notifyOutbox: () => relay.notify() };
  try {
    if (config.MIGRATE_ON_START) {
      const applied = await migrateUp(orm);
      if (applied.length > 0) logger.info({ applied }, 'migrations applied');
    }
    await deps.bus.ensureStream(options.stream);
    const services = isServiceList(options.grpc) ? options.grpc : [grpcService(options.grpc)];
    const implementOptions = {
      logger,
      callerKey: config.CRM_INTERNAL_SECRET,
      observe: deps.observeCalls,
    };
    server = await startGrpcServer({
      host: config.GRPC_HOST,
      port: config.GRPC_PORT,
      logger,
      services: services.map((service) => ({
        name: service.name,
        definition: service.definition,
        implementation: service.implement(core, implementOptions),
      })),
    });
  } catch (error) {
    await orm.close();
    throw error;
  }
  // Only once the server is bound: a failed start leaves no relay (with its LISTEN connection) behind.
  relay.start();
  const background = options.background?.(core) ?? [];

  return {
    grpcAddress: server.address,
    grpcPort: server.port,
    async flushOutbox() {
      await relay.flushOnce();
    },
    async stop() {
      await server.shutdown();
      for (const task of background) await task.stop();
      await relay.stop();
      await orm.close();
    },
  };
}

function isServiceList<Definition extends GrpcDefinition>(
  grpc: GrpcServiceSpec<Definition> | readonly ServiceCoreGrpcService[],
): grpc is readonly ServiceCoreGrpcService[] {
  return Array.isArray(grpc);
}
