import type { Metadata } from '@grpc/grpc-js';
import { context, propagation, type Context } from '@opentelemetry/api';

export function injectTraceContext(metadata: Metadata, from: Context = context.active()): void {
  propagation.inject(from, metadata, {
    set: (carrier, key, value) => carrier.set(key, value),
  });
}

export function extractTraceContext(metadata: Metadata): Context {
  return propagation.extract(context.active(), metadata, {
    get: (carrier, key) => {
      const [value] = carrier.get(key);
      return typeof value === 'string' ? value : undefined;
    },
    keys: (carrier) => Object.keys(carrier.getMap()),
  });
}
