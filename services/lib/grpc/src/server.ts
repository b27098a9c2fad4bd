import {
  Server,
  ServerCredentials,
  type ServiceDefinition,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';
import type { Logger } from '@crm/logging';

export interface ServiceRegistration {
  /** Fully qualified name reported by the health service, e.g. `crm.accounts.v1.AccountsService`. */
  name: string;
  definition: ServiceDefinition;
  implementation: UntypedServiceImplementation;
}

export interface GrpcServerOptions {
  host?: string;
  /** 0 picks a free port. */
  port: number;
  logger: Logger;
  services: ServiceRegistration[];
  /** How long in-flight calls may finish during shutdown before they are cut. */
  shutdownGraceMs?: number;
}

export interface GrpcServerHandle {
  port: number;
  address: string;
  server: Server;
  /** Sets every registered service (and the overall "" entry) to SERVING or NOT_SERVING. */
  setServing(serving: boolean): void;
  shutdown(): Promise<void>;
}

export async function startGrpcServer(options: GrpcServerOptions): Promise<GrpcServerHandle> {
  const host = options.host ?? '0.0.0.0';
  const server = new Server({ 'grpc.max_receive_message_length': 16 * 1024 * 1024 });
  const health = new HealthImplementation({ '': 'NOT_SERVING' });
  health.addToServer(server);
  for (const service of options.services) {
    server.addService(service.definition, service.implementation);
    health.setStatus(service.name, 'NOT_SERVING');
  }
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(
      `${host}:${options.port}`,
      ServerCredentials.createInsecure(),
      (error, bound) => (error ? reject(error) : resolve(bound)),
    );
  });
  const setServing = (serving: boolean) => {
    const status = serving ? 'SERVING' : 'NOT_SERVING';
    health.setStatus('', status);
    for (const service of options.services) health.setStatus(service.name, status);
  };
  setServing(true);
  options.logger.info({ port }, 'gRPC server listening');

  let shuttingDown: Promise<void> | undefined;
  const shutdown = () => {
    shuttingDown ??= new Promise<void>((resolve) => {
      setServing(false);
      const force = setTimeout(() => {
        options.logger.warn('gRPC graceful shutdown timed out; cancelling in-flight calls');
        server.forceShutdown();
        resolve();
      }, options.shutdownGraceMs ?? 10_000);
      force.unref();
      server.tryShutdown(() => {
        clearTimeout(force);
        resolve();
      });
    });
    return shuttingDown;
  };
  return {
    port,
    address: `${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    server,
    setServing,
    shutdown,
  };
}
