import { FastifyOtelInstrumentation, type FastifyOtelInstrumentationOpts } from '@fastify/otel';
import type { FastifyPluginCallback } from 'fastify';

export interface FastifyTelemetryOptions {
  /** Routes that get no span, e.g. health checks: a glob on the URL or a predicate. */
  ignorePaths?: FastifyOtelInstrumentationOpts['ignorePaths'];
  /**
   * Also trace every lifecycle hook (onRequest, preHandler, ...). Off by default: one span per hook
   * per request drowns the request and handler spans that matter.
   */
  instrumentHooks?: boolean;
}

/**
 * A Fastify plugin giving every request a SERVER span (`GET /deals/:id`, with `http.route`,
 * `http.request.method`, `http.response.status_code`) that continues an incoming `traceparent`.
 * Register it before the routes: it instruments routes as they are added.
 */
export function fastifyTelemetryPlugin(
  options: FastifyTelemetryOptions = {},
): FastifyPluginCallback {
  const instrumentation = new FastifyOtelInstrumentation({
    instrumentHooks: options.instrumentHooks ?? false,
    instrumentHandler: true,
    ...(options.ignorePaths === undefined ? {} : { ignorePaths: options.ignorePaths }),
    // The library names every request span "request"; semantic conventions want "{method} {route}".
    requestHook: (span, request) => {
      const route = request.routeOptions.url;
      span.updateName(route === undefined ? request.method : `${request.method} ${route}`);
    },
  });
  return instrumentation.plugin();
}
