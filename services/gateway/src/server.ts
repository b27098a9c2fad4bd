import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from '@crm/logging';
import { gatewayApp, type GatewayAppOptions } from './app.js';

export interface ServerOptions extends GatewayAppOptions {
  logger: Logger;
  trustProxy: boolean;
  bodyLimitBytes: number;
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { logger, trustProxy, bodyLimitBytes, ...appOptions } = options;
  const server = Fastify({
    // pino's Logger is a FastifyBaseLogger; widening keeps the instance type the plugins expect.
    loggerInstance: logger as FastifyBaseLogger,
    trustProxy,
    bodyLimit: bodyLimitBytes,
    // The contract rejects unknown query fields, so keep query parsing strict and predictable.
    routerOptions: { ignoreTrailingSlash: true },
    requestIdHeader: 'x-request-id',
  });
  await server.register(gatewayApp, appOptions);
  return server;
}
