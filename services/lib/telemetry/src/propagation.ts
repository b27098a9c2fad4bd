import { context, propagation, type Context } from '@opentelemetry/api';

/** Header-like carrier as found on HTTP requests, gRPC metadata records or message headers. */
export type ContextCarrier = Readonly<Record<string, string | string[] | undefined>>;

/**
 * Writes the W3C `traceparent`/`tracestate`/`baggage` headers of `ctx` (the active context by
 * default) into `carrier` and returns it, for outgoing gRPC metadata or message headers.
 */
export function injectContext(
  carrier: Record<string, string>,
  ctx: Context = context.active(),
): Record<string, string> {
  propagation.inject(ctx, carrier);
  return carrier;
}

/** Reads W3C headers from `carrier` into a context derived from `base` (the active context by default). */
export function extractContext(carrier: ContextCarrier, base: Context = context.active()): Context {
  return propagation.extract(base, carrier);
}
