import { runMain, StopStack, stopOnSignals } from '@crm/lifecycle';
import { createLogger } from '@crm/logging';
import { createMetricsRegistry, startMetricsServer, startTelemetry } from '@crm/telemetry';
import { loadGatewayConfig } from './config.js';
import { startGateway } from './gateway.js';

runMain(async () => {
  const config = loadGatewayConfig();
  const telemetry = startTelemetry({
    serviceName: 'gateway',
    otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
  });
  const logger = createLogger({ service: 'gateway', level: config.LOG_LEVEL });
  const running = new StopStack(logger);
  running.push('telemetry', () => telemetry.shutdown());

  const metrics = createMetricsRegistry({ service: 'gateway' });
  if (config.METRICS_PORT !== undefined) {
    const metricsServer = await startMetricsServer({
      registry: metrics,
      port: config.METRICS_PORT,
    });
    running.push('metrics', () => metricsServer.close());
  }
  const gateway = await startGateway(config, { logger, metrics });
  running.push('gateway', () => gateway.stop());

  stopOnSignals(logger, () => running.stopAll());
  logger.info({ url: gateway.url, metricsPort: config.METRICS_PORT }, 'gateway ready');
});
