import { connectNatsBus } from '@crm/bus';
import { runMain, StopStack, stopOnSignals } from '@crm/lifecycle';
import { createLogger } from '@crm/logging';
import {
  createGrpcServerMetrics,
  createMetricsRegistry,
  startMetricsServer,
  startTelemetry,
} from '@crm/telemetry';
import { loadAccountsConfig } from './config.js';
import { startAccountsService } from './service.js';

runMain(async () => {
  const config = loadAccountsConfig();
  const telemetry = startTelemetry({
    serviceName: 'accounts',
    otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
  });
  const logger = createLogger({ service: 'accounts', level: config.LOG_LEVEL });
  const running = new StopStack(logger);
  running.push('telemetry', () => telemetry.shutdown());

  const metrics = createMetricsRegistry({ service: 'accounts' });
  const grpcMetrics = createGrpcServerMetrics(metrics);
  if (config.METRICS_PORT !== undefined) {
    const metricsServer = await startMetricsServer({
      registry: metrics,
      port: config.METRICS_PORT,
    });
    running.push('metrics', () => metricsServer.close());
  }
  const bus = await connectNatsBus({ url: config.NATS_URL, name: 'accounts', logger });
  running.push('bus', () => bus.close());
  const service = await startAccountsService(config, {
    logger,
    bus,
    observeCalls: (call) => grpcMetrics.record(call.method, call.code, call.durationMs / 1000),
  });
  running.push('accounts', () => service.stop());

  stopOnSignals(logger, () => running.stopAll());
  logger.info(
    { grpc: service.grpcAddress, metricsPort: config.METRICS_PORT },
    'accounts service ready',
  );
});
