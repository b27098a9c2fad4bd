import { collectDefaultMetrics, Registry } from 'prom-client';

export interface MetricsRegistryOptions {
  /** Stamped on every series as the `service` label. */
  service: string;
}

/**
 * A fresh registry per service (never prom-client's global one), so services sharing a process in
 * embedded mode each register their own metrics without "already registered" collisions.
 */
export function createMetricsRegistry(options: MetricsRegistryOptions): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service: options.service });
  collectDefaultMetrics({ register: registry });
  return registry;
}
