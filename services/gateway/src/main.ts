import { ConfigError } from '@crm/config';
import { createLogger } from '@crm/logging';
import { createMetricsRegistry, startMetricsServer, startTelemetry } from '@crm/telemetry';
import { loadGatewayConfig } from './config.js';
import { startGateway } from './gateway.js';

async function main(): Promise<void> {
  const config = loadGatewayConfig();
  const telemetry = startTelemetry({
    serviceName: 'gateway',
    otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
  });
  const logger = createLogger({ service: 'gateway', level: config.LOG_LEVEL });
  const metrics = createMetricsRegistry({ service: 'gateway' });
  const metricsServer =
    config.METRICS_PORT === undefined
      ? undefined
      : await startMetricsServer({ registry: metrics, port: config.METRICS_PORT });
  const gateway = await startGateway(config, { logger, metrics });
  logger.info({ url: gateway.url, metricsPort: metricsServer?.port }, 'gateway ready');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    gateway
      .stop()
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
  // Configuration errors name each variable; print them plainly for the operator.
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : String((error as Error)?.stack ?? error)}\n`,
  );
  process.exit(1);
});
