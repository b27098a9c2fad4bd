import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export interface MetricsServerOptions {
  registry: Registry;
  /** 0 picks a free port; the chosen one is returned. */
  port: number;
  /** All interfaces when omitted, so a cluster scraper can reach it. */
  host?: string;
  /** Told about a failed collection (answered with 500), e.g. to log it. */
  onError?: (error: unknown) => void;
}

export interface MetricsServer {
  readonly port: number;
  close(): Promise<void>;
}

/** Serves `GET /metrics` in the Prometheus text format on its own port, apart from the API. */
export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const server = createServer((request, response) => {
    void handle(options, request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Scrapers keep connections alive; without this, close waits for them to time out.
        server.closeAllConnections();
      }),
  };
}

async function handle(
  options: MetricsServerOptions,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://metrics').pathname;
  if (path !== '/metrics') {
    send(response, 404, 'text/plain; charset=utf-8', 'not found\n');
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('allow', 'GET, HEAD');
    send(response, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
    return;
  }
  try {
    // Node drops the body of a HEAD response itself.
    send(response, 200, options.registry.contentType, await options.registry.metrics());
  } catch (error) {
    // A failing collect callback must not take the endpoint down or leak internals to scrapers.
    options.onError?.(error);
    send(response, 500, 'text/plain; charset=utf-8', 'metrics collection failed\n');
  }
}

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { 'content-type': contentType });
  response.end(body);
}
