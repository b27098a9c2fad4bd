import { connectNatsBus } from '@crm/bus';
import { ConfigError } from '@crm/config';
import { createLogger } from '@crm/logging';
import {
  createGrpcServerMetrics,
  createMetricsRegistry,
  startMetricsServer,
  startTelemetry,
} from '@crm/telemetry';
import { loadAccountsConfig } from './config.js';
import { startAccountsService } from './service.js';

async function main(): Promise<void> {
  const config = loadAccountsConfig();
  const telemetry = startTelemetry({
    serviceName: 'accounts',
    otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
  });
  const logger = createLogger({ service: 'accounts', level: config.LOG_LEVEL });
  const metrics = createMetricsRegistry({ service: 'accounts' });
  const grpcMetrics = createGrpcServerMetrics(metrics);
  const metricsServer =
    config.METRICS_PORT === undefined
      ? undefined
      : await startMetricsServer({ registry: metrics, port: config.METRICS_PORT });
  const bus = await connectNatsBus({ url: config.NATS_URL, name: 'accounts', logger });
  const service = await startAccountsService(config, {
    logger,
    bus,
    observeCalls: (call) => grpcMetrics.record(call.method, call.code, call.durationMs / 1000),
  });
  logger.info(
    { grpc: service.grpcAddress, metricsPort: metricsServer?.port },
    'accounts service ready',
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    service
      .stop()
      .then(() => bus.close())
      .then(() => metricsServer?.close())
      .then(() => telemetry.shutdown())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : String((error as Error)?.stack ?? error)}\n`,
  );
  process.exit(1);
});
