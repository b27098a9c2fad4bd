import { connectNatsBus, type Bus } from '@crm/bus';
import type { CallObserver } from '@crm/grpc';
import { createLogger, type Logger } from '@crm/logging';
import {
  createGrpcServerMetrics,
  createMetricsRegistry,
  startMetricsServer,
  startTelemetry,
} from '@crm/telemetry';
import { runMain, stopOnSignals } from './process.js';
import { StopStack } from './stop-stack.js';

/** What a service's `main.ts` reads beyond its own settings. */
interface ProcessConfig {
  LOG_LEVEL: string;
  OTEL_EXPORTER_OTLP_ENDPOINT?: string | undefined;
  METRICS_PORT?: number | undefined;
  NATS_URL: string;
}

export interface ServiceDeps {
  logger: Logger;
  bus: Bus;
  observeCalls: CallObserver;
}

/**
 * The whole `main.ts` of a gRPC service in a cluster: validated config (fail fast), telemetry,
 * logger, Prometheus metrics, the NATS bus, the service, and an ordered stop on SIGINT/SIGTERM.
 * `ready` runs once the service is up (e.g. identity's initial admin).
 */
export function runServiceMain<
  Config extends ProcessConfig,
  Handle extends { grpcAddress: string; stop(): Promise<void> },
>(options: {
  service: string;
  loadConfig: () => Config;
  start: (config: Config, deps: ServiceDeps) => Promise<Handle>;
  ready?: (service: Handle, config: Config, logger: Logger) => Promise<void>;
}): void {
  runMain(async () => {
    const config = options.loadConfig();
    const telemetry = startTelemetry({
      serviceName: options.service,
      otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
    });
    const logger = createLogger({ service: options.service, level: config.LOG_LEVEL });
    const running = new StopStack(logger);
    running.push('telemetry', () => telemetry.shutdown());
    try {
      const metrics = createMetricsRegistry({ service: options.service });
      const grpcMetrics = createGrpcServerMetrics(metrics);
      if (config.METRICS_PORT !== undefined) {
        const metricsServer = await startMetricsServer({
          registry: metrics,
          port: config.METRICS_PORT,
        });
        running.push('metrics', () => metricsServer.close());
      }
      const bus = await connectNatsBus({ url: config.NATS_URL, name: options.service, logger });
      running.push('bus', () => bus.close());
      const service = await options.start(config, {
        logger,
        bus,
        observeCalls: (call) => grpcMetrics.record(call.method, call.code, call.durationMs / 1000),
      });
      running.push(options.service, () => service.stop());
      await options.ready?.(service, config, logger);
      stopOnSignals(logger, () => running.stopAll());
      logger.info(
        { grpc: service.grpcAddress, metricsPort: config.METRICS_PORT },
        `${options.service} service ready`,
      );
    } catch (error) {
      // A failed start still stops what did start, then the error ends the process.
      await running.stopAll();
      throw error;
    }
  });
}
