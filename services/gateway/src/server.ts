import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from '@crm/logging';
import { gatewayApp, type GatewayAppOptions } from './app.js';
import type { RouteAccess } from './http/access.js';

export interface ServerOptions extends GatewayAppOptions {
  logger: Logger;
  trustProxy: boolean | number | string[];
  bodyLimitBytes: number;
}

export interface RouteInfo {
  method: string;
  url: string;
  access: RouteAccess | undefined;
}

/** Builds the gateway; `routes` receives every route as it is registered (tests replay them). */
export async function buildServer(
  options: ServerOptions,
  routes: RouteInfo[] = [],
): Promise<FastifyInstance> {
  const { logger, trustProxy, bodyLimitBytes, ...appOptions } = options;
  // A hop count trusts that many proxies nearest to us (what proxy-addr does with a number).
  const trust =
    typeof trustProxy === 'number'
      ? (_address: string, hop: number) => hop < trustProxy
      : trustProxy;
  const server = Fastify({
    // pino's Logger is a FastifyBaseLogger; widening keeps the instance type the plugins expect.
    loggerInstance: logger as FastifyBaseLogger,
    trustProxy: trust,
    bodyLimit: bodyLimitBytes,
    // The contract rejects unknown query fields, so keep query parsing strict and predictable.
    routerOptions: { ignoreTrailingSlash: true },
    requestIdHeader: 'x-request-id',
  });
  server.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routes.push({ method, url: route.url, access: route.config?.access });
    }
  });
  await server.register(gatewayApp, appOptions);
  return server;
}
